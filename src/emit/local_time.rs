//! Wall-clock times of meetings in the site's time zone: the UTC offset of
//! Europe/London on a given day and time (for schema.org dates), and the
//! `VTIMEZONE` block calendars need to read `TZID=Europe/London`.
//!
//! Only the United Kingdom's rules are built in (the Summer Time Order
//! 2002: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
//! last Sunday of October), because they are the rules minutebook's
//! councils live by; a site in another zone gets its `TZID` named without
//! rules, and dates without an offset.

use crate::load::primitives::Date;

/// The built-in zone.
pub const LONDON: &str = "Europe/London";

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day of the week, 0 = Sunday.
fn weekday(y: i32, m: u8, d: u8) -> i64 {
    (days_from_civil(y, m, d) + 4).rem_euclid(7)
}

/// The day of the month of the last Sunday of `month` (March or October).
fn last_sunday(year: i32, month: u8) -> u8 {
    let last = 31;
    last - u8::try_from(weekday(year, month, last)).unwrap_or(0)
}

/// Minutes to add to UTC for wall-clock `hh:mm` on `date` in London.
pub fn london_offset_minutes(date: Date, hh: u8, mm: u8) -> i32 {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let (start, end) = (last_sunday(y, 3), last_sunday(y, 10));
    let minutes = u32::from(hh) * 60 + u32::from(mm);
    let summer = match m {
        4..=9 => true,
        3 => d > start || (d == start && minutes >= 60),
        // The clocks go back at 02:00 BST; the repeated hour is read as BST.
        10 => d < end || (d == end && minutes < 120),
        _ => false,
    };
    if summer { 60 } else { 0 }
}

/// `+01:00` or `+00:00`: the offset of `tz` at `hh:mm` on `date`, where known.
pub fn offset(tz: &str, date: Date, hh: u8, mm: u8) -> Option<String> {
    let minutes = match tz {
        LONDON => london_offset_minutes(date, hh, mm),
        "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" => 0,
        _ => return None,
    };
    Some(format!("+{:02}:{:02}", minutes / 60, minutes % 60))
}

/// `HH:MM` as hours and minutes.
pub fn parse_hm(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(':')?;
    let (h, m) = (h.trim().parse::<u8>().ok()?, m.trim().parse::<u8>().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// The `VTIMEZONE` for `tz`, with CRLF line ends, when its rules are built in.
pub fn vtimezone(tz: &str) -> Option<&'static str> {
    (tz == LONDON).then_some(
        "BEGIN:VTIMEZONE\r\n\
         TZID:Europe/London\r\n\
         BEGIN:DAYLIGHT\r\n\
         TZOFFSETFROM:+0000\r\n\
         TZOFFSETTO:+0100\r\n\
         TZNAME:BST\r\n\
         DTSTART:19810329T010000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
         END:DAYLIGHT\r\n\
         BEGIN:STANDARD\r\n\
         TZOFFSETFROM:+0100\r\n\
         TZOFFSETTO:+0000\r\n\
         TZNAME:GMT\r\n\
         DTSTART:19961027T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
         END:STANDARD\r\n\
         END:VTIMEZONE\r\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn british_summer_time_starts_and_ends_on_the_last_sundays() {
        // 2020: BST from 29 March to 25 October.
        assert_eq!(last_sunday(2020, 3), 29);
        assert_eq!(last_sunday(2020, 10), 25);
        assert_eq!(last_sunday(2021, 3), 28);
        assert_eq!(offset(LONDON, d("2020-01-14"), 10, 0).as_deref(), Some("+00:00"));
        assert_eq!(offset(LONDON, d("2020-03-28"), 23, 0).as_deref(), Some("+00:00"));
        assert_eq!(offset(LONDON, d("2020-03-29"), 0, 30).as_deref(), Some("+00:00"));
        assert_eq!(offset(LONDON, d("2020-03-29"), 10, 0).as_deref(), Some("+01:00"));
        assert_eq!(offset(LONDON, d("2020-06-09"), 10, 0).as_deref(), Some("+01:00"));
        assert_eq!(offset(LONDON, d("2020-10-25"), 1, 30).as_deref(), Some("+01:00"));
        assert_eq!(offset(LONDON, d("2020-10-25"), 10, 0).as_deref(), Some("+00:00"));
        assert_eq!(offset(LONDON, d("2020-11-24"), 10, 0).as_deref(), Some("+00:00"));
        assert_eq!(offset("America/New_York", d("2020-11-24"), 10, 0), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(1970, 1, 1), 4, "a Thursday");
        assert_eq!(weekday(2020, 6, 2), 2, "a Tuesday");
    }

    #[test]
    fn times() {
        assert_eq!(parse_hm("09:30"), Some((9, 30)));
        assert_eq!(parse_hm("24:00"), None);
        assert!(vtimezone(LONDON).is_some_and(|v| v.ends_with("END:VTIMEZONE\r\n")));
        assert!(vtimezone("Europe/Paris").is_none());
    }
}
