//! Tests of the SVG charts: text alternatives, bars, stacks, escaping,
//! determinism, contrast.

use super::*;

fn cats(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn series() -> Vec<ChartSeries> {
    vec![
        ChartSeries {
            name: "Emotional".into(),
            values: vec![96.0, 101.0, 112.0, 98.0],
        },
        ChartSeries {
            name: "Neglect".into(),
            values: vec![70.0, 98.0, 113.0, 90.0],
        },
    ]
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn bar_chart_has_a_text_alternative_and_one_rect_per_bar() {
    let k = cats(&["Q1", "Q2", "Q3", "Q4"]);
    let s = series();
    let chart = Chart {
        id: "cp",
        title: "Plans by category",
        unit: "number",
        categories: &k,
        series: &s,
        reference: None,
    };
    let out = bar(&chart);
    assert!(out.starts_with("<svg") && out.ends_with("</svg>"));
    assert!(out.contains(r#"role="img""#));
    assert!(out.contains(r#"<title id="cp-title">Plans by category</title>"#));
    assert!(out.contains("Bar chart of Plans by category (number), 2 series across 4 categories. Emotional: Q1 96, Q2 101, Q3 112, Q4 98. Neglect: Q1 70, Q2 98, Q3 113, Q4 90."), "{out}");
    assert_eq!(count(&out, r#"class="mb-chart-bar""#), 8);
    assert!(
        out.contains(">Emotional</text>") && out.contains(">Neglect</text>"),
        "legend in text"
    );
    assert!(out.contains("url(#cp-p1)"), "second series is patterned");
    assert!(!out.contains("style="));
    assert!(out.contains("viewBox=\"0 0 640 "));
}

#[test]
fn stacked_bars_print_their_totals() {
    let k = cats(&["Q1", "Q2", "Q3", "Q4"]);
    let s = series();
    let chart = Chart {
        id: "cp",
        title: "T",
        unit: "",
        categories: &k,
        series: &s,
        reference: None,
    };
    let out = stacked_bar(&chart);
    assert_eq!(count(&out, r#"class="mb-chart-bar""#), 8);
    let totals = out.split(r#"class="mb-chart-totals""#).nth(1).unwrap();
    for t in [">166<", ">199<", ">225<", ">188<"] {
        assert!(totals.contains(t), "{t} in {totals}");
    }
    assert!(out.contains("Total: Q1 166, Q2 199, Q3 225, Q4 188."));
    // The axis reaches past the tallest stack on a round number.
    assert!(out.contains(">250</text>"), "{out}");
}

#[test]
fn text_is_escaped_everywhere() {
    let k = cats(&["<Q1>", "Q&2"]);
    let s = vec![
        ChartSeries {
            name: "\"A\" & 'B'".into(),
            values: vec![1.0, 2.0],
        },
        ChartSeries {
            name: "C".into(),
            values: vec![3.0, 4.0],
        },
    ];
    let chart = Chart {
        id: "x/y z",
        title: "Under <5s & \"others\"",
        unit: "£",
        categories: &k,
        series: &s,
        reference: None,
    };
    for out in [bar(&chart), stacked_bar(&chart), line(&chart)] {
        assert!(!out.contains("<Q1>") && !out.contains("Q&2") && !out.contains("<5s"));
        assert!(out.contains("&lt;Q1&gt;") && out.contains("Q&amp;2"));
        assert!(out.contains("&quot;A&quot; &amp; &#39;B&#39;"));
        assert!(out.contains(r#"id="x-y-z-title""#));
    }
}

#[test]
fn output_is_deterministic_and_free_of_float_noise() {
    let k = cats(&["a", "b", "c"]);
    let s = vec![ChartSeries {
        name: "s".into(),
        values: vec![0.1, 0.2, 0.30000000000000004],
    }];
    let chart = Chart {
        id: "d",
        title: "T",
        unit: "rate",
        categories: &k,
        series: &s,
        reference: None,
    };
    let one = line(&chart);
    assert_eq!(one, line(&chart));
    assert!(!one.contains("0000000"), "{one}");
    assert!(one.contains("a 0.1, b 0.2, c 0.3."));
    assert!(
        one.contains(">0.3</text>") || one.contains(">0.35</text>") || one.contains(">0.4</text>"),
        "round ticks: {one}"
    );
}

#[test]
fn line_chart_markers_and_reference() {
    let k = cats(&["2019/20 Q1", "2019/20 Q2", "2019/20 Q3"]);
    let s = vec![ChartSeries {
        name: "Visits".into(),
        values: vec![81.0, 88.0, f64::NAN],
    }];
    let target = Reference {
        label: "Target".into(),
        value: 95.0,
    };
    let chart = Chart {
        id: "m",
        title: "Visits",
        unit: "per cent",
        categories: &k,
        series: &s,
        reference: Some(&target),
    };
    let out = line(&chart);
    assert_eq!(
        count(&out, r#"class="mb-chart-marker""#),
        2 + 1,
        "two points and the legend marker"
    );
    assert!(out.contains("Target 95"));
    assert!(out.contains("Target: 95."));
    assert!(!out.contains("NaN"));
}

#[test]
fn many_figures_are_summarised() {
    let k: Vec<String> = (1..=60).map(|i| format!("W{i}")).collect();
    let s = vec![ChartSeries {
        name: "Calls".into(),
        values: (1..=60).map(f64::from).collect(),
    }];
    let chart = Chart {
        id: "c",
        title: "Calls",
        unit: "",
        categories: &k,
        series: &s,
        reference: None,
    };
    let out = bar(&chart);
    assert!(out.contains("Calls: from 1 (W1) to 60 (W60); 60 in W60."), "{out}");
    assert!(out.contains("transform=\"rotate(-45"), "crowded labels are turned");
}

#[test]
fn empty_and_negative_data_do_not_break() {
    let none = Chart {
        id: "e",
        title: "Empty",
        unit: "",
        categories: &[],
        series: &[],
        reference: None,
    };
    assert!(bar(&none).contains("no data"));
    let k = cats(&["a", "b"]);
    let s = vec![ChartSeries {
        name: "s".into(),
        values: vec![-5.0, 10.0],
    }];
    let chart = Chart {
        id: "n",
        title: "N",
        unit: "",
        categories: &k,
        series: &s,
        reference: None,
    };
    let out = stacked_bar(&chart);
    assert!(out.contains(">-5</text>") && out.contains(">10</text>"));
    assert_eq!(svg(ChartKind::None, &chart), "");
}

#[test]
fn numbers_read_well() {
    assert_eq!(fmt_num(1234567.0), "1,234,567");
    assert_eq!(fmt_num(-1234.5), "-1,234.5");
    assert_eq!(fmt_num(0.1 + 0.2), "0.3");
    assert_eq!(fmt_num(-0.0000001), "0");
    assert_eq!(fmt_num(999.0), "999");
    assert_eq!(ticks(0.0, 225.0), vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
    assert_eq!(ticks(79.0, 98.0), vec![75.0, 80.0, 85.0, 90.0, 95.0, 100.0]);
}

fn luminance(hex: &str) -> f64 {
    let ch = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5)
}

#[test]
fn colours_contrast_with_white() {
    for col in COLOURS.iter().chain([&INK]) {
        let ratio = 1.05 / (luminance(col) + 0.05);
        assert!(ratio >= 3.0, "{col} has contrast {ratio}");
    }
}
