//! Native benchmarks of the core on generated data (`cargo bench`): ingest
//! (whole loads, and timestamp cells alone: ISO 8601 by the reader's fast
//! path and by its general step through chrono, and a configured format), calendar `duration`/`add`, SLA evaluation, the full scorecard report and
//! where clock time went (`causes`), partial reports (made, read, prepared,
//! and re-scored for a what-if), at 10,000 and 100,000 tickets. Prints the median, minimum and maximum of
//! several runs per measure; no timing is asserted anywhere.
//!
//! `cargo bench --bench native -- 1000000` runs other sizes; other words
//! keep only the measures whose name contains one of them
//! (`cargo bench --bench native -- 100000 ingest`). Each load is printed
//! in MB/s beside the floor: csv-core alone splitting the same bytes into
//! records. `BENCH_RUNS=N` sets the runs per measure.

use sla_scorecard::calendar::Calendar;
use sla_scorecard::causes;
use sla_scorecard::ingest::timestamp::{Epoch, TimestampReader};
use sla_scorecard::ingest::{load, Format, Input, LoadOptions, Loaded, Loader};
use sla_scorecard::report::partial::{Partial, Prepared};
use sla_scorecard::report::{self, ReportOptions};
use sla_scorecard::scorecard::{default_config, default_json, Config};
use sla_scorecard::sla::{self, PolicySet};
use sla_scorecard::support::generate::{tickets_csv, Form, Spec};
use sla_scorecard::support::time::{format_instant, read_iso};
use sla_scorecard::support::tz::TimeZone;
use std::hint::black_box;
use std::time::Instant;

/// Runs per measure under `cargo bench`.
const RUNS: usize = 7;

/// Runs `f` `RUNS` times (after one warm-up) and prints median/min/max,
/// unless `filters` leave it out.
/// Gives the median in ms (`None` when left out).
fn bench<T>(filters: &[String], runs: usize, name: &str, mut f: impl FnMut() -> T) -> Option<f64> {
    if !filters.is_empty() && !filters.iter().any(|w| name.contains(w.as_str())) {
        return None;
    }
    black_box(f());
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!("{name:<44} {:>10.2} {:>10.2} {:>10.2}", ms[runs / 2], ms[0], ms[runs - 1]);
    Some(ms[runs / 2])
}

/// The floor of any load on csv-core: the records of `text` split by
/// csv-core into a field buffer (as the loader's reader does), counting
/// records and fields, nothing else.
fn csv_core_scan(text: &[u8]) -> (usize, usize) {
    let mut parser = csv_core::Reader::new();
    let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 256]);
    let (mut input, mut records, mut fields) = (text, 0, 0);
    loop {
        let (result, read, _, n) = parser.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            csv_core::ReadRecordResult::Record => {
                records += 1;
                fields += n;
            }
            csv_core::ReadRecordResult::End => return (records, fields),
            // Fields and records of this data fit the buffers.
            csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {}
        }
    }
}

/// A load of CSV bytes, as the CLI reads a file.
fn load_bytes(bytes: &[u8], options: &LoadOptions) -> Loaded {
    let mut loader = Loader::new(options.clone(), Format::Csv, bytes.len());
    loader.push(bytes).expect("load");
    loader.finish().expect("load")
}

/// Prints the throughput of a load of `bytes` taking `load_ms` beside the
/// floor's, and the ratio.
fn throughput(name: &str, bytes: usize, load_ms: Option<f64>, floor_ms: Option<f64>) {
    let mb_s = |ms: f64| bytes as f64 / 1e6 / (ms / 1000.0);
    if let (Some(load), Some(floor)) = (load_ms, floor_ms) {
        println!("{name:<44} {:>7.0} MB/s, floor {:>5.0} MB/s, {:.1}× the floor's time", mb_s(load), mb_s(floor), load / floor);
    }
}

