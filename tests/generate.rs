//! The synthetic data generator: deterministic, loadable by the presets in
//! strict mode, and shaped as documented in `src/support/generate.rs` (shares are
//! checked against the documented figures with a tolerance of a few
//! standard errors, not against the generator's own output).

mod common;

use common::load_csv;
use serde_json::json;
use sla_scorecard::ingest::{load_into, Input, LoadOptions};
use sla_scorecard::support::generate::{changes_csv, outages_csv, tickets_csv, Form, Spec, CHANGE_MAPPING, OUTAGE_MAPPING};

const N: usize = 20_000;

fn share(count: usize, total: usize) -> f64 {
    count as f64 / total as f64
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    let a = tickets_csv(&Spec::new(500, 7), Form::Events);
    assert_eq!(a, tickets_csv(&Spec::new(500, 7), Form::Events));
    assert_ne!(a, tickets_csv(&Spec::new(500, 8), Form::Events));
}

#[test]
fn flat_form_loads_strictly_with_documented_shares() {
    let spec = Spec::new(N, 1);
    let loaded = load_csv(&tickets_csv(&spec, Form::Flat), json!({"preset": "servicenow-incidents"})).unwrap();
    let d = &loaded.dataset;
    assert_eq!(loaded.summary.rejected, 0);
    assert_eq!(d.tickets.len(), N);
    let p = d.dimension_index("priority").unwrap();
    let count = |label: &str| d.tickets.iter().filter(|t| d.dimension_value(t, p) == Some(label)).count();
    // Documented shares 2/8/60/30 %, less the 3 % of P3 escalated to P2
    // (0.6 × 0.03 = 1.8 points move from P3 to P2). Standard error at
    // n = 20,000 is at most 0.35 points; allow 1.5.
    for (label, expected) in [("1 - Critical", 0.02), ("2 - High", 0.098), ("3 - Moderate", 0.582), ("4 - Low", 0.30)] {
        let s = share(count(label), N);
        assert!((s - expected).abs() < 0.015, "{label}: {s} vs {expected}");
    }
    // Arrivals: weekdays weigh 100, weekend days 15, so 500 / 530 = 94.3 %
    // of tickets open Monday to Friday.
    let weekday = d.tickets.iter().filter(|t| (t.opened.div_euclid(86_400) + 3).rem_euclid(7) < 5).count();
    assert!((share(weekday, N) - 500.0 / 530.0).abs() < 0.01, "weekday share {}", share(weekday, N));
    // 875 of 934 hourly weights fall between 08:00 and 18:00 UTC.
    let office = d.tickets.iter().filter(|t| (8..18).contains(&(t.opened.rem_euclid(86_400) / 3600))).count();
    assert!((share(office, N) - 875.0 / 934.0).abs() < 0.01, "office-hours share {}", share(office, N));
    // Tickets ordered by opening, every resolution after its opening.
    assert!(d.tickets.windows(2).all(|w| w[0].opened <= w[1].opened));
    assert!(d.tickets.iter().all(|t| t.resolved.get().map_or(true, |r| r > t.opened)));
}

#[test]
fn resolution_times_are_log_normal_with_the_documented_median() {
    // P4 tickets without a pause or a reopen: wall resolution time =
    // first response (median 4 h) + work (median 40 h). The median of the
    // sum lies between the larger median (40 h) and the sum of the medians
    // (44 h); the log of the work has σ = 1, so the spread is wide: the
    // 90th percentile is above 40 h · e^(1.2816) ≈ 144 h.
    let loaded = load_csv(&tickets_csv(&Spec::new(N, 3), Form::Events), json!({"preset": "servicenow-event-log"})).unwrap();
    let d = &loaded.dataset;
    let p = d.dimension_index("priority").unwrap();
    let mut hours: Vec<f64> = d
        .tickets
        .iter()
        .filter(|t| d.dimension_value(t, p) == Some("4 - Low") && t.reopen_count == 0)
        .filter(|t| t.statuses().iter().all(|s| !d.strings.get(s.status).starts_with("Awaiting")))
        .filter_map(|t| t.resolved.get().map(|r| (r - t.opened) as f64 / 3600.0))
        .collect();
    hours.sort_by(f64::total_cmp);
    let median = hours[hours.len() / 2];
    let p90 = hours[hours.len() * 9 / 10];
    assert!((39.0..46.0).contains(&median), "median {median} h");
    assert!(p90 > 140.0, "p90 {p90} h");
}

