//! Small value types shared by every document kind: ids that may be written as
//! integers or strings, calendar dates that must exist, times, and the
//! `Spanned` wrapper that remembers where a value was written.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Pos;

pub use serde_saphyr::Spanned;

/// The position of a spanned value in its file.
pub fn pos<T>(s: &Spanned<T>) -> Pos {
    Pos::new(s.referenced.line() as usize, s.referenced.column() as usize)
}

/// One part of an id (`EH1`, `4a`, `peer-on-peer-2019`): letters, digits,
/// `-`, `.` and `_`, never `..` or a leading `.`, so it can never climb out
/// of its folder. Written as an integer or a string; `1` and `"1"` are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why `s` is not a valid id part, if it is not.
pub fn id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("an id cannot be empty".into());
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
    {
        return Some(format!(
            "the id `{s}` contains `{c}`; ids may hold only letters, digits, `-`, `.` and `_`"
        ));
    }
    if s.starts_with('.') {
        return Some(format!(
            "the id `{s}` starts with `.`; ids must start with a letter or digit"
        ));
    }
    None
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id (letters, digits, `-`, `.`, `_`)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
                // `1.3` in YAML is a float; as an id it means the string "1.3".
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                match id_problem(v) {
                    Some(p) => Err(E::custom(p)),
                    None => Ok(Id(v.to_string())),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A calendar date written `YYYY-MM-DD`; impossible dates are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let m = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, m, day).ok().map(Date)
    }

    /// Parse `YYYY-MM-DD`, explaining what is wrong in an author's words.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let shaped = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !shaped {
            return Err(format!(
                "`{s}` is not a date; write dates as YYYY-MM-DD, e.g. 2020-06-02"
            ));
        }
        let (y, m, d) = (
            parts[0].parse::<i32>().map_err(|e| e.to_string())?,
            parts[1].parse::<u8>().map_err(|e| e.to_string())?,
            parts[2].parse::<u8>().map_err(|e| e.to_string())?,
        );
        Date::new(y, m, d).ok_or_else(|| format!("`{s}` is not a real date (no such day in the calendar)"))
    }

    /// Today's date in UTC.
    pub fn today() -> Self {
        Date(time::OffsetDateTime::now_utc().date())
    }

    /// Today's date where the council is: the calendar date now in `tz`.
    pub fn today_in(tz: &jiff::tz::TimeZone) -> Self {
        Self::on(jiff::Timestamp::now(), tz)
    }

    /// Today's date in the time zone named `zone` (an IANA name), if known.
    pub fn today_in_zone(zone: &str) -> Option<Self> {
        jiff::tz::db().get(zone).ok().map(|tz| Self::today_in(&tz))
    }

    /// The calendar date in `tz` at the instant `at`.
    pub fn on(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Self {
        let d = at.to_zoned_datetime(tz.clone()).date();
        let month = u8::try_from(d.month()).unwrap_or(1);
        let day = u8::try_from(d.day()).unwrap_or(1);
        Date::new(i32::from(d.year()), month, day).unwrap_or_else(Self::today)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// `2020-06-02`
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }

    /// `2 June 2020`, the GOV.UK style.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS[usize::from(self.month() - 1)],
            self.year()
        )
    }

    /// `Tuesday 2 June 2020`
    pub fn with_weekday(self) -> String {
        format!("{} {}", self.0.weekday(), self.long())
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        (other.0 - self.0).whole_days()
    }

    /// The municipal year (May to April) this date falls in, e.g. `2019/20`.
    pub fn municipal_year(self) -> String {
        let start = if self.month() >= 5 {
            self.year()
        } else {
            self.year() - 1
        };
        format!("{}/{:02}", start, (start + 1).rem_euclid(100))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Err(E::custom(format!(
                    "`{v}` is not a date; write dates as YYYY-MM-DD, e.g. 2020-06-02"
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                self.visit_i64(v as i64)
            }
        }
        d.deserialize_any(V)
    }
}

/// A 24-hour clock time written `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Time(pub String);

impl Time {
    /// `1:00pm`, `10:15am`, `12 noon` — the way councils print times.
    pub fn display(&self) -> String {
        let Some((h, m)) = self.0.split_once(':') else {
            return self.0.clone();
        };
        let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else {
            return self.0.clone();
        };
        if h == 12 && m == 0 {
            return "12 noon".into();
        }
        let (h12, ampm) = match h {
            0 => (12, "am"),
            1..=11 => (h, "am"),
            12 => (12, "pm"),
            _ => (h - 12, "pm"),
        };
        format!("{h12}:{m:02}{ampm}")
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let ok = s.split_once(':').is_some_and(|(h, m)| {
            h.len() <= 2
                && m.len() == 2
                && h.parse::<u32>().is_ok_and(|h| h < 24)
                && m.parse::<u32>().is_ok_and(|m| m < 60)
        });
        if ok {
            Ok(Time(s))
        } else {
            Err(de::Error::custom(format!(
                "`{s}` is not a time; write times on the 24-hour clock in quotes, e.g. \"13:00\" (free text goes in time_note)"
            )))
        }
    }
}

/// A value that may be written as one item or a list (`wards: all` or a list).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A `{ name, email, phone }` contact block.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A figure for people to read: at most six decimals, no float noise, and
/// thousands separated by commas (`1,234.5`, `-0.25`, `96`).
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let r = (v * 1e6).round() / 1e6;
    let s = format!("{:.6}", r.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').map_or((s, ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if r < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2019-02-29").unwrap_err().contains("not a real date"));
        assert!(Date::parse("2019-13-01").is_err());
        assert!(Date::parse("2/6/2020").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn dates_format_the_council_way() {
        let d = Date::parse("2020-06-02").unwrap();
        assert_eq!(d.long(), "2 June 2020");
        assert_eq!(d.with_weekday(), "Tuesday 2 June 2020");
        assert_eq!(d.municipal_year(), "2020/21");
        assert_eq!(Date::parse("2020-04-30").unwrap().municipal_year(), "2019/20");
    }

    #[test]
    fn today_is_the_date_in_the_site_time_zone() {
        // 2020-06-01 23:30 UTC is already 2 June in London (BST) and still 1 June in UTC.
        let at: jiff::Timestamp = "2020-06-01T23:30:00Z".parse().unwrap();
        let london = jiff::tz::db().get("Europe/London").unwrap();
        assert_eq!(Date::on(at, &london).iso(), "2020-06-02");
        assert_eq!(Date::on(at, &jiff::tz::TimeZone::UTC).iso(), "2020-06-01");
    }

    #[test]
    fn ids_reject_escapes() {
        assert!(id_problem("..").is_some());
        assert!(id_problem("a/b").is_some());
        assert!(id_problem(".hidden").is_some());
        assert!(id_problem("4a").is_none());
        assert!(id_problem("peer-on-peer_2019.1").is_none());
    }

    #[test]
    fn times_display_as_councils_print_them() {
        assert_eq!(Time("13:00".into()).display(), "1:00pm");
        assert_eq!(Time("10:15".into()).display(), "10:15am");
        assert_eq!(Time("12:00".into()).display(), "12 noon");
    }
}