fn options(preset: &str) -> LoadOptions {
    LoadOptions::from_json(&serde_json::json!({ "preset": preset }), "").expect("preset options")
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // file too, without it: then one quick run on 1,000 tickets (a smoke test).
    let measuring = std::env::args().any(|a| a == "--bench");
    // `BENCH_RUNS=50` runs each measure more often (for a profiler, so that
    // the measure outweighs generating the data).
    let runs = if measuring { std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).filter(|&r| r > 0).unwrap_or(RUNS) } else { 1 };
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let filters: Vec<String> = args.iter().filter(|a| a.parse::<usize>().is_err()).cloned().collect();
    let sizes: Vec<usize> = {
        let given: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
        if !measuring {
            vec![1_000]
        } else if given.is_empty() {
            vec![10_000, 100_000]
        } else {
            given
        }
    };
    let policies_text = include_str!("policies.json");
    let policies = PolicySet::from_json(&serde_json::from_str(policies_text).expect("policies JSON"), "").expect("policies");
    let office = Calendar::from_json(
        &serde_json::json!({"timezone": "Europe/Berlin", "week": {
            "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
            "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}),
        "",
    )
    .expect("calendar");
    let config = default_config().expect("default scorecard");
    let config_doc = default_json().expect("default scorecard");
    let policies_doc: serde_json::Value = serde_json::from_str(policies_text).expect("policies JSON");
    // A what-if: the first KPI's target halved, without its baseline.
    let mut what_if_doc = config_doc.clone();
    let first = &mut what_if_doc["perspectives"][0]["kpis"][0];
    first["target"] = serde_json::json!(first["target"].as_f64().unwrap_or(1.0) / 2.0);
    first.as_object_mut().map(|k| k.remove("baseline"));
    let what_if = Config::from_json(&what_if_doc, "").expect("what-if scorecard");
    println!("{:<44} {:>10} {:>10} {:>10}", "measure (ms)", "median", "min", "max");
    for n in sizes {
        let spec = Spec::new(n, 1);
        let flat = tickets_csv(&spec, Form::Flat);
        let events = tickets_csv(&spec, Form::Events);
        // serde_json's float writer alone (ryu with its `small` tables, see
        // Cargo.toml): n doubles of 17 significant digits, as JSON text.
        let doubles: Vec<f64> = (1..=n as u64).map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / 9_007_199.254_740_993).collect();
        bench(&filters, runs, &format!("{n} doubles to JSON text"), || serde_json::to_string(&doubles).expect("JSON").len());
        let flat_opts = options("servicenow-incidents");
        let events_opts = options("servicenow-event-log");
        let flat_floor = bench(&filters, runs, &format!("{n} ingest flat CSV, csv-core scan (floor)"), || csv_core_scan(flat.as_bytes()));
        let flat_ms = bench(&filters, runs, &format!("{n} ingest flat CSV ({} MB)", flat.len() >> 20), || load_bytes(flat.as_bytes(), &flat_opts));
        let events_floor = bench(&filters, runs, &format!("{n} ingest event log, csv-core scan (floor)"), || csv_core_scan(events.as_bytes()));
        let events_ms = bench(&filters, runs, &format!("{n} ingest event log ({} MB)", events.len() >> 20), || load_bytes(events.as_bytes(), &events_opts));
        throughput(&format!("{n} ingest flat CSV"), flat.len(), flat_ms, flat_floor);
        throughput(&format!("{n} ingest event log"), events.len(), events_ms, events_floor);
        let flat_ds = load(Input::Csv(&flat), &flat_opts).expect("load").dataset;
        let events_ds = load(Input::Csv(&events), &events_opts).expect("load").dataset;
        timestamp_cells(&filters, runs, n, &flat_ds.tickets.iter().map(|t| t.opened).collect::<Vec<_>>());
        let spans: Vec<(i64, i64)> = flat_ds.tickets.iter().map(|t| (t.opened, t.opened + (t.opened * 7919).rem_euclid(10 * 86_400))).collect();
        bench(&filters, runs, &format!("{n} calendar duration × {n}"), || spans.iter().map(|&(a, b)| office.duration(a, b)).sum::<i64>());
        bench(&filters, runs, &format!("{n} calendar add × {n}"), || spans.iter().map(|&(a, b)| office.add(a, (b - a) / 4).unwrap_or(0)).sum::<i64>());
        let as_of = spec.end();
        bench(&filters, runs, &format!("{n} SLA evaluation, event log"), || sla::evaluate(&events_ds, &policies, as_of).outcomes.len());
        let ropts = ReportOptions { as_of: Some(as_of), ..Default::default() };
        bench(&filters, runs, &format!("{n} report, flat, no policies"), || report::build(&flat_ds, &config, &ropts, None).expect("report"));
        bench(&filters, runs, &format!("{n} report, flat, policies"), || report::build(&flat_ds, &config, &ropts, Some(&policies)).expect("report"));
        bench(&filters, runs, &format!("{n} report, event log, policies"), || report::build(&events_ds, &config, &ropts, Some(&policies)).expect("report"));
        bench(&filters, runs, &format!("{n} report JSON, flat"), || {
            serde_json::to_string(&report::build(&flat_ds, &config, &ropts, None).expect("report")).expect("JSON").len()
        });
        // Partial reports of the event log: made, read back from JSON, their
        // table built once, then re-scored for a what-if (what `Partials` does
        // per call in the page).
        let calendar = config_doc.get("calendar");
        let make = || Partial::from_dataset(&events_ds, &config, calendar, &ropts, Some((&policies, &policies_doc))).expect("partial");
        bench(&filters, runs, &format!("{n} partial, event log, policies"), || make().cells.len());
        let text = make().to_json();
        bench(&filters, runs, &format!("{n} partial read ({} KB of JSON)", text.len() >> 10), || Partial::from_json(&text).expect("partial").cells.len());
        let partial = Partial::from_json(&text).expect("partial");
        bench(&filters, runs, &format!("{n} partial prepared (table built)"), || Prepared::new(&partial, &config, calendar, &ropts).expect("prepared"));
        let prepared = Prepared::new(&partial, &config, calendar, &ropts).expect("prepared");
        bench(&filters, runs, &format!("{n} partial what-if (re-scored)"), || prepared.report(&what_if, calendar, &ropts).expect("what-if"));
        let sla_report = sla::report::build(&events_ds, &policies, &sla::evaluate(&events_ds, &policies, as_of), &Default::default()).expect("SLA report");
        bench(&filters, runs, &format!("{n} SLA report JSON, event log"), || serde_json::to_string(&sla_report).expect("JSON").len());
        // Where clock time went: every decided outcome's timeline rebuilt one ticket at a time
        // (on flat tickets this was quadratic until 2026-12-04: 196 s at 100,000).
        let sopts = sla::report::ReportOptions::default();
        for (form, ds) in [("flat", &flat_ds), ("event log", &events_ds)] {
            let table = sla::OutcomeTable::evaluate(ds, &policies, as_of);
            bench(&filters, runs, &format!("{n} causes, {form}"), || {
                causes::causes(ds, &policies, &table, &sopts, causes::Axis::with_history(ds)).causes.len()
            });
        }
    }
}

/// Reading `n` timestamp cells (the tickets' opening instants, written out)
/// with a Europe/Berlin reader: canonical ISO 8601, half with `Z`, half
/// naive, through the reader (its fast path) and through chrono alone (what
/// the reader would cost without the fast path), and `dd-mm-yyyy hh:mm`
/// through a configured format.
fn timestamp_cells(filters: &[String], runs: usize, n: usize, instants: &[i64]) {
    let zone = TimeZone::named("Europe/Berlin", "timezone").expect("zone");
    let iso: Vec<String> = instants
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let text = format_instant(t);
            if i % 2 == 0 {
                text
            } else {
                text.replace('T', " ").replace('Z', "")
            }
        })
        .collect();
    // A new reader per run: its memo of distinct values would otherwise
    // answer every cell after the warm-up.
    let reader = |formats: &[String]| TimestampReader::new(zone.clone(), formats, Epoch::Auto, "timestampFormats").expect("reader");
    bench(filters, runs, &format!("{n} ingest iso timestamps × {n}"), || {
        let r = reader(&[]);
        iso.iter().filter_map(|t| r.read_text(t).ok()).sum::<i64>()
    });
    // The reader's general ISO 8601 step (chrono), which reads these cells
    // when the fast path is off.
    bench(filters, runs, &format!("{n} ingest iso timestamps, chrono × {n}"), || {
        iso.iter().filter_map(|t| read_iso(t).map(|(local, offset)| offset.map_or_else(|| zone.local_to_utc(local), |o| local - o))).sum::<i64>()
    });
    // dd-mm-yyyy hh:mm of each instant (UTC wall clock), by its ISO text.
    let dmy: Vec<String> = iso.iter().map(|t| format!("{}-{}-{} {}", &t[8..10], &t[5..7], &t[0..4], &t[11..16])).collect();
    let formats = ["%d-%m-%Y %H:%M".to_string()];
    bench(filters, runs, &format!("{n} ingest format timestamps × {n}"), || {
        let r = reader(&formats);
        dmy.iter().filter_map(|t| r.read_text(t).ok()).sum::<i64>()
    });
}
