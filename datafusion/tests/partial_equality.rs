//! `sla_partial` and `partial_merge` over a ServiceNow event log split into
//! eight CSV files (a ticket's events spread over several of them) and read
//! in four partitions: the report made from the merged partial is the
//! core's report of the same rows loaded whole, byte for byte. On the
//! 890-incident sample shipped in the repository always; on the full
//! 24,918-incident log when its zip is present. The sample split by ticket
//! between two separate runs (two machines), their partials merged, reports
//! the same.

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, SessionConfig, SessionContext};
use serde_json::{json, Value};
use sla_scorecard::ingest::{load, Input, LoadOptions};
use sla_scorecard::report::partial::from_partial;
use sla_scorecard::report::{build, ReportOptions};
use sla_scorecard::scorecard::{Config, DEFAULT_SCORECARD};
use sla_scorecard::sla::PolicySet;
use sla_scorecard_datafusion::scorecard::{partial, report, Grouping, Settings};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// After the last instant of either log (2017-02-18 15:00).
const AS_OF: &str = "2017-03-01T00:00:00Z";
/// The full log's zip; `SLA_FULL_EVENT_LOG_ZIP` names another place.
const FULL_ZIP: &str = "/work/shared/data/servicenow-incident-event-log/incident_event_log_full.zip";
const FILES: usize = 8;

/// The constant arguments, owned.
struct Owned {
    load_options: Value,
    config: Value,
    report_options: Value,
    policies: Value,
}

impl Owned {
    fn new() -> Owned {
        Owned {
            load_options: json!({"preset": "servicenow-event-log"}),
            config: serde_json::from_str(DEFAULT_SCORECARD).unwrap(),
            report_options: json!({"asOf": AS_OF}),
            policies: serde_json::from_str(include_str!("../../benches/policies.json")).unwrap(),
        }
    }

    fn settings(&self) -> Settings<'_> {
        Settings { load_options: &self.load_options, config: &self.config, report_options: &self.report_options, policies: Some(&self.policies) }
    }
}

fn sample() -> String {
    let gz = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/servicenow-incident-event-log.csv.gz")).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    text
}

/// The full log's CSV text, or `None` (with a note) when the zip or `unzip`
/// is absent.
fn full_log() -> Option<String> {
    let zip = std::env::var("SLA_FULL_EVENT_LOG_ZIP").unwrap_or_else(|_| FULL_ZIP.to_string());
    if !Path::new(&zip).exists() {
        eprintln!("note: {zip} is absent; the full event log's equality is not checked (set SLA_FULL_EVENT_LOG_ZIP)");
        return None;
    }
    match std::process::Command::new("unzip").arg("-p").arg(&zip).arg("incident_event_log.csv").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).unwrap()),
        Ok(out) => panic!("unzip -p {zip}: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => {
            eprintln!("note: unzip does not run ({e}); the full event log's equality is not checked");
            None
        }
    }
}

/// The core's report of `text` loaded whole, serialised.
fn whole(text: &str, owned: &Owned) -> String {
    let dataset = load(Input::Csv(text), &LoadOptions::from_json(&owned.load_options, "").unwrap()).unwrap().dataset;
    let config = Config::from_json(&owned.config, "").unwrap();
    let options = ReportOptions::from_json(&owned.report_options, "").unwrap();
    let set = PolicySet::from_json(&owned.policies, "").unwrap();
    serde_json::to_string(&build(&dataset, &config, &options, Some(&set)).unwrap()).unwrap()
}

/// Writes `text`'s rows round-robin into `FILES` CSV files under `dir`, so
/// that most tickets' events are spread over several files, and returns the
/// header's column names. Checks what splitting by line and regrouping
/// assume: no quoted field (a line is a row), and no two events of a ticket
/// with the same update time and sequence (their order would then be the
/// input row's, which splitting changes).
fn split(text: &str, dir: &Path) -> Vec<String> {
    assert!(!text.contains('"'), "a quoted field: rows cannot be split by line");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let columns: Vec<String> = header.split(',').map(String::from).collect();
    let at = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let key = [at("number"), at("sys_updated_at"), at("sys_mod_count")];
    let mut bodies = vec![format!("{header}\n"); FILES];
    let mut seen = HashSet::new();
    for (i, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        assert!(seen.insert(key.map(|k| fields[k].to_string())), "tied events: {line}");
        bodies[i % FILES].push_str(line);
        bodies[i % FILES].push('\n');
    }
    for (i, body) in bodies.iter().enumerate() {
        std::fs::write(dir.join(format!("events-{i}.csv")), body).unwrap();
    }
    columns
}

