//! The review's chart sections: each takes the figures of the engine's
//! documents (the report document, the SLA compliance table, the causes
//! document), shapes them as [`svg`] series and writes the chart, its
//! legend and the table of the same figures (which prints and reads
//! without the chart). Nothing is computed here but layout and text.

use super::svg::{self, Axes, Band, Part, Point, RefLine, Series, Stack};
use super::{escape, num, rag_word, unit_suffix, with_unit};
use crate::causes::summary::CauseRow;
use crate::kpi::Direction;
use crate::report::Report;
use crate::scorecard::{KpiScore, Rag};
use crate::sla::duration;
use crate::sla::report::ComplianceRow;
use std::fmt::Write;

/// Met, breached and compliance of one period's verdicts.
struct Verdicts {
    met: u64,
    breached: u64,
    compliance: Option<f64>,
}

/// "61.3 % (465 met, 293 breached)".
fn counts(v: &Verdicts) -> String {
    format!("{} ({} met, {} breached)", with_unit(v.compliance, " %"), v.met, v.breached)
}

/// A figure: the chart, then its legend and table, kept together in print.
fn figure(h: &mut String, chart: &str, legend: &str, table: &str) {
    let _ = write!(h, "<div class=\"figure\">\n{chart}{legend}{table}</div>\n");
}