#[test]
fn event_form_carries_pauses_reopens_reassignments_and_escalations() {
    let spec = Spec::new(N, 2);
    let loaded = load_csv(&tickets_csv(&spec, Form::Events), json!({"preset": "servicenow-event-log"})).unwrap();
    let d = &loaded.dataset;
    assert_eq!(loaded.summary.rejected, 0);
    assert_eq!(d.tickets.len(), N);
    let paused = d.tickets.iter().filter(|t| t.statuses().iter().any(|s| d.strings.get(s.status).starts_with("Awaiting"))).count();
    // 25 % wait once; a pause starting after the end of the span is not seen.
    assert!((share(paused, N) - 0.25).abs() < 0.02, "paused {}", share(paused, N));
    let reopened = d.tickets.iter().filter(|t| t.reopen_count > 0).count();
    assert!((share(reopened, N) - 0.05).abs() < 0.01, "reopened {}", share(reopened, N));
    // Reassigned at least once: 8 % twice, plus 30 % of the other 92 %
    // once... as drawn: P(two) = 0.08, P(one) = 0.92 × 0.30 / 0.92 = 0.30.
    let reassigned = d.tickets.iter().filter(|t| t.assignments().len() > 1).count();
    assert!((share(reassigned, N) - 0.38).abs() < 0.02, "reassigned {}", share(reassigned, N));
    // 3 % of P3 (60 %) escalated to P2: a priority history on 1.8 %.
    let p = d.dimension_index("priority").unwrap();
    let escalated = d.tickets.iter().filter(|t| t.dimension_changes().iter().any(|c| c.dimension == p)).count();
    assert!((share(escalated, N) - 0.018).abs() < 0.006, "escalated {}", share(escalated, N));
    // The first response is the move from New to Active.
    assert!(d.tickets.iter().all(|t| t.first_response.get().map_or(true, |f| f >= t.opened)));
}

#[test]
fn both_forms_describe_the_same_tickets() {
    let spec = Spec::new(2_000, 5);
    let flat = load_csv(&tickets_csv(&spec, Form::Flat), json!({"preset": "servicenow-incidents"})).unwrap().dataset;
    let events = load_csv(&tickets_csv(&spec, Form::Events), json!({"preset": "servicenow-event-log"})).unwrap().dataset;
    assert_eq!(flat.tickets.len(), events.tickets.len());
    for (a, b) in flat.tickets.iter().zip(&events.tickets) {
        assert_eq!((&a.id, a.opened, a.resolved.get(), a.closed.get(), a.reopen_count), (&b.id, b.opened, b.resolved.get(), b.closed.get(), b.reopen_count));
    }
}

#[test]
fn outages_and_changes_load_with_their_mappings() {
    let spec = Spec::new(N, 4);
    let mut d = load_csv(&tickets_csv(&Spec::new(10, 4), Form::Flat), json!({"preset": "servicenow-incidents"})).unwrap().dataset;
    let outages = LoadOptions::from_json(&serde_json::from_str(OUTAGE_MAPPING).unwrap(), "").unwrap();
    let changes = LoadOptions::from_json(&serde_json::from_str(CHANGE_MAPPING).unwrap(), "").unwrap();
    let o = load_into(&mut d, Input::Csv(&outages_csv(&spec)), &outages).unwrap();
    let c = load_into(&mut d, Input::Csv(&changes_csv(&spec)), &changes).unwrap();
    assert_eq!((o.rejected, c.rejected), (0, 0));
    // One outage per 2,000 tickets, one change per 100.
    assert_eq!(d.outages.len(), 10);
    assert_eq!(d.changes.len(), 200);
    let planned = d.outages.iter().filter(|o| o.planned).count();
    assert!(planned <= 10);
    assert!(d.outages.iter().all(|o| o.end.map_or(true, |e| e > o.start)));
}
