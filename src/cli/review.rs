//! `sla-scorecard review`: a self-contained HTML service review of one
//! period (summary, SLA attainment and its trend per policy, the top
//! breaches with where their working time went, KPIs against targets and
//! improvement actions). Everything is inline (CSS, SVG): the page opens
//! offline and needs no script. Every text from the inputs is escaped.

use super::data::{input, load_data, load_json, load_policies, DataArgs};
use super::Failure;
use crate::causes::summary::TopBreach;
use crate::causes::{causes, Axis};
use crate::kpi::{Granularity, Unit};
use crate::report::{build, Report, ReportOptions};
use crate::scorecard::{default_config, Config, Rag};
use crate::sla::report::{ComplianceRow, Period, ReportOptions as SlaReportOptions};
use crate::sla::{duration, OutcomeTable};
use crate::support::time::parse_instant;
use crate::support::tz::TimeZone;
use std::fmt::Write;

/// The options of `review`.
#[derive(Debug, clap::Args)]
#[command(after_help = "The period's length follows its label: 2016-03 a month, 2016-W09 an ISO week,\n\
    2016-Q1 a quarter, 2016-03-02 a day. The page holds no script and loads nothing.\n\n\
    Example:\n  \
    sla-scorecard review --period 2016-03 --data tickets.csv --preset servicenow-event-log \\\n    \
    --policies policies/servicenow-sample.json --actions actions.json > review.html")]
pub struct Args {
    /// Label of the period to review, e.g. 2016-03, 2016-W09, 2016-Q1 or 2016-03-02
    #[arg(long, value_name = "LABEL")]
    pub period: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// SLA policy document (docs/sla.md)
    #[arg(long, value_name = "P.json")]
    pub policies: String,
    /// Scorecard configuration (docs/scorecard.md) [default: the built-in scorecard]
    #[arg(long, value_name = "C.json")]
    pub config: Option<String>,
    /// Improvement actions: a JSON list of {"title", "owner", "due", "status"}
    #[arg(long, value_name = "A.json")]
    pub actions: Option<String>,
    /// Evaluation instant with offset [default: the latest instant in the data, as for `report`]
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
}

/// One improvement action of `--actions`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// When it is due (free text, e.g. 2016-04-30).
    pub due: String,
    /// Where it stands (free text, e.g. open, done).
    pub status: String,
}

/// Periods in each policy's compliance trend.
const TREND_PERIODS: usize = 12;

/// Runs `review` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    let (granularity, period) = period_of(&a.period)?;
    let as_of = a.as_of.as_deref().map(parse_instant).transpose().map_err(|m| Failure::Usage(format!("--as-of: {m}")))?;
    let config: Config = match &a.config {
        Some(path) => Config::from_document(load_json(path)?, "").map_err(|e| Failure::Input(format!("{path}: {e}")))?,
        None => default_config().map_err(input)?,
    };
    let actions: Vec<Action> = a.actions.as_deref().map(load_json).transpose()?.unwrap_or_default();
    let set = load_policies(&a.policies)?;
    let dataset = load_data(&a.data)?;
    let as_of = super::sla::default_as_of(as_of, &dataset)?;
    let options = ReportOptions { period: Some(granularity), as_of: Some(as_of), at: Some(a.period.clone()), group_by: None, causes: false };
    let report = build(&dataset, &config, &options, Some(&set)).map_err(|e| Failure::Usage(format!("--period: {e}")))?;
    let zone = TimeZone::named(&config.timezone, "timezone").map_err(input)?;

    // The period's breaches (placed as the compliance table places them:
    // by stop instant, by breach instant while open), most late first, and where their time went.
    let table = OutcomeTable::evaluate(&dataset, &set, as_of);
    let placed = SlaReportOptions { period, zone: Some(zone), ..SlaReportOptions::default() };
    let axes = Axis::with_history(&dataset).into_iter().filter(|x| matches!(x, Axis::Status | Axis::Group)).collect();
    let breaches: Vec<TopBreach> = causes(&dataset, &set, &table, &placed, axes).top_breaches.into_iter().filter(|b| b.period == a.period).collect();
    Ok(page(&a.period, &report, &breaches, &actions))
}

/// The granularity of a period label (`2016-03` month, `2016-W09` week,
/// `2016-Q1` quarter, `2016-03-02` day).
fn period_of(label: &str) -> Result<(Granularity, Period), Failure> {
    let b = label.as_bytes();
    match (b.len(), b.get(5)) {
        (8, Some(b'W')) => Ok((Granularity::Week, Period::Week)),
        (7, Some(b'Q')) => Ok((Granularity::Quarter, Period::Quarter)),
        (7, _) => Ok((Granularity::Month, Period::Month)),
        (10, _) => Ok((Granularity::Day, Period::Day)),
        _ => Err(Failure::Usage(format!("--period: {label:?} is not a period label (expected e.g. 2016-03, 2016-W09, 2016-Q1 or 2016-03-02)"))),
    }
}

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references,
/// safe in element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// A number with one decimal, or an em dash without a value.
fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// A value with one decimal and its unit, or an em dash without a value.
fn with_unit(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}{unit}"))
}

