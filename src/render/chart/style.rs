//! How series are told apart without relying on colour: a fill pattern per
//! bar series, a dash and marker shape per line series, and a text legend.

use std::fmt::Write as _;

use super::{CHAR_W, Chart, INK, WIDTH, c, escape, fmt_num};
use crate::load::dataset::ChartKind;

/// Colours for series, each at least 3:1 against white (checked by a test).
pub(super) const COLOURS: [&str; 8] = [
    "#1d70b8", "#b34700", "#00703c", "#6f3f98", "#a8174a", "#505a5f", "#0f6e6e", "#7a5a00",
];
const DASHES: [&str; 4] = ["", "8 4", "2 3", "10 3 2 3"];
/// A series' fill: a solid colour or a pattern in its colour.
pub(super) fn fill(id: &str, i: usize) -> String {
    if i.is_multiple_of(6) {
        COLOURS[i % COLOURS.len()].to_string()
    } else {
        format!("url(#{id}-p{i})")
    }
}

/// The `<pattern>` for series `i` (none for solid series).
pub(super) fn pattern(id: &str, i: usize) -> String {
    let col = COLOURS[i % COLOURS.len()];
    let body = match i % 6 {
        1 => format!(r#"<rect width="4" height="8" fill="{col}"/>"#),
        2 => format!(r#"<circle cx="4" cy="4" r="2.4" fill="{col}"/>"#),
        3 => format!(r#"<rect width="3" height="8" fill="{col}"/><rect width="8" height="3" fill="{col}"/>"#),
        4 => format!(r#"<rect width="8" height="3" fill="{col}"/>"#),
        5 => format!(r#"<rect width="3" height="8" fill="{col}"/>"#),
        _ => return String::new(),
    };
    let rotate = if matches!(i % 6, 1 | 3) {
        r#" patternTransform="rotate(45)""#
    } else {
        ""
    };
    format!(
        r##"<pattern id="{id}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse"{rotate}><rect width="8" height="8" fill="#ffffff"/>{body}</pattern>"##
    )
}

/// A marker of the shape of series `i`, centred on (`x`, `y`).
pub(super) fn marker(i: usize, x: f64, y: f64) -> String {
    let col = COLOURS[i % COLOURS.len()];
    let at = format!(r#"class="mb-chart-marker" transform="translate({} {})""#, c(x), c(y));
    let shape = match i % 6 {
        0 => return format!(r#"<circle {at} r="4" fill="{col}"/>"#),
        1 => "M-3.5 -3.5h7v7h-7Z",
        2 => "M0 -5L4.5 3.5L-4.5 3.5Z",
        3 => "M0 -5L5 0L0 5L-5 0Z",
        4 => "M0 5L4.5 -3.5L-4.5 -3.5Z",
        _ => {
            let d = "M-4 -4L4 4M-4 4L4 -4";
            return format!(r#"<path {at} d="{d}" stroke="{col}" stroke-width="2.5" fill="none"/>"#);
        }
    };
    format!(r#"<path {at} d="{shape}" fill="{col}"/>"#)
}

pub(super) fn dash_attr(i: usize) -> String {
    match DASHES[i % DASHES.len()] {
        "" => String::new(),
        d => format!(r#" stroke-dasharray="{d}""#),
    }
}

/// Legend entries laid out in rows; returns the markup and its height.
pub(super) fn legend(kind: ChartKind, id: &str, chart: &Chart, left: f64) -> (String, f64) {
    let mut entries: Vec<(String, String)> = Vec::new();
    if chart.series.len() > 1 || chart.reference.is_some() {
        for (i, s) in chart.series.iter().enumerate() {
            let col = COLOURS[i % COLOURS.len()];
            let swatch = if kind == ChartKind::Line {
                let line = format!(
                    r#"<path d="M0 0h24" stroke="{col}" stroke-width="2.5" fill="none"{}/>"#,
                    dash_attr(i)
                );
                format!("{line}{}", marker(i, 12.0, 0.0))
            } else {
                let f = fill(id, i);
                format!(
                    r#"<rect class="mb-chart-swatch" x="5" y="-7" width="14" height="14" fill="{f}" stroke="{col}"/>"#
                )
            };
            entries.push((s.name.clone(), swatch));
        }
        if let Some(r) = chart.reference {
            let label = format!("{} {}", r.label, fmt_num(r.value));
            entries.push((
                label,
                format!(r#"<path d="M0 0h24" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>"#),
            ));
        }
    }
    if entries.is_empty() {
        return (String::new(), 0.0);
    }
    let mut out = String::from(r#"<g class="mb-chart-legend">"#);
    let (mut x, mut y) = (left, 18.0);
    for (label, swatch) in entries {
        let w = 32.0 + label.chars().count() as f64 * CHAR_W + 16.0;
        if x > left && x + w > WIDTH - 8.0 {
            x = left;
            y += 20.0;
        }
        let _ = write!(
            out,
            r#"<g transform="translate({} {})">{swatch}<text x="30" y="4">{}</text></g>"#,
            c(x),
            c(y),
            escape(&label)
        );
        x += w;
    }
    out.push_str("</g>");
    (out, y + 14.0)
}
