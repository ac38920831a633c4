//! `sla-scorecard review`: a self-contained HTML service review of one
//! period (summary, SLA attainment, the charts of the element's service
//! review — compliance trend against the target, compliance by priority ×
//! period, where breached and met outcomes' working time went, backlog by
//! age, the history of the KPIs off target — the top breaches with where
//! their working time went, KPIs against targets and improvement actions).
//! Everything is inline (CSS, SVG): the page opens offline and needs no
//! script. Every text from the inputs is escaped. The charts and their
//! tables are in [`charts`], drawn by [`svg`].

mod charts;
mod svg;

use super::data::{input, load_data, load_json, load_policies, DataArgs};
use super::Failure;
use crate::causes::summary::{CausesReport, TopBreach};
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
    /// Ticket dimension of the compliance heatmap's rows [default: priority when the data has it, else no heatmap]
    #[arg(long, value_name = "NAME")]
    pub dimension: Option<String>,
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
    let why = causes(&dataset, &set, &table, &placed, axes);
    // The heatmap: the compliance table by the dimension, over the same periods.
    let dimension = a.dimension.clone().or_else(|| dataset.dimension_names.iter().any(|d| d == "priority").then(|| "priority".to_string()));
    let heat = match dimension {
        Some(d) => {
            let by = SlaReportOptions { dimension: Some(d.clone()), ..placed };
            Some((table.compliance(&dataset, &set, &by).map_err(|e| Failure::Usage(format!("--dimension: {e}")))?, d))
        }
        None => None,
    };
    Ok(page(&a.period, &report, &why, heat.as_ref().map(|(rows, d)| (rows.as_slice(), d.as_str())), &actions))
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

/// The unit's suffix after a value (" %", " h", nothing for a count).
fn unit_suffix(u: Unit) -> &'static str {
    match u {
        Unit::Percent => " %",
        Unit::Hours => " h",
        Unit::Count => "",
    }
}

/// The word of a RAG status.
fn rag_word(r: Rag) -> &'static str {
    match r {
        Rag::Green => "On target",
        Rag::Amber => "Within tolerance",
        Rag::Red => "Off target",
        Rag::Grey => "No data",
    }
}

/// A RAG label: a text word and a mark, never colour alone.
fn rag(r: Rag) -> String {
    let (class, mark) = match r {
        Rag::Green => ("green", "●"),
        Rag::Amber => ("amber", "▲"),
        Rag::Red => ("red", "■"),
        Rag::Grey => ("grey", "○"),
    };
    format!("<span class=\"rag {class}\">{mark} {}</span>", rag_word(r))
}

/// The page's style: an Okabe–Ito-based palette (blue for on target,
/// orange for within tolerance, reddish purple for off target) always beside
/// a word and a mark; the charts' series colours `s0`–`s5` (the element's
/// light theme), viridis heatmap shades `h0`–`h4`, and in every chart a
/// second cue (marker shape, dash, hatching, outline, printed figures); in
/// print, colours kept, 15 mm margins that fit A4 and Letter (the paper is
/// the printer's), each section from a new page and no figure split.
const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:60em;margin:1em auto;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #999;margin-top:1.6em}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left}\
caption{text-align:left;font-weight:600;padding:.2em 0}th[scope=row]{font-weight:normal}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555;font-weight:normal;font-size:.85em}\
.rag{font-weight:600;padding:0 .3em;border-radius:3px}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\
.green{background:#cce5f6;color:#003f7f}.amber{background:#fde7c2;color:#7a4100}.red{background:#f6d0e6;color:#7a0040}.grey{background:#eee;color:#444}\
.figure{margin:.5em 0 1.2em}.figure>svg,.figure>.legend{break-inside:avoid;break-after:avoid}.figure td,.figure th[scope=row]{white-space:nowrap}svg.chart{display:block;max-width:100%;height:auto;border:1px solid #ccc}\
.chart text{font-size:11px;fill:#222}.chart .tick,.chart .row{text-anchor:end}.chart .col,.chart .cell-text{text-anchor:middle}\
.chart .sub,.chart .band-label{fill:#555;font-size:10px}.chart .grid{stroke:#ddd}.chart .ref{stroke:#222;stroke-width:1.5;stroke-dasharray:6 4}\
.line{stroke-width:2;fill:none}.line.s0{stroke-width:3}.line.s1{stroke-dasharray:7 3}.line.s2{stroke-dasharray:2 3}.line.s3{stroke-dasharray:9 3 2 3}.line.s4{stroke-dasharray:4 4}\
.s0{stroke:#0072b2;fill:#0072b2}.s1{stroke:#c24e00;fill:#c24e00}.s2{stroke:#007a5a;fill:#007a5a}\
.s3{stroke:#b4418e;fill:#b4418e}.s4{stroke:#7a6000;fill:#7a6000}.s5{stroke:#57606a;fill:#57606a}\
.line[class]{fill:none}.bar.outline{fill:#fff;stroke-width:3}.chart .part{stroke:#fff;stroke-width:1}.hatch{fill:#fff;fill-opacity:.6}\
.band{opacity:.16}.band-green{fill:#1a7f37}.band-amber{fill:#9a6700}.band-red{fill:#cf222e}\
.h0{fill:#440154}.h1{fill:#3b528b}.h2{fill:#21918c}.h3{fill:#5ec962}.h4{fill:#fde725}.hnone{fill:#f6f8fa;stroke:#d0d7de}\
.chart .cell-text{fill:#000}.chart .cell-text.h0,.chart .cell-text.h1{fill:#fff}.chart .cell-text.hnone{fill:#555}\
.chart .stack-text{paint-order:stroke;stroke:#fff;stroke-width:3px;fill:#000}\
.legend span{margin-right:1em;white-space:nowrap}.legend svg{vertical-align:middle}\
@page{margin:15mm}\
@media print{body{max-width:none;margin:0}section{break-before:page}section:first-of-type{break-before:auto}h2,h3{break-after:avoid}tr{break-inside:avoid}a{color:inherit}}";

/// The whole page: `why` is the causes document of the review's periods,
/// `heat` the compliance table by a dimension with that dimension's name.
fn page(period: &str, report: &Report, why: &CausesReport, heat: Option<(&[ComplianceRow], &str)>, actions: &[Action]) -> String {
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
    let labels = span(report);
    charts::trend(&mut h, report, &labels, target);
    if let Some((rows, dimension)) = heat {
        charts::heatmap(&mut h, rows, dimension, &labels);
    }
    charts::causes(&mut h, &why.causes, period);
    let breaches: Vec<&TopBreach> = why.top_breaches.iter().filter(|b| b.period == period).collect();
    breach_list(&mut h, &breaches);
    charts::backlog(&mut h, report);
    kpis(&mut h, report);
    charts::kpi_history(&mut h, report, &labels);
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

/// The labels of the last [`TREND_PERIODS`] periods up to the reviewed one, oldest first.
fn span(r: &Report) -> Vec<String> {
    let end = r.periods.iter().position(|p| p.period == r.scorecard.period).map_or(r.periods.len(), |i| i + 1);
    r.periods[end.saturating_sub(TREND_PERIODS)..end].iter().map(|p| p.period.clone()).collect()
}

fn breach_list(h: &mut String, breaches: &[&TopBreach]) {
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