fn unit_suffix(u: Unit) -> &'static str {
    match u {
        Unit::Percent => " %",
        Unit::Hours => " h",
        Unit::Count => "",
    }
}

/// A RAG label: a text word and a mark, never colour alone.
fn rag(r: Rag) -> &'static str {
    match r {
        Rag::Green => "<span class=\"rag green\">● On target</span>",
        Rag::Amber => "<span class=\"rag amber\">▲ Within tolerance</span>",
        Rag::Red => "<span class=\"rag red\">■ Off target</span>",
        Rag::Grey => "<span class=\"rag grey\">○ No data</span>",
    }
}

/// The page's style: an Okabe–Ito-based palette (blue for on target,
/// orange for within tolerance, reddish purple for off target) always beside
/// a word and a mark; in print, 15 mm margins that fit A4 and Letter (the
/// paper is the printer's) and each section from a new page.
const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:60em;margin:1em auto;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #999;margin-top:1.6em}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
.rag{font-weight:600;padding:0 .3em;border-radius:3px;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
.green{background:#cce5f6;color:#003f7f}.amber{background:#fde7c2;color:#7a4100}.red{background:#f6d0e6;color:#7a0040}.grey{background:#eee;color:#444}\
.trend{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start;break-inside:avoid}svg{border:1px solid #ccc}\
@page{margin:15mm}\
@media print{body{max-width:none;margin:0}section{break-before:page}section:first-of-type{break-before:auto}a{color:inherit}}";

/// The whole page.
fn page(period: &str, report: &Report, breaches: &[TopBreach], actions: &[Action]) -> String {
    let label = escape(period);
    let sc = &report.scorecard;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n\
         <title>Service review {label}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Service review {label}</h1>\n<p>{} · evaluated as of {} · engine {}{}</p>\n",
        escape(&sc.name),
        escape(&report.as_of),
        report.engine_version,
        if sc.partial { " · <strong>the period is not over yet</strong>" } else { "" }
    );
    summary(&mut h, report);
    let target = sc.perspectives.iter().flat_map(|p| &p.kpis).find(|k| k.kpi == "sla_compliance").map(|k| k.target);
    attainment(&mut h, report, period, target);
    trends(&mut h, report);
    breach_list(&mut h, breaches);
    kpis(&mut h, report);
    action_list(&mut h, actions);
    h.push_str("</body>\n</html>\n");
    h
}

fn summary(h: &mut String, r: &Report) {
    let o = &r.scorecard.overall;
    let change = match (o.trend.delta, o.trend.previous) {
        (Some(d), Some(p)) => format!("{d:+.1} points since the previous period ({p:.1})"),
        _ => "no previous period to compare".to_string(),
    };
    let _ = write!(
        h,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<p>Overall score: <strong>{}</strong> of 100 {} — {}.</p>\n</section>\n",
        num(o.score),
        rag(o.rag),
        change
    );
}

fn attainment(h: &mut String, r: &Report, period: &str, target: Option<f64>) {
    let _ = write!(h, "<section id=\"sla\">\n<h2>SLA attainment {}</h2>\n", escape(period));
    if let Some(t) = target {
        let _ = writeln!(h, "<p>Target: {t:.1} % of clocks met (the scorecard's SLA compliance KPI).</p>");
    }
    h.push_str("<table>\n<thead><tr><th>Policy</th><th>Met</th><th>Breached</th><th>Compliance</th>");
    if target.is_some() {
        h.push_str("<th>Against target</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in r.sla_policies.iter().filter(|c| c.period == period) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            escape(&row.policy),
            row.met,
            row.breached,
            with_unit(row.compliance, " %")
        );
        if let Some(t) = target {
            h.push_str(match row.compliance {
                Some(c) if c >= t => "<td><span class=\"rag green\">● Met target</span></td>",
                Some(_) => "<td><span class=\"rag red\">■ Below target</span></td>",
                None => "<td><span class=\"rag grey\">○ No verdicts</span></td>",
            });
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// Each policy's compliance over the last periods up to the reviewed one.
fn trends(h: &mut String, r: &Report) {
    let end = r.periods.iter().position(|p| p.period == r.scorecard.period).map_or(r.periods.len(), |i| i + 1);
    let labels: Vec<&str> = r.periods[end.saturating_sub(TREND_PERIODS)..end].iter().map(|p| p.period.as_str()).collect();
    let mut policies: Vec<&str> = r.sla_policies.iter().map(|c| c.policy.as_str()).collect();
    policies.dedup();
    h.push_str("<section id=\"trend\">\n<h2>Compliance trend</h2>\n");
    for policy in policies {
        let values: Vec<Option<f64>> =
            labels.iter().map(|l| r.sla_policies.iter().find(|c: &&ComplianceRow| c.policy == policy && c.period == *l).and_then(|c| c.compliance)).collect();
        let name = escape(policy);
        let alt = labels.iter().zip(&values).map(|(l, v)| format!("{l}: {}", num(*v))).collect::<Vec<_>>().join(", ");
        let _ =
            write!(h, "<h3>{name}</h3>\n<div class=\"trend\">\n{}", sparkline(&format!("Compliance of {name} per period, in %: {}", escape(&alt)), &values));
        h.push_str("<table><thead><tr><th>Period</th><th>Compliance</th></tr></thead><tbody>");
        for (l, v) in labels.iter().zip(&values) {
            let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{}</td></tr>", escape(l), with_unit(*v, " %"));
        }
        h.push_str("</tbody></table>\n</div>\n");
    }
    h.push_str("</section>\n");
}

/// An inline SVG line of percentages (0–100) with `alt` as its text
/// alternative; periods without a value break the line.
fn sparkline(alt: &str, values: &[Option<f64>]) -> String {
    let (w, ht, pad) = (360.0, 120.0, 10.0);
    let step = if values.len() > 1 { (w - 2.0 * pad) / (values.len() - 1) as f64 } else { 0.0 };
    let y = |v: f64| pad + (100.0 - v.clamp(0.0, 100.0)) * (ht - 2.0 * pad) / 100.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{alt}\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\"><title>{alt}</title>\
         <line x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-dasharray=\"3 3\"/>",
        y(100.0),
        w - pad,
        y(100.0)
    );
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, s: &mut String| {
        if run.len() > 1 {
            let _ = write!(s, "<polyline fill=\"none\" stroke=\"#0072b2\" stroke-width=\"2\" points=\"{}\"/>", run.join(" "));
        }
        run.clear();
    };
    for (i, v) in values.iter().enumerate() {
        let x = pad + step * i as f64;
        match v {
            Some(v) => {
                let _ = write!(s, "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#0072b2\"/>", y(*v));
                run.push(format!("{x:.1},{:.1}", y(*v)));
            }
            None => flush(&mut run, &mut s),
        }
    }
    flush(&mut run, &mut s);
    s.push_str("</svg>\n");
    s
}

fn breach_list(h: &mut String, breaches: &[TopBreach]) {
    h.push_str("<section id=\"breaches\">\n<h2>Top breaches</h2>\n");
    if breaches.is_empty() {
        h.push_str("<p>No breach in the period.</p>\n</section>\n");
        return;
    }
    h.push_str(
        "<table>\n<thead><tr><th>Ticket</th><th>Policy</th><th>Breached at</th><th>Late</th>\
         <th>Status with most working time</th><th>Group with most working time</th></tr></thead>\n<tbody>\n",
    );
    for b in breaches {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&b.ticket),
            escape(&b.policy),
            escape(&b.breach),
            duration::format(b.late_seconds),
            held(&b.status, b.status_seconds),
            held(&b.group, b.group_seconds)
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// "value (time)" of the value that held most of a breach's working time, escaped; "—" when none.
fn held(value: &Option<String>, seconds: Option<i64>) -> String {
    match seconds {
        Some(t) => format!("{} ({})", escape(value.as_deref().unwrap_or("none")), duration::format(t)),
        None => "—".to_string(),
    }
}

fn kpis(h: &mut String, r: &Report) {
    h.push_str(
        "<section id=\"kpis\">\n<h2>KPIs against targets</h2>\n<table>\n<thead><tr><th>Perspective</th><th>KPI</th><th>Value</th>\
         <th>Target</th><th>Status</th></tr></thead>\n<tbody>\n",
    );
    for p in &r.scorecard.perspectives {
        for k in &p.kpis {
            let u = unit_suffix(k.unit);
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}{u}</td><td>{}</td></tr>",
                escape(&p.name),
                escape(k.name),
                with_unit(k.value, u),
                k.target,
                rag(k.rag)
            );
        }
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn action_list(h: &mut String, actions: &[Action]) {
    h.push_str("<section id=\"actions\">\n<h2>Improvement actions</h2>\n");
    if actions.is_empty() {
        h.push_str("<p>No actions recorded.</p>\n</section>\n");
        return;
    }
    h.push_str("<table>\n<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>\n<tbody>\n");
    for a in actions {
        let _ = writeln!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(&a.title), escape(&a.owner), escape(&a.due), escape(&a.status));
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_writes_markup_characters_as_references() {
        assert_eq!(escape(r#"<a href="x">O'Neil & co</a>"#), "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;");
    }
}
