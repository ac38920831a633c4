//! The review's charts as inline SVG markup: a line chart, a heatmap, 100 %
//! stacked bars and grouped bars (the shapes of the element's
//! `www/sla-scorecard/svg.js`, without script). Each chart is an
//! `role="img"` SVG whose `<title>` and `aria-label` are its text
//! alternative, and every data point carries its figures in its own
//! `<title>`. Series differ by marker shape, dash or hatching as well as by
//! colour (the page's Okabe–Ito based `s0`–`s5` classes, viridis `h0`–`h4`
//! for heatmap shades), and cells and bars print their figure, so nothing
//! is told by colour alone. Only numbers and escaped text reach the markup.

use super::escape;
use std::fmt::Write;

/// Width of every chart's viewBox.
const W: f64 = 640.0;
/// Left margin of line and bar charts (y ticks).
const L: f64 = 48.0;
/// Right margin of line charts (reference line and band labels).
const R: f64 = 96.0;

/// A horizontal reference line (e.g. the target) with its label.
pub struct RefLine {
    /// Where it is, on the y scale.
    pub value: f64,
    /// Its label, printed at its right end.
    pub text: String,
}

/// A labelled horizontal band (e.g. a RAG band) from `from` to `to`.
pub struct Band {
    /// Lower edge, on the y scale.
    pub from: f64,
    /// Upper edge, on the y scale.
    pub to: f64,
    /// CSS class of its fill.
    pub class: &'static str,
    /// Its label.
    pub text: String,
}

/// A value to draw with the `<title>` that states it.
pub struct Point {
    /// The value (`None`: no value, a gap in a line or an empty cell).
    pub value: Option<f64>,
    /// The text drawn with it (a cell's or a bar's figure), if any.
    pub text: String,
    /// The data point's title: its figures in words.
    pub title: String,
}

/// A named row of points: a line, a heatmap row, a bar series.
pub struct Series {
    /// Its name.
    pub name: String,
    /// One point per column.
    pub points: Vec<Point>,
}

/// One part of a 100 % bar: `point.value` is its share in percent, drawn in
/// colour `colour` (0–5).
pub struct Part {
    /// Colour (and hatch) index.
    pub colour: usize,
    /// Share, text and title.
    pub point: Point,
}

/// A bar made of parts.
pub struct Stack {
    /// Its name.
    pub name: String,
    /// Its parts, drawn left to right.
    pub parts: Vec<Part>,
}

/// A line chart's scale and decorations.
pub struct Axes<'a> {
    /// Lowest value of the y scale.
    pub lo: f64,
    /// Highest value of the y scale.
    pub hi: f64,
    /// Text of a y tick.
    pub tick: &'a dyn Fn(f64) -> String,
    /// Reference lines.
    pub lines: Vec<RefLine>,
    /// Bands behind the lines.
    pub bands: Vec<Band>,
}

fn open(label: &str, height: f64) -> String {
    let a = escape(label);
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"{a}\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\"><title>{a}</title>")
}

fn text(out: &mut String, x: f64, y: f64, s: &str, class: &str) {
    let _ = write!(out, "<text x=\"{x:.1}\" y=\"{y:.1}\" class=\"{class}\">{}</text>", escape(s));
}

/// The title element of a data point.
fn title(s: &str) -> String {
    format!("<title>{}</title>", escape(s))
}

/// Marker of series `i` at (x, y): circle, square, diamond, triangle in turn, with `inner` inside it.
pub fn marker(i: usize, x: f64, y: f64, inner: &str) -> String {
    let r = 4.5;
    let class = format!("mk s{}", i % 6);
    let shape = |pts: &[(f64, f64)]| {
        let p: Vec<String> = pts.iter().map(|(a, b)| format!("{:.1},{:.1}", x + a * r, y + b * r)).collect();
        format!("<polygon class=\"{class}\" points=\"{}\">{inner}</polygon>", p.join(" "))
    };
    match i % 4 {
        1 => shape(&[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]),
        2 => shape(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]),
        3 => shape(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)]),
        _ => format!("<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\">{inner}</circle>"),
    }
}

