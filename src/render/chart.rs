//! Inline SVG charts that need no JavaScript: grouped bars, stacked bars and
//! lines, each with a text alternative (`<title>` and `<desc>`), labelled
//! axes, a text legend, and series told apart by fill pattern or line dash and
//! marker shape as well as colour. Output is deterministic and scales by its
//! `viewBox`; styling hooks are class names (`mb-chart-*`), never `style=`.

use std::fmt::Write as _;

use crate::load::dataset::ChartKind;
use describe::description;
use style::{COLOURS, dash_attr, fill, legend, marker, pattern};

mod describe;
mod style;

/// One named row of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// A horizontal reference line, such as a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub label: String,
    pub value: f64,
}

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// Unique on its page: prefixes the SVG's element ids (sanitised here).
    pub id: &'a str,
    pub title: &'a str,
    /// The value axis' title, in words (`per cent`, `number of children`); may be empty.
    pub unit: &'a str,
    pub categories: &'a [String],
    pub series: &'a [ChartSeries],
    pub reference: Option<&'a Reference>,
}

const INK: &str = "#0b0c0c";
const GRID: &str = "#b1b4b6";
const WIDTH: f64 = 640.0;
const PLOT_H: f64 = 240.0;
const CHAR_W: f64 = 6.6;
/// Beyond this many figures the text alternative summarises instead of listing.
const DESC_LIMIT: usize = 48;

/// `kind` dispatched: an empty string for [`ChartKind::None`].
pub fn svg(kind: ChartKind, chart: &Chart) -> String {
    match kind {
        ChartKind::Bar => bar(chart),
        ChartKind::StackedBar => stacked_bar(chart),
        ChartKind::Line => line(chart),
        ChartKind::None => String::new(),
    }
}

/// Bars grouped by category, one bar per series.
pub fn bar(chart: &Chart) -> String {
    draw(ChartKind::Bar, chart)
}

/// One bar per category, its series stacked, with the total printed above.
pub fn stacked_bar(chart: &Chart) -> String {
    draw(ChartKind::StackedBar, chart)
}

/// One line per series across the categories, with a marker at each point.
pub fn line(chart: &Chart) -> String {
    draw(ChartKind::Line, chart)
}

/// Escape text for HTML or SVG content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub use crate::load::primitives::fmt_num;

/// A coordinate: two decimals at most, trailing zeros dropped.
fn c(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Letters, digits, `-` and `_` only, so the id is safe inside `url(#…)`.
fn safe_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "chart".into() } else { s }
}

/// A round step (1, 2 or 5 times a power of ten) near `raw`.
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The value axis: its ticks, from the lowest to the highest.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let step = nice_step((hi - lo) / 5.0);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let n = (((end - start) / step).round() as usize).clamp(1, 20);
    (0..=n)
        .map(|i| ((start + i as f64 * step) * 1e9).round() / 1e9)
        .collect()
}

