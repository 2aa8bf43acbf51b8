//! Data sets (spec section 12): `data/<dataset>.yaml` beside an annual report
//! or an officer report, rendered as an accessible table and an SVG chart.
//! [`check`] finds series of the wrong length and stated totals that do not
//! add up.

use serde::Deserialize;

use super::primitives::{Spanned, pos};
use crate::diagnostics::Diagnostic;

/// One data set file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    /// The file's kind, if stated; it must match the file's place.
    pub kind: Option<Spanned<String>>,
    pub title: String,
    /// `count`, `percent`, `currency`, … or any unit in words (`£000s`).
    pub unit: String,
    pub source: Option<String>,
    pub categories: Spanned<Vec<String>>,
    pub series: Spanned<Vec<Spanned<Series>>>,
    #[serde(default)]
    pub chart: ChartKind,
    /// `total: computed` adds a total row and column.
    pub total: Option<Total>,
    /// The column totals as printed, one per category: checked against the sums.
    pub totals: Option<Spanned<Vec<Spanned<f64>>>>,
    pub note: Option<String>,
}

impl DatasetFile {
    /// Whether a total row and column are shown.
    pub fn shows_totals(&self) -> bool {
        self.total == Some(Total::Computed)
    }

    /// The sum of every series for each category (missing values count as 0).
    pub fn column_totals(&self) -> Vec<f64> {
        (0..self.categories.value.len())
            .map(|i| {
                self.series
                    .value
                    .iter()
                    .filter_map(|s| s.value.values.get(i).map(|v| v.value))
                    .sum()
            })
            .collect()
    }
}

/// One row of figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    pub values: Vec<Spanned<f64>>,
}

impl Series {
    /// The figures without their positions.
    pub fn numbers(&self) -> Vec<f64> {
        self.values.iter().map(|v| v.value).collect()
    }
}

/// How a data set is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    #[default]
    Bar,
    StackedBar,
    Line,
    None,
}

impl ChartKind {
    /// `Bar chart`, `Stacked bar chart`, `Line chart`.
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Bar => "Bar chart",
            ChartKind::StackedBar => "Stacked bar chart",
            ChartKind::Line => "Line chart",
            ChartKind::None => "Table",
        }
    }
}

/// `total: computed` — the only value; leave `total` out for no totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Total {
    Computed,
}

/// Whether two figures are the same once float rounding is set aside.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A figure as an author wrote it: `166`, `12.5` — never `12.500000001`.
fn show(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r}")
}

/// Every inconsistency in the data set's figures, each at its own line.
pub fn check(file: &str, ds: &DatasetFile) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let n = ds.categories.value.len();
    if n == 0 {
        diags.push(
            Diagnostic::at(file, pos(&ds.categories), "`categories` is empty")
                .with_help("list the column headings, e.g. categories: [Q1, Q2, Q3, Q4]"),
        );
    }
    if ds.series.value.is_empty() {
        diags.push(
            Diagnostic::at(file, pos(&ds.series), "`series` is empty")
                .with_help("add at least one `{ name: …, values: […] }`"),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for s in &ds.series.value {
        let name = s.value.name.as_str();
        let len = s.value.values.len();
        if len != n {
            diags.push(
                Diagnostic::at(
                    file,
                    pos(s),
                    format!(
                        "the series `{name}` has {len} value{} but there {} {n} categor{}",
                        if len == 1 { "" } else { "s" },
                        if n == 1 { "is" } else { "are" },
                        if n == 1 { "y" } else { "ies" },
                    ),
                )
                .with_help("give one value per category, in the order of `categories`"),
            );
        }
        for v in &s.value.values {
            if !v.value.is_finite() {
                diags.push(
                    Diagnostic::at(
                        file,
                        pos(v),
                        format!("the series `{name}` holds a value that is not a number"),
                    )
                    .with_help("write a number such as 12 or 12.5"),
                );
            }
        }
        if seen.contains(&name) {
            diags.push(
                Diagnostic::at(file, pos(s), format!("two series are named `{name}`"))
                    .with_help("give each series its own name, so the table's rows can be told apart"),
            );
        }
        seen.push(name);
    }
    if let Some(totals) = &ds.totals {
        if totals.value.len() != n {
            diags.push(
                Diagnostic::at(
                    file,
                    pos(totals),
                    format!(
                        "`totals` has {} values but there are {n} categories",
                        totals.value.len()
                    ),
                )
                .with_help("give one total per category, in the order of `categories`"),
            );
        }
        let computed = ds.column_totals();
        for ((given, sum), category) in totals.value.iter().zip(&computed).zip(&ds.categories.value) {
            if !same(given.value, *sum) {
                diags.push(
                    Diagnostic::at(
                        file,
                        pos(given),
                        format!(
                            "the total for `{category}` is given as {} but the series add up to {}",
                            show(given.value),
                            show(*sum)
                        ),
                    )
                    .with_help("correct the figure in `totals` or in the series"),
                );
            }
        }
    }
    diags
}

/// The HTML id of a data set's figure: `dataset-<id>`, with anything other
/// than letters, digits, `-`, `_` and `.` (such as the `/` of a full id)
/// turned into `-`. Use it to link to the data set.
pub fn dataset_anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.') {
                ch
            } else {
                '-'
            }
        })
        .collect();
    format!("dataset-{safe}")
}