/// A line chart over `columns` (with an optional second line `sub` under
/// each): one line per series (dashed differently, a marker shape each; a
/// missing value breaks the line), y from `axes.lo` to `axes.hi`.
pub fn line_chart(label: &str, columns: &[String], sub: Option<&[String]>, series: &[Series], axes: &Axes) -> String {
    let height = if sub.is_some() { 236.0 } else { 220.0 };
    let bottom = 190.0;
    let span = if axes.hi > axes.lo { axes.hi - axes.lo } else { 1.0 };
    // max/min, not clamp: no panic whatever the bounds.
    let y = |v: f64| bottom - (v.max(axes.lo).min(axes.hi) - axes.lo) / span * (bottom - 12.0);
    let n = columns.len();
    let inner = W - L - R - 24.0;
    let x = |i: usize| L + 12.0 + if n > 1 { i as f64 * inner / (n - 1) as f64 } else { inner / 2.0 };
    let mut out = open(label, height);
    for b in &axes.bands {
        let (top, low) = (y(b.to), y(b.from));
        if low - top >= 1.0 {
            let _ = write!(out, "<rect class=\"band {}\" x=\"{L}\" y=\"{top:.1}\" width=\"{}\" height=\"{:.1}\"/>", b.class, W - L - R, low - top);
            // The label where it has room: a band of a text's height, clear of the reference lines' labels.
            let mid = (top + low) / 2.0;
            if low - top >= 12.0 && axes.lines.iter().all(|l| (y(l.value) - mid).abs() >= 11.0) {
                text(&mut out, W - R + 6.0, mid + 4.0, &b.text, "band-label");
            }
        }
    }
    for v in [axes.lo, (axes.lo + axes.hi) / 2.0, axes.hi] {
        let _ = write!(out, "<line class=\"grid\" x1=\"{L}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>", W - R, y(v), y(v));
        text(&mut out, L - 6.0, y(v) + 4.0, &(axes.tick)(v), "tick");
    }
    for (i, c) in columns.iter().enumerate() {
        text(&mut out, x(i), bottom + 18.0, c, "col");
        if let Some(s) = sub.and_then(|s| s.get(i)) {
            text(&mut out, x(i), bottom + 34.0, s, "col sub");
        }
    }
    for l in &axes.lines {
        let _ = write!(out, "<line class=\"ref\" x1=\"{L}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>", W - R, y(l.value), y(l.value));
        text(&mut out, W - R + 6.0, y(l.value) + 4.0, &l.text, "ref-label");
    }
    for (si, s) in series.iter().enumerate() {
        let mut runs: Vec<Vec<String>> = vec![Vec::new()];
        for (i, p) in s.points.iter().enumerate() {
            match (p.value, runs.last_mut()) {
                (Some(v), Some(run)) => run.push(format!("{:.1},{:.1}", x(i), y(v))),
                _ => runs.push(Vec::new()),
            }
        }
        for run in runs.iter().filter(|r| r.len() > 1) {
            let _ = write!(out, "<polyline class=\"line s{}\" fill=\"none\" points=\"{}\"/>", si % 6, run.join(" "));
        }
        for (i, p) in s.points.iter().enumerate() {
            if let Some(v) = p.value {
                out.push_str(&marker(si, x(i), y(v), &title(&p.title)));
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A heatmap of percentages: one row per series over `columns`; a cell's
/// shade is its value in five steps of 20 (`h0`–`h4`), and its text is
/// printed in it.
pub fn heatmap(label: &str, columns: &[String], rows: &[Series]) -> String {
    let left = 200.0;
    let cw = (W - left - 4.0) / columns.len().max(1) as f64;
    let mut out = open(label, 30.0 + rows.len() as f64 * 28.0);
    for (i, c) in columns.iter().enumerate() {
        text(&mut out, left + (i as f64 + 0.5) * cw, 16.0, c, "col");
    }
    for (ri, r) in rows.iter().enumerate() {
        let top = 24.0 + ri as f64 * 28.0;
        text(&mut out, left - 8.0, top + 18.0, &r.name, "row");
        for (i, c) in r.points.iter().enumerate() {
            let shade = c.value.map_or_else(|| "none".to_string(), |v| ((v / 20.0).floor().clamp(0.0, 4.0) as u8).to_string());
            let _ = write!(
                out,
                "<rect class=\"cell h{shade}\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"26\">{}</rect>",
                left + i as f64 * cw + 1.0,
                cw - 2.0,
                title(&c.title)
            );
            text(&mut out, left + (i as f64 + 0.5) * cw, top + 18.0, &c.text, &format!("cell-text h{shade}"));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The hatching drawn over the parts and keys of odd colours, so that
/// neighbours differ without colour.
fn hatch(id: &str) -> String {
    format!(
        "<defs><pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">\
         <rect width=\"2\" height=\"6\" class=\"hatch\"/></pattern></defs>"
    )
}

/// Horizontal 100 % bars; a part prints its text when it is wide enough,
/// and parts of odd colour are hatched. `id` names the hatch pattern
/// (unique in the page).
pub fn stacks(label: &str, id: &str, rows: &[Stack]) -> String {
    let left = 200.0;
    let bw = W - left - 8.0;
    let mut out = open(label, 8.0 + rows.len() as f64 * 30.0);
    out.push_str(&hatch(id));
    for (ri, r) in rows.iter().enumerate() {
        let top = 4.0 + ri as f64 * 30.0;
        text(&mut out, left - 8.0, top + 16.0, &r.name, "row");
        let mut x = left;
        for p in &r.parts {
            let w = p.point.value.unwrap_or(0.0).max(0.0) / 100.0 * bw;
            let c = p.colour.min(5);
            let _ = write!(out, "<rect class=\"bar part s{c}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"22\">{}</rect>", title(&p.point.title));
            if c % 2 == 1 {
                let _ = write!(out, "<rect fill=\"url(#{id})\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"22\" pointer-events=\"none\"/>");
            }
            if w > p.point.text.chars().count() as f64 * 6.5 {
                text(&mut out, x + w / 2.0, top + 15.0, &p.point.text, "col stack-text");
            }
            x += w;
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Grouped bars: one group per column, one bar per series (the second
/// series outlined, not filled), each with its text above it.
pub fn bars(label: &str, columns: &[String], series: &[Series]) -> String {
    let bottom = 170.0;
    let hi = series.iter().flat_map(|s| s.points.iter().filter_map(|p| p.value)).fold(1.0, f64::max);
    let gw = (W - L - 8.0) / columns.len().max(1) as f64;
    let bw = 48f64.min((gw - 12.0) / series.len().max(1) as f64);
    let mut out = open(label, 200.0);
    let _ = write!(out, "<line class=\"grid\" x1=\"{L}\" x2=\"{}\" y1=\"{bottom}\" y2=\"{bottom}\"/>", W - 8.0);
    for (i, c) in columns.iter().enumerate() {
        let x0 = L + i as f64 * gw + (gw - bw * series.len() as f64) / 2.0;
        text(&mut out, L + (i as f64 + 0.5) * gw, bottom + 20.0, c, "col");
        for (si, s) in series.iter().enumerate() {
            let Some(p) = s.points.get(i) else { continue };
            let h = (p.value.unwrap_or(0.0) / hi * (bottom - 24.0)).max(1.0);
            let _ = write!(
                out,
                "<rect class=\"bar s{}{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\">{}</rect>",
                si % 6,
                if si % 2 == 1 { " outline" } else { "" },
                x0 + si as f64 * bw + 2.0,
                bottom - h,
                bw - 4.0,
                title(&p.title)
            );
            text(&mut out, x0 + (si as f64 + 0.5) * bw, bottom - h - 5.0, &p.text, "col");
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A legend: one key per name, drawn as `key(i)` (an SVG fragment in a
/// 12 × 12 box centred on 0, 0), then the name.
pub fn legend(names: &[String], key: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from("<p class=\"legend\">");
    for (i, n) in names.iter().enumerate() {
        let _ = write!(
            out,
            "<span><svg class=\"key\" viewBox=\"-6 -6 12 12\" width=\"12\" height=\"12\" aria-hidden=\"true\">{}</svg> {}</span> ",
            key(i),
            escape(n)
        );
    }
    out.push_str("</p>\n");
    out
}

/// The legend key of bar colour `i`, hatched like the bars when odd (`id`: the chart's pattern).
pub fn bar_key(i: usize, id: &str) -> String {
    let c = i.min(5);
    let over = if c % 2 == 1 { format!("<rect fill=\"url(#{id})\" x=\"-5\" y=\"-5\" width=\"10\" height=\"10\"/>") } else { String::new() };
    format!("<rect class=\"bar s{c}\" x=\"-5\" y=\"-5\" width=\"10\" height=\"10\"/>{over}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: Option<f64>) -> Point {
        Point { value, text: "<t>".to_string(), title: "a & b".to_string() }
    }

    #[test]
    fn odd_input_draws_without_panicking_and_escapes_text() {
        let tick = |v: f64| format!("{v}");
        // Bounds the wrong way round, NaN and infinite values, no column at all.
        let axes = Axes { lo: 5.0, hi: -5.0, tick: &tick, lines: vec![RefLine { value: f64::NAN, text: "<x>".to_string() }], bands: Vec::new() };
        let series = [Series { name: "s".to_string(), points: vec![point(Some(f64::NAN)), point(Some(f64::INFINITY)), point(None)] }];
        let line = line_chart("<l>", &[], None, &series, &axes);
        assert!(line.contains("<title>&lt;l&gt;</title>") && line.contains("&lt;x&gt;") && line.contains("<title>a &amp; b</title>"), "{line}");
        assert!(heatmap("h", &[], &[]).ends_with("</svg>\n"));
        let stack = [Stack { name: "n".to_string(), parts: vec![Part { colour: 9, point: point(Some(-3.0)) }] }];
        assert!(stacks("s", "p", &stack).contains("class=\"bar part s5\""));
        assert!(bars("b", &["c".to_string()], &[]).ends_with("</svg>\n"));
    }

    #[test]
    fn a_line_chart_puts_values_on_its_scale() {
        // y runs from 190 (lo) to 12 (hi): 25 on 0–100 is at 190 - 0.25 · 178 = 145.5.
        let tick = |v: f64| format!("{v}");
        let axes = Axes { lo: 0.0, hi: 100.0, tick: &tick, lines: vec![RefLine { value: 25.0, text: "t".to_string() }], bands: Vec::new() };
        let svg = line_chart("c", &["a".to_string()], None, &[Series { name: "s".to_string(), points: vec![point(Some(25.0))] }], &axes);
        assert!(svg.contains("y1=\"145.5\" y2=\"145.5\""), "{svg}");
        assert!(svg.contains("cy=\"145.5\""), "{svg}");
    }
}