/// A table with a caption, headings and rows of cells (already escaped);
/// the first cell of a row is its heading, cells flagged numeric align right.
fn table(caption: &str, head: &[&str], rows: &[Vec<(String, bool)>]) -> String {
    let mut t = format!("<table>\n<caption>{}</caption>\n<thead><tr>", escape(caption));
    for c in head {
        let _ = write!(t, "<th scope=\"col\">{}</th>", escape(c));
    }
    t.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        t.push_str("<tr>");
        for (i, (cell, numeric)) in row.iter().enumerate() {
            let class = if *numeric { " class=\"n\"" } else { "" };
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let end = if i == 0 { "th" } else { "td" };
            let _ = write!(t, "<{tag}{class}>{cell}</{end}>");
        }
        t.push_str("</tr>\n");
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

/// The items in the order they first appear, each once.
fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// A text cell (escaped).
fn txt(s: &str) -> (String, bool) {
    (escape(s), false)
}

/// A numeric cell (escaped, aligned right).
fn n(s: String) -> (String, bool) {
    (escape(&s), true)
}

/// SLA compliance per period, all policies together (the report's
/// `slaCompliance`) and then each policy (`slaPolicies`), over `labels`,
/// against the scorecard's SLA compliance target when it has one.
pub fn trend(h: &mut String, r: &Report, labels: &[String], target: Option<f64>) {
    h.push_str("<section id=\"trend\">\n<h2>Compliance trend</h2>\n");
    let _ = writeln!(
        h,
        "<p>{}</p>",
        match target {
            Some(t) => format!("The dashed line is the target, {t:.1} % of clocks met (the scorecard's SLA compliance KPI)."),
            None => "No target line: the scorecard has no SLA compliance KPI.".to_string(),
        }
    );
    let mut groups: Vec<(String, Vec<Verdicts>)> = Vec::new();
    let of = |p: &str| {
        r.sla_compliance.iter().find(|c| c.period == p).map_or(Verdicts { met: 0, breached: 0, compliance: None }, |c| Verdicts {
            met: c.met,
            breached: c.breached,
            compliance: c.compliance,
        })
    };
    groups.push(("All policies".to_string(), labels.iter().map(|l| of(l)).collect()));
    let policies = distinct(r.sla_policies.iter().map(|c| c.policy.as_str()));
    for policy in policies {
        // A period without a row had no outcome stopped in it: 0 met, 0 breached, no compliance.
        let cells = labels
            .iter()
            .map(|l| {
                r.sla_policies
                    .iter()
                    .find(|c: &&ComplianceRow| c.policy == policy && c.period == *l)
                    .map_or(Verdicts { met: 0, breached: 0, compliance: None }, |c| Verdicts { met: c.met, breached: c.breached, compliance: c.compliance })
            })
            .collect();
        groups.push((policy.to_string(), cells));
    }
    let tick = |v: f64| format!("{v:.0} %");
    for (name, cells) in &groups {
        let alt = labels.iter().zip(cells).map(|(l, v)| format!("{l}: {}", num(v.compliance))).collect::<Vec<_>>().join(", ");
        let goal = target.map_or_else(String::new, |t| format!(", target {t:.1} %"));
        let series = Series {
            name: name.clone(),
            points: labels
                .iter()
                .zip(cells)
                .map(|(l, v)| Point { value: v.compliance, text: String::new(), title: format!("{name}, {l}: {}", counts(v)) })
                .collect(),
        };
        let axes = Axes {
            lo: 0.0,
            hi: 100.0,
            tick: &tick,
            lines: target.map(|t| RefLine { value: t, text: format!("target {t:.1} %") }).into_iter().collect(),
            bands: Vec::new(),
        };
        let chart = svg::line_chart(&format!("Compliance of {name} per period, in %{goal}: {alt}"), labels, None, &[series], &axes);
        let rows: Vec<Vec<(String, bool)>> =
            labels.iter().zip(cells).map(|(l, v)| vec![txt(l), n(v.met.to_string()), n(v.breached.to_string()), n(with_unit(v.compliance, " %"))]).collect();
        let _ = writeln!(h, "<h3>{}</h3>", escape(name));
        figure(h, &chart, "", &table(&format!("Compliance of {name}"), &["Period", "Met", "Breached", "Compliance"], &rows));
    }
    h.push_str("</section>\n");
}

/// SLA compliance by policy × `dimension` value × period (the SLA
/// engine's compliance table by that dimension) over `labels`.
pub fn heatmap(h: &mut String, rows: &[ComplianceRow], dimension: &str, labels: &[String]) {
    let _ = write!(h, "<section id=\"heatmap\">\n<h2>Compliance by {}</h2>\n", escape(dimension));
    let shown: Vec<&ComplianceRow> = rows.iter().filter(|x| labels.contains(&x.period)).collect();
    if shown.is_empty() {
        h.push_str("<p>No outcome in these periods.</p>\n</section>\n");
        return;
    }
    let name = |x: &ComplianceRow| format!("{} · {}", x.policy, x.value.as_deref().unwrap_or("(none)"));
    let names = distinct(shown.iter().map(|x| name(x)));
    let series: Vec<Series> = names
        .iter()
        .map(|row| Series {
            name: row.clone(),
            points: labels
                .iter()
                .map(|l| match shown.iter().find(|x| name(x) == *row && x.period == *l) {
                    Some(x) => Point {
                        value: x.compliance,
                        text: x.compliance.map_or_else(|| "–".to_string(), |c| format!("{c:.0} %")),
                        title: format!("{row}, {l}: {}", counts(&Verdicts { met: x.met, breached: x.breached, compliance: x.compliance })),
                    },
                    None => Point { value: None, text: "–".to_string(), title: format!("{row}, {l}: no outcome") },
                })
                .collect(),
        })
        .collect();
    let caption =
        format!("SLA compliance by policy and {dimension}, {} to {}", labels.first().map_or("", String::as_str), labels.last().map_or("", String::as_str));
    let chart = svg::heatmap(&format!("{caption}: each cell prints its compliance; – no met or breached outcome"), labels, &series);
    let legend = svg::legend(&["0–19.9 %", "20–39.9 %", "40–59.9 %", "60–79.9 %", "80–100 %"].map(String::from), &|i| {
        format!("<rect class=\"cell h{i}\" x=\"-6\" y=\"-6\" width=\"12\" height=\"12\"/>")
    });
    let body: Vec<Vec<(String, bool)>> = shown
        .iter()
        .map(|x| {
            vec![
                txt(&x.policy),
                txt(x.value.as_deref().unwrap_or("(none)")),
                txt(&x.period),
                n(x.met.to_string()),
                n(x.breached.to_string()),
                n(with_unit(x.compliance, " %")),
            ]
        })
        .collect();
    figure(h, &chart, &legend, &table(&caption, &["Policy", dimension, "Period", "Met", "Breached", "Compliance"], &body));
    h.push_str("</section>\n");
}

/// Where the working time of the period's breached and met outcomes went,
/// per policy, by status and by assignment group (the causes document's
/// rows of `period`).
pub fn causes(h: &mut String, rows: &[CauseRow], period: &str) {
    let _ = write!(h, "<section id=\"causes\">\n<h2>Where working time went, {}</h2>\n", escape(period));
    let mut any = false;
    for (axis, heading) in [("status", "By status"), ("group", "By assignment group")] {
        let src: Vec<&CauseRow> = rows.iter().filter(|x| x.dimension == axis && x.period == period).collect();
        if src.is_empty() {
            continue;
        }
        any = true;
        // Colours by rank of working time (the five largest values, then one for the rest).
        let mut time: Vec<(Option<&str>, i64)> = Vec::new();
        for x in &src {
            let v = x.value.as_deref();
            match time.iter_mut().find(|(k, _)| *k == v) {
                Some((_, t)) => *t += x.breached_seconds + x.met_seconds,
                None => time.push((v, x.breached_seconds + x.met_seconds)),
            }
        }
        time.sort_by_key(|t| std::cmp::Reverse(t.1));
        let rank = |v: Option<&str>| time.iter().position(|(k, _)| *k == v).unwrap_or(5).min(5);
        let label = |v: Option<&str>| v.unwrap_or("(none)").to_string();
        let policies = distinct(src.iter().map(|x| x.policy.as_str()));
        let mut stacks = Vec::new();
        for policy in &policies {
            for state in ["breached", "met"] {
                let share = |x: &CauseRow| if state == "breached" { x.breached_share } else { x.met_share };
                let mut parts: Vec<Part> = src
                    .iter()
                    .filter(|x| x.policy == *policy && share(x).is_some_and(|s| s > 0.0))
                    .map(|x| {
                        let s = share(x).unwrap_or(0.0);
                        let v = label(x.value.as_deref());
                        Part {
                            colour: rank(x.value.as_deref()),
                            point: Point { value: Some(s), text: format!("{v} {s:.1} %"), title: format!("{policy}, {state}: {v} {s:.1} %") },
                        }
                    })
                    .collect();
                parts.sort_by(|a, b| b.point.value.partial_cmp(&a.point.value).unwrap_or(std::cmp::Ordering::Equal));
                if !parts.is_empty() {
                    stacks.push(Stack { name: format!("{policy} · {state}"), parts });
                }
            }
        }
        let caption = format!("Working time by {axis}, {period}: breached and met outcomes");
        let alt = stacks.iter().filter_map(|s| s.parts.first().map(|p| format!("{}, largest {}", s.name, p.point.text))).collect::<Vec<_>>().join("; ");
        let id = format!("hatch-{axis}");
        let chart = svg::stacks(&format!("{caption}: {alt}"), &id, &stacks);
        let mut keys: Vec<String> = time.iter().take(5).map(|(v, _)| label(*v)).collect();
        if time.len() > 5 {
            keys.push("others".to_string());
        }
        let legend = svg::legend(&keys, &|i| svg::bar_key(i, &id));
        let body: Vec<Vec<(String, bool)>> = src
            .iter()
            .map(|x| {
                vec![
                    txt(&x.policy),
                    txt(&label(x.value.as_deref())),
                    n(duration::format(x.breached_seconds)),
                    n(with_unit(x.breached_share, " %")),
                    n(x.breaches_held.to_string()),
                    n(duration::format(x.met_seconds)),
                    n(with_unit(x.met_share, " %")),
                ]
            })
            .collect();
        let _ = writeln!(h, "<h3>{heading}</h3>");
        let head = ["Policy", axis, "Breached: working time", "Breached: share", "Breaches held", "Met: working time", "Met: share"];
        figure(h, &chart, &legend, &table(&caption, &head, &body));
    }
    if !any {
        h.push_str("<p>No status or assignment history, or no met or breached outcome in the period.</p>\n");
    }
    h.push_str("</section>\n");
}

/// Open tickets by age at the as-of instant (the backlog KPI's last
/// cell), and at the end of the reviewed period when that is earlier.
pub fn backlog(h: &mut String, r: &Report) {
    h.push_str("<section id=\"backlog\">\n<h2>Backlog by age</h2>\n");
    let s = r.kpis.iter().find(|x| x.kpi == "backlog");
    let Some((now, now_buckets)) = s.and_then(|s| s.all.last()).and_then(|c| c.buckets.as_ref().map(|b| (c, b))) else {
        h.push_str("<p>The report holds no backlog.</p>\n</section>\n");
        return;
    };
    let mut snaps = Vec::new();
    if let Some(scored) = s.and_then(|s| s.all.iter().find(|c| c.period == r.scorecard.period)) {
        if let (Some(b), true) = (&scored.buckets, scored.period != now.period) {
            snaps.push((format!("end of {}", scored.period), b));
        }
    }
    snaps.push((format!("as of {}", r.as_of), now_buckets));
    let columns: Vec<String> = now_buckets.iter().map(|b| b.label.to_string()).collect();
    let series: Vec<Series> = snaps
        .iter()
        .map(|(name, b)| Series {
            name: name.clone(),
            points: b
                .iter()
                .map(|b| Point { value: Some(b.count as f64), text: b.count.to_string(), title: format!("{name}, aged {}: {} tickets", b.label, b.count) })
                .collect(),
        })
        .collect();
    let alt = series
        .iter()
        .map(|s| format!("{}: {}", s.name, s.points.iter().zip(&columns).map(|(p, c)| format!("{c} {}", p.text)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(". ");
    let chart = svg::bars(&format!("Backlog by age, open tickets. {alt}"), &columns, &series);
    let names: Vec<String> = snaps.iter().map(|(s, _)| s.clone()).collect();
    let legend = svg::legend(&names, &|i| {
        format!("<rect class=\"bar s{}{}\" x=\"-5\" y=\"-5\" width=\"10\" height=\"10\"/>", i % 6, if i % 2 == 1 { " outline" } else { "" })
    });
    let mut head = vec!["Age"];
    head.extend(names.iter().map(String::as_str));
    let body: Vec<Vec<(String, bool)>> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![txt(c)];
            row.extend(snaps.iter().map(|(_, b)| n(b.get(i).map_or_else(|| "—".to_string(), |b| b.count.to_string()))));
            row
        })
        .collect();
    figure(h, &chart, &legend, &table("Open tickets by age", &head, &body));
    h.push_str("</section>\n");
}

/// Whether `k` has a value on the wrong side of its target.
fn misses(k: &KpiScore) -> bool {
    match (k.value, k.direction) {
        (Some(v), Direction::Higher) => v < k.target,
        (Some(v), Direction::Lower) => v > k.target,
        _ => false,
    }
}

/// The history over `labels` of each KPI that misses its target in the
/// reviewed period (the report's series of the KPI, with the scorecard's
/// target and RAG thresholds).
pub fn kpi_history(h: &mut String, r: &Report, labels: &[String]) {
    let _ = write!(h, "<section id=\"kpi-history\">\n<h2>KPIs that miss their target: history</h2>\n");
    let off: Vec<&KpiScore> = r.scorecard.perspectives.iter().flat_map(|p| &p.kpis).filter(|k| misses(k)).collect();
    if off.is_empty() {
        let _ = writeln!(h, "<p>Every KPI with a value meets its target in {}.</p>\n</section>", escape(&r.scorecard.period));
        return;
    }
    for k in off {
        let series = r.kpis.iter().find(|s| s.kpi == k.kpi && s.clock == k.clock).or_else(|| r.kpis.iter().find(|s| s.kpi == k.kpi));
        let cells: Vec<(Option<f64>, Option<f64>)> =
            labels.iter().map(|l| series.and_then(|s| s.all.iter().find(|c| c.period == *l)).map_or((None, None), |c| (c.value, Some(c.n)))).collect();
        let u = unit_suffix(k.unit);
        let cmp = if k.direction == Direction::Higher { "≥" } else { "≤" };
        let count = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.0}"));
        let values: Vec<f64> = cells.iter().filter_map(|c| c.0).chain([k.target, k.green, k.amber]).collect();
        let lo = values.iter().copied().fold(0.0, f64::min);
        let top = values.iter().copied().fold(f64::MIN, f64::max);
        let hi = if k.unit == crate::kpi::Unit::Percent {
            top.max(100.0)
        } else if top > 0.0 {
            top * 1.15
        } else {
            1.0
        };
        // The RAG bands: the scorecard's green and amber thresholds, on the KPI's good side.
        let edges = if k.direction == Direction::Higher {
            [(k.green, hi), (k.amber, k.green), (lo, k.amber)]
        } else {
            [(lo, k.green), (k.green, k.amber), (k.amber, hi)]
        };
        let bands = [(Rag::Green, "band-green"), (Rag::Amber, "band-amber"), (Rag::Red, "band-red")]
            .into_iter()
            .zip(edges)
            .map(|((rag, class), (from, to))| Band { from, to, class, text: rag_word(rag).to_string() })
            .collect();
        let tick = |v: f64| format!("{v:.0}{u}");
        let title = |l: &String, c: &(Option<f64>, Option<f64>)| format!("{l}: {} (n = {})", with_unit(c.0, u), count(c.1));
        let points = labels.iter().zip(&cells).map(|(l, c)| Point { value: c.0, text: String::new(), title: title(l, c) }).collect();
        let sub: Vec<String> = cells.iter().map(|c| format!("n = {}", count(c.1))).collect();
        let axes = Axes { lo, hi, tick: &tick, lines: vec![RefLine { value: k.target, text: format!("target {:.1}{u}", k.target) }], bands };
        let alt = labels.iter().zip(&cells).map(|(l, c)| title(l, c)).collect::<Vec<_>>().join("; ");
        let label = format!("{} per period, target {cmp} {:.1}{u}: {alt}", k.name, k.target);
        let chart = svg::line_chart(&label, labels, Some(&sub), &[Series { name: k.name.to_string(), points }], &axes);
        let body: Vec<Vec<(String, bool)>> =
            labels.iter().zip(&cells).map(|(l, c)| vec![txt(l), n(with_unit(c.0, u)), n(count(c.1)), n(format!("{cmp} {:.1}{u}", k.target))]).collect();
        let _ = writeln!(h, "<h3>{} <span class=\"muted\">{} in {}</span></h3>", escape(k.name), with_unit(k.value, u), escape(&r.scorecard.period));
        figure(h, &chart, "", &table(&format!("{} per period", k.name), &["Period", "Value", "n", "Target"], &body));
    }
    h.push_str("</section>\n");
}