/// The spec's example data set, for the tests of loading and of rendering.
#[cfg(test)]
pub(crate) mod example {
    use super::DatasetFile;

    pub const SPEC: &str = "title: Children subject to a child protection plan, by category of abuse
unit: count
source: Children's social care
categories: [Q1, Q2, Q3, Q4]
series:
  - { name: Emotional, values: [96, 101, 112, 98] }
  - { name: Neglect, values: [70, 98, 113, 90] }
chart: stacked-bar
total: computed
note: Figures for 2015/16.
";

    /// A data set that a test has written, parsed.
    pub fn ds(y: &str) -> DatasetFile {
        crate::load::yaml::parse("data.yaml", y).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::example::{SPEC, ds};
    use super::*;
    use crate::load::yaml::parse;

    #[test]
    fn the_spec_example_parses_and_is_consistent() {
        let d = ds(SPEC);
        assert_eq!(d.chart, ChartKind::StackedBar);
        assert!(d.shows_totals());
        assert_eq!(d.column_totals(), vec![166.0, 199.0, 225.0, 188.0]);
        assert!(check("data.yaml", &d).is_empty());
        let plain = ds("title: T\nunit: count\ncategories: [a]\nseries: [{ name: s, values: [1] }]\n");
        assert_eq!(plain.chart, ChartKind::Bar);
        assert!(!plain.shows_totals());
    }

    #[test]
    fn a_short_series_is_an_error_at_its_line() {
        let d = ds(&SPEC.replace("[70, 98, 113, 90]", "[70, 98, 113]"));
        let diags = check("data.yaml", &d);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 7);
        assert_eq!(
            diags[0].message,
            "the series `Neglect` has 3 values but there are 4 categories"
        );
    }

    #[test]
    fn a_wrong_total_names_its_category_and_both_figures() {
        let y = format!("{SPEC}totals:\n  - 166\n  - 200\n  - 225\n  - 188\n");
        let diags = check("data.yaml", &ds(&y));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 13);
        assert_eq!(
            diags[0].message,
            "the total for `Q2` is given as 200 but the series add up to 199"
        );
        let ok = format!("{SPEC}totals: [166, 199, 225, 188]\n");
        assert!(check("data.yaml", &ds(&ok)).is_empty());
    }

    #[test]
    fn decimals_add_up_without_float_noise() {
        let y = "title: T\nunit: rate\ncategories: [a]\nseries:\n  - { name: x, values: [0.1] }\n  - { name: y, values: [0.2] }\ntotals: [0.3]\n";
        assert!(check("data.yaml", &ds(y)).is_empty());
    }

    #[test]
    fn unknown_chart_kinds_and_keys_are_rejected() {
        assert!(parse::<DatasetFile>("d.yaml", &SPEC.replace("stacked-bar", "pie")).is_err());
        assert!(parse::<DatasetFile>("d.yaml", &SPEC.replace("total: computed", "total: yes")).is_err());
        let d = parse::<DatasetFile>("d.yaml", &SPEC.replace("note:", "notes:")).unwrap_err();
        assert_eq!(d.help.as_deref(), Some("did you mean `note`?"));
    }
}
