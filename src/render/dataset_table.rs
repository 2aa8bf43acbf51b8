//! A data set as HTML: an accessible table (caption with the unit, scoped
//! headers, right-aligned figures, computed totals) and the `<figure>` that
//! places it in a document with its chart, note and source.

use std::collections::BTreeMap;

use std::fmt::Write as _;

use super::chart::{self, Chart, ChartSeries, escape, fmt_num};
use crate::load::dataset::{ChartKind, DatasetFile};

/// A data set's `unit` in words for captions and axes: the spec's keywords
/// become `number`, `per cent`, `£`…; anything else is shown as written.
pub fn unit_label(unit: &str) -> &str {
    match unit.trim() {
        "count" => "number",
        "percent" | "percentage" => "per cent",
        "currency" => "£",
        other => other,
    }
}

pub use crate::load::dataset::dataset_anchor;

/// The data set as a table, with `caption` (the unit is added to it).
pub fn table_html(ds: &DatasetFile, caption: &str) -> String {
    table(ds, caption, None)
}

fn table(ds: &DatasetFile, caption: &str, caption_id: Option<&str>) -> String {
    let categories = &ds.categories.value;
    let totals = ds.shows_totals();
    let mut h = String::from("<table class=\"mb-data-table\">");
    let id_attr = caption_id.map_or(String::new(), |id| format!(" id=\"{}\"", escape(id)));
    let unit = unit_label(&ds.unit);
    let _ = write!(h, "<caption{id_attr}>{}", escape(caption));
    if !unit.is_empty() {
        let _ = write!(h, " <span class=\"mb-unit\">({})</span>", escape(unit));
    }
    h.push_str("</caption><thead><tr><td class=\"mb-corner\"></td>");
    for k in categories {
        let _ = write!(h, "<th scope=\"col\" class=\"mb-num\">{}</th>", escape(k));
    }
    if totals {
        h.push_str("<th scope=\"col\" class=\"mb-num mb-total\">Total</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for s in &ds.series.value {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", escape(&s.value.name));
        for i in 0..categories.len() {
            match s.value.values.get(i) {
                Some(v) => {
                    let _ = write!(h, "<td class=\"mb-num\">{}</td>", fmt_num(v.value));
                }
                None => h.push_str("<td class=\"mb-num\"></td>"),
            }
        }
        if totals {
            let sum: f64 = s.value.values.iter().take(categories.len()).map(|v| v.value).sum();
            let _ = write!(h, "<td class=\"mb-num mb-total\">{}</td>", fmt_num(sum));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody>");
    if totals {
        let columns = ds.column_totals();
        h.push_str("<tfoot><tr class=\"mb-total\"><th scope=\"row\">Total</th>");
        for v in &columns {
            let _ = write!(h, "<td class=\"mb-num mb-total\">{}</td>", fmt_num(*v));
        }
        let _ = write!(
            h,
            "<td class=\"mb-num mb-total\">{}</td>",
            fmt_num(columns.iter().sum())
        );
        h.push_str("</tr></tfoot>");
    }
    h.push_str("</table>");
    h
}

/// The chart of a data set alone (empty for `chart: none`); `anchor` must be
/// unique on the page.
pub fn chart_svg(ds: &DatasetFile, anchor: &str) -> String {
    if ds.chart == ChartKind::None {
        return String::new();
    }
    let series: Vec<ChartSeries> = ds
        .series
        .value
        .iter()
        .map(|s| ChartSeries {
            name: s.value.name.clone(),
            values: s.value.numbers(),
        })
        .collect();
    let c = Chart {
        id: &format!("{anchor}-chart"),
        title: &ds.title,
        unit: unit_label(&ds.unit),
        categories: &ds.categories.value,
        series: &series,
        reference: None,
    };
    chart::svg(ds.chart, &c)
}

/// The data set placed in a document: `<figure class="mb-dataset"
/// id="dataset-<id>">` holding its title, chart (unless `chart: none`), the
/// table in a keyboard-scrollable region, and the note and source.
pub fn dataset_html(ds: &DatasetFile, id: &str) -> String {
    let anchor = dataset_anchor(id);
    let caption_id = format!("{anchor}-caption");
    let mut h = String::new();
    let _ = write!(
        h,
        "<figure class=\"mb-dataset\" id=\"{anchor}\"><figcaption class=\"mb-dataset-title\">{}</figcaption>",
        escape(&ds.title)
    );
    let svg = chart_svg(ds, &anchor);
    if !svg.is_empty() {
        let _ = write!(h, "<div class=\"mb-chart-wrap\">{svg}</div>");
    }
    let _ = write!(
        h,
        "<div class=\"mb-table-scroll\" role=\"region\" aria-labelledby=\"{caption_id}\" tabindex=\"0\">{}</div>",
        table(ds, &ds.title, Some(&caption_id))
    );
    if let Some(note) = ds.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(h, "<p class=\"mb-dataset-note\">Note: {}</p>", escape(note));
    }
    if let Some(source) = ds.source.as_deref().filter(|s| !s.trim().is_empty()) {
        let _ = write!(h, "<p class=\"mb-dataset-source\">Source: {}</p>", escape(source));
    }
    h.push_str("</figure>");
    h
}

/// The trusted HTML of every data set (table and chart), by the key its
/// fences use (`<owner content path>/<dataset>`), for the Markdown renderer.
pub fn html_by_key(datasets: &BTreeMap<String, crate::resolve::documents::StoredDataset>) -> BTreeMap<String, String> {
    datasets
        .iter()
        .map(|(key, d)| (key.clone(), dataset_html(&d.data, &d.name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::dataset::example::{SPEC, ds};

    #[test]
    fn table_has_caption_scoped_headers_and_totals() {
        let t = table_html(&ds(SPEC), "Plans by category");
        assert!(
            t.contains("<caption>Plans by category <span class=\"mb-unit\">(number)</span></caption>"),
            "{t}"
        );
        assert_eq!(t.matches("<th scope=\"col\"").count(), 5, "four categories and Total");
        assert_eq!(t.matches("<th scope=\"row\"").count(), 3, "two series and Total");
        assert!(t.contains("<th scope=\"row\">Emotional</th><td class=\"mb-num\">96</td>"));
        assert!(
            t.contains("<td class=\"mb-num mb-total\">407</td>"),
            "row total of Emotional"
        );
        for total in ["166", "199", "225", "188", "778"] {
            assert!(
                t.contains(&format!("<td class=\"mb-num mb-total\">{total}</td>")),
                "{total}"
            );
        }
    }

    #[test]
    fn no_totals_unless_computed() {
        let t = table_html(&ds(&SPEC.replace("total: computed\n", "")), "C");
        assert!(!t.contains("Total") && !t.contains("<tfoot>"));
    }

    #[test]
    fn text_is_escaped() {
        let y = "title: \"Under <5s & 'others'\"\nunit: \"£000s\"\ncategories: [\"<a>\"]\nseries: [{ name: \"A&B\", values: [1] }]\nnote: \"<script>x</script>\"\nsource: \"R&D\"\n";
        let h = dataset_html(&ds(y), "r/x");
        assert!(!h.contains("<script>") && !h.contains("<a>") && !h.contains("A&B") && !h.contains("R&D"));
        assert!(h.contains("Under &lt;5s &amp; &#39;others&#39;"));
        assert!(h.contains("(£000s)"));
        assert!(h.contains("id=\"dataset-r-x\""));
    }

    #[test]
    fn figure_wraps_chart_table_note_and_source() {
        let h = dataset_html(&ds(SPEC), "cp-plans-by-category");
        assert!(h.starts_with("<figure class=\"mb-dataset\" id=\"dataset-cp-plans-by-category\">"));
        assert!(h.contains(
            "<div class=\"mb-table-scroll\" role=\"region\" aria-labelledby=\"dataset-cp-plans-by-category-caption\" tabindex=\"0\">"
        ));
        assert!(h.contains("<caption id=\"dataset-cp-plans-by-category-caption\">"));
        assert!(h.contains("<svg") && h.contains("mb-chart-stacked-bar"));
        assert!(h.contains("id=\"dataset-cp-plans-by-category-chart-title\""));
        assert!(h.contains("<p class=\"mb-dataset-note\">Note: Figures for 2015/16.</p>"));
        assert!(h.contains("<p class=\"mb-dataset-source\">Source: Children&#39;s social care</p>"));
        assert!(h.ends_with("</figure>"));
        let none = dataset_html(&ds(&SPEC.replace("stacked-bar", "none")), "x");
        assert!(!none.contains("<svg"));
    }

    #[test]
    fn a_short_series_leaves_empty_cells() {
        let t = table_html(&ds(&SPEC.replace("[70, 98, 113, 90]", "[70, 98]")), "C");
        assert!(
            t.contains("<td class=\"mb-num\">98</td><td class=\"mb-num\"></td><td class=\"mb-num\"></td>"),
            "{t}"
        );
    }
}
