//! `OutcomeTable` (the columnar, lazy outcomes behind the JS `SlaOutcomes`)
//! against the existing report path on the sample: the same outcomes, the
//! same CSV, compliance and breaches, timelines computed per ticket equal to
//! those of the full evaluation, and per-priority figures equal to the
//! independent Python computation (`tests/independent/sla_sample.json`).

mod common;
mod sla_common;

use serde_json::Value;
use sla_scorecard::sla::table::{SortKey, STATES};
use sla_scorecard::sla::{evaluate, evaluate_without_timelines, report, OutcomeTable, PolicySet, State};
use sla_scorecard::support::time::parse_instant;

fn sample() -> (sla_scorecard::ingest::model::Dataset, PolicySet, i64) {
    let data = common::load_sample().dataset;
    let doc: Value = serde_json::from_str(include_str!("../policies/servicenow-sample.json")).unwrap();
    (data, PolicySet::from_json(&doc, "").unwrap(), parse_instant("2017-02-04T19:00:00Z").unwrap())
}

#[test]
fn figures_match_the_independent_computation() {
    let (data, set, as_of) = sample();
    let table = OutcomeTable::evaluate(&data, &set, as_of);
    let expected: Value = serde_json::from_str(include_str!("independent/sla_sample.json")).unwrap();
    assert_eq!(table.evaluated as u64, expected["incidents"].as_u64().unwrap());
    assert_eq!(table.unmatched, 0);
    for (priority, figures) in expected["perPriority"].as_object().unwrap() {
        let policy = set.policies.iter().position(|p| p.name.starts_with(&format!("P{}", &priority[..1]))).unwrap();
        let count = |s: State| table.outcomes().filter(|o| o.policy == policy && o.state == s).count() as u64;
        assert_eq!(count(State::Met), figures["met"].as_u64().unwrap(), "{priority} met");
        assert_eq!(count(State::Breached), figures["breached"].as_u64().unwrap(), "{priority} breached");
    }
}

#[test]
fn table_agrees_with_the_full_evaluation() {
    let (data, set, as_of) = sample();
    let table = OutcomeTable::evaluate(&data, &set, as_of);
    let full = evaluate(&data, &set, as_of);
    let bare = evaluate_without_timelines(&data, &set, as_of);
    assert_eq!(table.len(), full.outcomes.len());
    assert_eq!(table.outcomes().collect::<Vec<_>>(), bare.outcomes);
    assert_eq!((table.evaluated, table.unmatched, &table.warnings), (full.evaluated, full.unmatched.len(), &full.warnings));
    // CSV, breaches and compliance: the same text and rows as the report functions.
    assert_eq!(table.csv(&data, &set), report::outcomes_csv(&report::outcomes(&data, &set, &bare)));
    assert_eq!(table.breaches(&data, &set), report::breaches(&data, &set, &full));
    let opts = report::ReportOptions { period: report::Period::Month, dimension: Some("priority".into()), ..Default::default() };
    assert_eq!(table.compliance(&data, &set, &opts).unwrap(), report::compliance(&data, &set, &full, &opts).unwrap());
    // Timelines on demand equal the full evaluation's, for any choice of positions.
    let every: Vec<usize> = (0..table.len()).collect();
    assert_eq!(table.with_timelines(&data, &set, &every), full.outcomes);
    let some = [table.len() - 1, 0, 7, 7];
    let picked: Vec<_> = some.iter().map(|&i| full.outcomes[i].clone()).collect();
    assert_eq!(table.with_timelines(&data, &set, &some), picked);
    // A ticket's range holds exactly its outcomes.
    let t = full.outcomes[7].ticket;
    let range = table.ticket_range(t);
    assert_eq!(range.clone().count(), full.outcomes.iter().filter(|o| o.ticket == t).count());
    assert!(range.clone().all(|i| full.outcomes[i].ticket == t));
    assert!(table.ticket_range(data.tickets.len() + 5).is_empty());
    assert!(table.outcome(table.len()).is_none());
}

#[test]
fn columns_and_order() {
    let (data, set, as_of) = sample();
    let table = OutcomeTable::evaluate(&data, &set, as_of);
    let full = evaluate_without_timelines(&data, &set, as_of).outcomes;
    let codes = table.state_codes();
    assert!(codes.iter().zip(&full).all(|(&c, o)| STATES[c as usize] == o.state));
    let due = table.f64_column(SortKey::Due, 1000.0);
    assert!(due.iter().zip(&full).all(|(&d, o)| match o.due {
        Some(v) => d == v as f64 * 1000.0,
        None => d.is_nan(),
    }));
    // Descending by late seconds: breached outcomes first, absent values last.
    let order = table.order(&data, &set, SortKey::Late, true);
    let lates: Vec<Option<i64>> = order.iter().map(|&i| full[i as usize].late).collect();
    let mut want = lates.clone();
    want.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    });
    assert_eq!(lates, want);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(sorted, (0..full.len() as u32).collect::<Vec<_>>());
    assert!(SortKey::parse("-percent", "sortBy").unwrap() == (SortKey::Percent, true));
    let err = SortKey::parse("size", "sortBy").unwrap_err().to_string();
    assert!(err.starts_with("sortBy: \"size\" is not a sort field"), "{err}");
}