/// The lowest and highest values the axis must show.
fn extent(kind: ChartKind, chart: &Chart) -> (f64, f64) {
    let finite = |v: &&f64| v.is_finite();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    if kind == ChartKind::StackedBar {
        for i in 0..chart.categories.len() {
            let (neg, pos) = stack_sums(chart.series, i);
            lo = lo.min(neg);
            hi = hi.max(pos);
        }
    } else {
        for v in chart.series.iter().flat_map(|s| s.values.iter()).filter(finite) {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    if let Some(r) = chart.reference.filter(|r| r.value.is_finite()) {
        lo = lo.min(r.value);
        hi = hi.max(r.value);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    if kind == ChartKind::Line {
        // A line may leave out zero when its figures sit far from it.
        if lo >= 0.0 && lo <= hi * 0.5 {
            lo = 0.0;
        }
        if hi <= 0.0 && hi >= lo * 0.5 {
            hi = 0.0;
        }
        if lo == hi {
            return (lo - 1.0, hi + 1.0);
        }
        (lo, hi)
    } else {
        (lo.min(0.0), hi.max(0.0))
    }
}

/// The negative and positive sums of the category `i` across the series.
fn stack_sums(series: &[ChartSeries], i: usize) -> (f64, f64) {
    series
        .iter()
        .filter_map(|s| s.values.get(i).copied().filter(|v| v.is_finite()))
        .fold((0.0, 0.0), |(n, p), v| if v < 0.0 { (n + v, p) } else { (n, p + v) })
}

/// How category labels fit under their slots.
enum Labels {
    /// Each label on one to three centred lines.
    Lines(Vec<Vec<String>>),
    /// Too many or too long: every label turned 45°.
    Rotated,
}

/// Wrap each label at spaces into lines no wider than the slot; turn them
/// all when a word does not fit or a label needs more than three lines.
fn category_labels(categories: &[String], slot: f64) -> Labels {
    let width = ((slot - 6.0) / CHAR_W).floor().max(1.0) as usize;
    let mut all = Vec::new();
    for k in categories {
        let mut lines: Vec<String> = Vec::new();
        for word in k.split_whitespace() {
            match lines.last_mut() {
                Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                    l.push(' ');
                    l.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        if lines.len() > 3 || lines.iter().any(|l| l.chars().count() > width) {
            return Labels::Rotated;
        }
        all.push(lines);
    }
    Labels::Lines(all)
}

/// Where the plot sits in the picture, and how values map onto it.
struct Frame {
    left: f64,
    top: f64,
    plot_w: f64,
    slot: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        self.top + PLOT_H - (v - self.lo) / (self.hi - self.lo) * PLOT_H
    }

    /// The centre of category `i`.
    fn x(&self, i: usize) -> f64 {
        self.left + self.slot * (i as f64 + 0.5)
    }
}

fn draw(kind: ChartKind, chart: &Chart) -> String {
    let id = safe_id(chart.id);
    let ncat = chart.categories.len();
    let (lo, hi) = extent(kind, chart);
    let ticks = ticks(lo, hi);
    let (lo, hi) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let tick_w = ticks.iter().map(|t| fmt_num(*t).chars().count()).max().unwrap_or(1) as f64 * CHAR_W;
    let mut left = 30.0 + tick_w + 8.0;
    let slot_of = |left: f64| (WIDTH - left - 16.0) / ncat.max(1) as f64;
    let labels = category_labels(chart.categories, slot_of(left));
    if let (Labels::Rotated, Some(first)) = (&labels, chart.categories.first()) {
        // Keep the first turned label inside the picture.
        let reach = first.chars().count().min(28) as f64 * CHAR_W * 0.72;
        left = left.max(reach - slot_of(left) / 2.0 + 16.0).min(WIDTH / 3.0);
    }
    let (plot_w, slot) = (WIDTH - left - 16.0, slot_of(left));
    let bottom = match &labels {
        Labels::Rotated => {
            let longest = chart.categories.iter().map(|k| k.chars().count()).max().unwrap_or(0);
            24.0 + longest.min(28) as f64 * CHAR_W * 0.72
        }
        Labels::Lines(lines) => 16.0 + lines.iter().map(Vec::len).max().unwrap_or(1) as f64 * 14.0,
    };
    let (legend_svg, legend_h) = legend(kind, &id, chart, left);
    let top = legend_h + 14.0;
    let height = (top + PLOT_H + bottom).ceil();
    let f = Frame {
        left,
        top,
        plot_w,
        slot,
        lo,
        hi,
    };

    let mut s = String::new();
    let kind_class = match kind {
        ChartKind::Bar => "bar",
        ChartKind::StackedBar => "stacked-bar",
        ChartKind::Line | ChartKind::None => "line",
    };
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="mb-chart mb-chart-{kind_class}" viewBox="0 0 {} {}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-family="sans-serif" font-size="12" fill="{INK}">"#,
        c(WIDTH),
        c(height)
    );
    let _ = write!(s, r#"<title id="{id}-title">{}</title>"#, escape(chart.title));
    let _ = write!(
        s,
        r#"<desc id="{id}-desc">{}</desc>"#,
        escape(&description(kind, chart))
    );
    if kind != ChartKind::Line {
        let defs: String = (0..chart.series.len()).map(|i| pattern(&id, i)).collect();
        if !defs.is_empty() {
            let _ = write!(s, "<defs>{defs}</defs>");
        }
    }
    axes(&mut s, chart, &f, &ticks, &labels);
    match kind {
        ChartKind::Line => lines(&mut s, chart, &f),
        _ => bars(&mut s, kind == ChartKind::StackedBar, chart, &f, &id),
    }
    // The reference line; its label is in the legend.
    if let Some(r) = chart.reference.filter(|r| r.value.is_finite()) {
        let (x0, x1, ry) = (c(f.left), c(f.left + f.plot_w), c(f.y(r.value)));
        let _ = write!(
            s,
            r#"<path class="mb-chart-reference" d="M{x0} {ry}H{x1}" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>"#
        );
    }
    s.push_str(&legend_svg);
    s.push_str("</svg>");
    s
}

/// Grid lines, value ticks, the unit's title and the category labels.
fn axes(s: &mut String, chart: &Chart, f: &Frame, ticks: &[f64], labels: &Labels) {
    s.push_str(r#"<g class="mb-chart-grid">"#);
    for t in ticks {
        let _ = write!(
            s,
            r#"<path d="M{} {}H{}" stroke="{GRID}" stroke-width="1"/>"#,
            c(f.left),
            c(f.y(*t)),
            c(f.left + f.plot_w)
        );
    }
    s.push_str("</g>");
    s.push_str(r#"<g class="mb-chart-axis mb-chart-value-axis" text-anchor="end">"#);
    for t in ticks {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            c(f.left - 6.0),
            c(f.y(*t) + 4.0),
            fmt_num(*t)
        );
    }
    s.push_str("</g>");
    if !chart.unit.is_empty() {
        let tick_w = ticks.iter().map(|t| fmt_num(*t).chars().count()).max().unwrap_or(1) as f64 * CHAR_W;
        let (ux, uy) = (c((f.left - tick_w - 18.0).max(14.0)), c(f.top + PLOT_H / 2.0));
        let _ = write!(
            s,
            r#"<text class="mb-chart-axis-title" x="{ux}" y="{uy}" text-anchor="middle" transform="rotate(-90 {ux} {uy})">{}</text>"#,
            escape(chart.unit)
        );
    }
    let zero = f.y(0.0_f64.clamp(f.lo, f.hi));
    let _ = write!(
        s,
        r#"<g class="mb-chart-axis mb-chart-category-axis"><path d="M{} {}H{}" stroke="{INK}" stroke-width="1.5"/>"#,
        c(f.left),
        c(zero),
        c(f.left + f.plot_w)
    );
    let ly = c(f.top + PLOT_H + 18.0);
    for (i, k) in chart.categories.iter().enumerate() {
        let x = c(f.x(i));
        match labels {
            Labels::Rotated => {
                let shown = if k.chars().count() > 28 {
                    format!("{}…", k.chars().take(27).collect::<String>())
                } else {
                    k.clone()
                };
                let _ = write!(
                    s,
                    r#"<text x="{x}" y="{ly}" text-anchor="end" transform="rotate(-45 {x} {ly})">{}</text>"#,
                    escape(&shown)
                );
            }
            Labels::Lines(lines) => {
                let _ = write!(s, r#"<text x="{x}" y="{ly}" text-anchor="middle">"#);
                for (n, part) in lines.get(i).into_iter().flatten().enumerate() {
                    let dy = if n == 0 { "0" } else { "14" };
                    let _ = write!(s, r#"<tspan x="{x}" dy="{dy}">{}</tspan>"#, escape(part));
                }
                s.push_str("</text>");
            }
        }
    }
    s.push_str("</g>");
}

/// The width of the longest figure label, to tell whether labels fit.
fn widest_figure(chart: &Chart) -> f64 {
    let chars = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter())
        .map(|v| fmt_num(*v).chars().count());
    chars.max().unwrap_or(0) as f64 * 6.2
}

/// A figure printed beside its bar or point (below it when negative).
fn value_label(s: &mut String, x: f64, v: f64, y: f64) {
    let ty = if v < 0.0 { y + 14.0 } else { y - 5.0 };
    let _ = write!(
        s,
        r#"<text class="mb-chart-value" x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>"#,
        c(x),
        c(ty),
        fmt_num(v)
    );
}

/// One dashed-or-solid line per series with a marker at each figure.
fn lines(s: &mut String, chart: &Chart, f: &Frame) {
    let ncat = chart.categories.len();
    let labelled = chart.series.len() == 1 && widest_figure(chart) <= f.slot - 4.0;
    for (si, ser) in chart.series.iter().enumerate() {
        let col = COLOURS[si % COLOURS.len()];
        let _ = write!(s, r#"<g class="mb-chart-series mb-chart-series-{si}">"#);
        let mut d = String::new();
        let mut pen_down = false;
        let mut points = Vec::new();
        for (i, v) in ser.values.iter().take(ncat).enumerate() {
            if !v.is_finite() {
                pen_down = false;
                continue;
            }
            let (px, py) = (f.x(i), f.y(*v));
            let _ = write!(d, "{}{} {}", if pen_down { "L" } else { "M" }, c(px), c(py));
            pen_down = true;
            points.push((i, *v, px, py));
        }
        if !d.is_empty() {
            let _ = write!(
                s,
                r#"<path class="mb-chart-line" d="{d}" fill="none" stroke="{col}" stroke-width="2.5"{}/>"#,
                dash_attr(si)
            );
        }
        for (i, v, px, py) in points {
            let _ = write!(
                s,
                r#"<g><title>{}, {}: {}</title>{}</g>"#,
                escape(&ser.name),
                escape(&chart.categories[i]),
                fmt_num(v),
                marker(si, px, py)
            );
            if labelled {
                value_label(s, px, v, py - 4.0);
            }
        }
        s.push_str("</g>");
    }
}

/// Grouped or stacked bars, one `mb-chart-bar` rect per figure; stacks get their total above.
fn bars(s: &mut String, stacked: bool, chart: &Chart, f: &Frame, id: &str) {
    let ncat = chart.categories.len();
    let nser = chart.series.len();
    let group = f.slot * if nser > 1 && !stacked { 0.8 } else { 0.6 };
    let bar_w = if stacked || nser == 0 {
        group
    } else {
        group / nser as f64
    };
    let labelled = !stacked && widest_figure(chart) <= bar_w + 2.0;
    let mut up = vec![0.0_f64; ncat];
    let mut down = vec![0.0_f64; ncat];
    for (si, ser) in chart.series.iter().enumerate() {
        let _ = write!(s, r#"<g class="mb-chart-series mb-chart-series-{si}">"#);
        for (i, v) in ser.values.iter().take(ncat).enumerate() {
            if !v.is_finite() {
                continue;
            }
            let x0 = f.left + f.slot * i as f64 + (f.slot - group) / 2.0;
            let (x, from, to) = if stacked {
                let base = if *v < 0.0 { &mut down[i] } else { &mut up[i] };
                let from = *base;
                *base += v;
                (x0, from, *base)
            } else {
                (x0 + bar_w * si as f64, 0.0, *v)
            };
            let (ya, yb) = (f.y(from), f.y(to));
            let _ = write!(
                s,
                r#"<rect class="mb-chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"><title>{}, {}: {}</title></rect>"#,
                c(x),
                c(ya.min(yb)),
                c(bar_w),
                c((ya - yb).abs()),
                fill(id, si),
                COLOURS[si % COLOURS.len()],
                escape(&ser.name),
                escape(&chart.categories[i]),
                fmt_num(*v)
            );
            if labelled {
                value_label(s, x + bar_w / 2.0, *v, yb);
            }
        }
        s.push_str("</g>");
    }
    if stacked {
        s.push_str(r#"<g class="mb-chart-totals" text-anchor="middle" font-weight="bold">"#);
        for i in 0..ncat {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}">{}</text>"#,
                c(f.x(i)),
                c(f.y(up[i]) - 5.0),
                fmt_num(up[i] + down[i])
            );
        }
        s.push_str("</g>");
    }
}

#[cfg(test)]
mod tests;