/// The report made by SQL over the split files, serialised.
async fn sql_report(text: &str, grouping: Grouping<'_>, owned: &Owned) -> String {
    let dir = tempfile::tempdir().unwrap();
    let columns = split(text, dir.path());
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(4));
    sla_scorecard_datafusion::register(&ctx);
    // Every column as text, as the core reads CSV (no type inference).
    let schema = Schema::new(columns.iter().map(|c| Field::new(c, DataType::Utf8, true)).collect::<Vec<_>>());
    ctx.register_csv("events", &format!("{}/", dir.path().display()), CsvReadOptions::new().schema(&schema)).await.unwrap();
    let plan = ctx.sql("EXPLAIN SELECT * FROM events").await.unwrap().collect().await.unwrap();
    let plan = datafusion::arrow::util::pretty::pretty_format_batches(&plan).unwrap().to_string();
    assert!(plan.contains("file_groups={4 groups"), "{plan}");
    serde_json::to_string(&report(&ctx, "events", grouping, owned.settings()).await.unwrap()).unwrap()
}

fn same(got: &str, expected: &str) {
    if got != expected {
        let at = got.bytes().zip(expected.bytes()).position(|(a, b)| a != b).unwrap_or(got.len().min(expected.len()));
        let from = at.saturating_sub(200);
        panic!(
            "reports differ at byte {at}:\n  sql:  …{}\n  core: …{}",
            &got[from..(at + 200).min(got.len())],
            &expected[from..(at + 200).min(expected.len())]
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sample_grouped_by_ticket_equals_the_whole_report() {
    let (text, owned) = (sample(), Owned::new());
    same(&sql_report(&text, Grouping::Ticket("number"), &owned).await, &whole(&text, &owned));
}

#[tokio::test(flavor = "multi_thread")]
async fn sample_grouped_by_bucket_equals_the_whole_report() {
    let (text, owned) = (sample(), Owned::new());
    same(&sql_report(&text, Grouping::Buckets("number", 16), &owned).await, &whole(&text, &owned));
}

#[tokio::test(flavor = "multi_thread")]
async fn full_log_equals_the_whole_report() {
    let Some(text) = full_log() else { return };
    let owned = Owned::new();
    same(&sql_report(&text, Grouping::Buckets("number", 64), &owned).await, &whole(&text, &owned));
}

/// The sample's tickets split between two folders, each queried by its own
/// session as another machine would, and the two partials merged.
#[tokio::test(flavor = "multi_thread")]
async fn partials_of_two_runs_over_disjoint_tickets_merge_into_the_whole_report() {
    let (text, owned) = (sample(), Owned::new());
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut halves = [format!("{header}\n"), format!("{header}\n")];
    for line in lines {
        // By the ticket number's last digit: every event of a ticket on one side.
        let number = line.split(',').next().unwrap();
        let side = usize::from(number.bytes().last().unwrap() % 2 == 1);
        halves[side].push_str(line);
        halves[side].push('\n');
    }
    let schema = Schema::new(header.split(',').map(|c| Field::new(c, DataType::Utf8, true)).collect::<Vec<_>>());
    let mut merged = None;
    for half in &halves {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("events.csv"), half).unwrap();
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        sla_scorecard_datafusion::register(&ctx);
        ctx.register_csv("events", &format!("{}/", dir.path().display()), CsvReadOptions::new().schema(&schema)).await.unwrap();
        let part = partial(&ctx, "events", Grouping::Buckets("number", 8), owned.settings()).await.unwrap();
        match merged.as_mut() {
            None => merged = Some(part),
            Some(m) => sla_scorecard::report::partial::Partial::merge(m, part).unwrap(),
        }
    }
    assert!(halves.iter().all(|h| h.lines().count() > 1000), "both halves hold tickets");
    let config = Config::from_json(&owned.config, "").unwrap();
    let options = ReportOptions::from_json(&owned.report_options, "").unwrap();
    let report = from_partial(&merged.unwrap(), &config, owned.config.get("calendar"), &options).unwrap();
    same(&serde_json::to_string(&report).unwrap(), &whole(&text, &owned));
}
