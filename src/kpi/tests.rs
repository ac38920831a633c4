//! KPI values on small hand-built data sets; every expected value is worked
//! out by hand in the comments.
//!
//! Test code only (compiled under `cfg(test)`): its unwrap()/expect()
//! calls run on inputs written here, never on user input.

use super::*;
use crate::calendar::Calendar;
use crate::ingest::model::{Assignment, Change, ChangeOutcome, ChangeType, Csat, Dataset, DimensionValues, MaybeInstant, Outage, Ticket};
use crate::support::time::{parse_instant, Instant};
use crate::support::tz::TimeZone;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn ticket(ds: &mut Dataset, id: &str, priority: Option<&str>, opened: &str) -> Ticket {
    let dim = ds.dimension_index_or_add("priority");
    let mut dimensions = DimensionValues::new(ds.dimension_names.len());
    dimensions.set(dim, priority.map(|p| ds.strings.intern(p)));
    Ticket {
        id: id.into(),
        kind: ds.strings.intern("incident"),
        title: String::new(),
        dimensions,
        opened: at(opened),
        first_response: MaybeInstant::NONE,
        resolved: MaybeInstant::NONE,
        closed: MaybeInstant::NONE,
        history: None,
        reopen_count: 0,
        csat: None,
        first_contact_resolution: None,
        source_sla_met: None,
        source_row: 1,
    }
}

fn assign(ds: &mut Dataset, t: &mut Ticket, groups: &[&str]) {
    for g in groups {
        let group = ds.strings.intern(g);
        let at = t.opened;
        t.history_mut().assignments.push(Assignment { at, group });
    }
}

/// Five tickets over January–March 2026 (UTC):
///
/// | id | prio | opened      | first resp. | resolved     | reopen | groups | FCR   | CSAT (1–5) | SLA   |
/// |----|------|-------------|-------------|--------------|--------|--------|-------|------------|-------|
/// | T1 | P1   | 01-05 00:00 | +2 h        | 01-06 00:00  | 0      | G1     | true  | 5          | true  |
/// | T2 | P2   | 01-10 00:00 | +4 h        | 01-12 00:00  | 1      | G1, G2 | false | 3          | false |
/// | T3 | P2   | 01-20 00:00 | +1 h        | 03-02 00:00  | 0      | G2, G2 | –     | –          | –     |
/// | T4 | –    | 01-31 12:00 | –           | open         | 0      | –      | –     | –          | –     |
/// | T5 | P1   | 03-01 00:00 | –           | 03-01 06:00  | 0      | G1     | –     | –          | –     |
fn tickets() -> Dataset {
    let mut ds = Dataset::default();
    let mut t1 = ticket(&mut ds, "T1", Some("P1"), "2026-01-05T00:00:00Z");
    t1.first_response = Some(at("2026-01-05T02:00:00Z")).into();
    t1.resolved = Some(at("2026-01-06T00:00:00Z")).into();
    assign(&mut ds, &mut t1, &["G1"]);
    t1.first_contact_resolution = Some(true);
    t1.csat = Some(Box::new(Csat { score: 5.0, scale_min: 1.0, scale_max: 5.0 }));
    t1.source_sla_met = Some(true);
    let mut t2 = ticket(&mut ds, "T2", Some("P2"), "2026-01-10T00:00:00Z");
    t2.first_response = Some(at("2026-01-10T04:00:00Z")).into();
    t2.resolved = Some(at("2026-01-12T00:00:00Z")).into();
    t2.reopen_count = 1;
    assign(&mut ds, &mut t2, &["G1", "G2"]);
    t2.first_contact_resolution = Some(false);
    t2.csat = Some(Box::new(Csat { score: 3.0, scale_min: 1.0, scale_max: 5.0 }));
    t2.source_sla_met = Some(false);
    let mut t3 = ticket(&mut ds, "T3", Some("P2"), "2026-01-20T00:00:00Z");
    t3.first_response = Some(at("2026-01-20T01:00:00Z")).into();
    t3.resolved = Some(at("2026-03-02T00:00:00Z")).into();
    assign(&mut ds, &mut t3, &["G2", "G2"]);
    let t4 = ticket(&mut ds, "T4", None, "2026-01-31T12:00:00Z");
    let mut t5 = ticket(&mut ds, "T5", Some("P1"), "2026-03-01T00:00:00Z");
    t5.resolved = Some(at("2026-03-01T06:00:00Z")).into();
    assign(&mut ds, &mut t5, &["G1"]);
    ds.tickets = vec![t1, t2, t3, t4, t5];
    ds
}

fn query(kpis: &[KpiSpec], granularity: Granularity, as_of: &str, group_by: Option<&str>) -> Query {
    Query {
        kpis: kpis.to_vec(),
        granularity,
        zone: TimeZone::utc(),
        group_by: group_by.map(str::to_string),
        as_of: at(as_of),
        from: None,
        calendar: Calendar::always(),
    }
}

fn all_kpis() -> Vec<KpiSpec> {
    KpiId::ALL.iter().map(|&k| KpiSpec::wall(k)).collect()
}

/// Value of `id` in period `p`, group slot `slot`.
fn v(table: &KpiTable, p: usize, slot: usize, id: KpiId) -> Option<f64> {
    table.value(p, slot, table.kpi_index(KpiSpec::wall(id)).unwrap()).value
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn ticket_kpis_by_month() {
    let ds = tickets();
    let t = compute(&ds, &query(&all_kpis(), Granularity::Month, "2026-03-31T00:00:00Z", None), &[]).unwrap();
    // periods: January (0), February (1, no activity), March (2, up to as_of)
    assert_eq!(t.period_count(), 3);
    assert_eq!(t.periods().label(t.first_ordinal()), "2026-01");
    let (jan, feb, mar) = (0, 1, 2);

    // volume: Jan T1..T4 = 4; Feb 0 (a real zero, not missing); Mar T5 = 1
    assert_eq!(v(&t, jan, 0, KpiId::Volume), Some(4.0));
    assert_eq!(v(&t, feb, 0, KpiId::Volume), Some(0.0));
    assert_eq!(v(&t, mar, 0, KpiId::Volume), Some(1.0));

    // backlog at 2026-02-01: T3 (12 d old → 7-30d), T4 (12 h → <1d) = 2, aged share 1/2 = 50 %
    assert_eq!(v(&t, jan, 0, KpiId::Backlog), Some(2.0));
    let bk = t.value(jan, 0, t.kpi_index(KpiSpec::wall(KpiId::Backlog)).unwrap()).buckets.unwrap();
    assert_eq!(bk, vec![("<1d", 1), ("1-3d", 0), ("3-7d", 0), ("7-30d", 1), (">=30d", 0)]);
    assert_eq!(v(&t, jan, 0, KpiId::AgedBacklogShare), Some(50.0));
    // at 2026-03-01: T3 (40 d → >=30d), T4 (29.5 d → 7-30d); T5 opened exactly at 03-01 00:00 is not yet in
    assert_eq!(v(&t, feb, 0, KpiId::Backlog), Some(2.0));
    assert_eq!(v(&t, feb, 0, KpiId::AgedBacklogShare), Some(100.0));
    // at as_of 03-31: T3 and T5 resolved, T4 left (58.5 d)
    assert_eq!(v(&t, mar, 0, KpiId::Backlog), Some(1.0));

    // MTTA in January: 2 h, 4 h, 1 h → mean 7/3, median 2, p90 rank ⌈0.9·3⌉ = 3 → 4
    assert!(close(v(&t, jan, 0, KpiId::Mtta), 7.0 / 3.0));
    assert_eq!(v(&t, jan, 0, KpiId::MttaMedian), Some(2.0));
    assert_eq!(v(&t, jan, 0, KpiId::MttaP90), Some(4.0));
    assert_eq!(v(&t, mar, 0, KpiId::Mtta), None); // no first response in March

    // MTTR in January: T1 24 h, T2 48 h → mean 36, median (24+48)/2 = 36, p90 rank ⌈1.8⌉ = 2 → 48
    assert_eq!(v(&t, jan, 0, KpiId::Mttr), Some(36.0));
    assert_eq!(v(&t, jan, 0, KpiId::MttrMedian), Some(36.0));
    assert_eq!(v(&t, jan, 0, KpiId::MttrP90), Some(48.0));
    // February: nothing resolved → no value, never 0
    assert_eq!(v(&t, feb, 0, KpiId::Mttr), None);
    assert_eq!(v(&t, feb, 0, KpiId::MttrMedian), None);
    // March: T3 41 d = 984 h (12 d of Jan + 28 of Feb + 1), T5 6 h → mean 495, p90 984
    assert_eq!(v(&t, mar, 0, KpiId::Mttr), Some(495.0));
    assert_eq!(v(&t, mar, 0, KpiId::MttrP90), Some(984.0));

    // rates over tickets resolved in January (T1, T2)
    assert_eq!(v(&t, jan, 0, KpiId::ReopenRate), Some(50.0)); // T2 reopened: 1/2
    assert_eq!(v(&t, jan, 0, KpiId::ReassignmentRate), Some(50.0)); // T2 had G1 and G2: 1/2
    assert_eq!(v(&t, jan, 0, KpiId::FcrRate), Some(50.0)); // T1 true, T2 false
    assert_eq!(v(&t, jan, 0, KpiId::SourceSlaRate), Some(50.0));
    // CSAT: normalised (5-1)/4 = 1 and (3-1)/4 = 0.5 → mean 75 %; satisfied (≥ 0.75) 1/2 = 50 %
    assert_eq!(v(&t, jan, 0, KpiId::CsatMean), Some(75.0));
    assert_eq!(v(&t, jan, 0, KpiId::CsatSatisfied), Some(50.0));
    // March (T3, T5): none reopened → a real 0 %; T3's G2,G2 is one group → 0 %
    assert_eq!(v(&t, mar, 0, KpiId::ReopenRate), Some(0.0));
    assert_eq!(v(&t, mar, 0, KpiId::ReassignmentRate), Some(0.0));
    // no FCR flag, survey or SLA verdict on T3/T5 → no value
    assert_eq!(v(&t, mar, 0, KpiId::FcrRate), None);
    assert_eq!(v(&t, mar, 0, KpiId::CsatMean), None);
    assert_eq!(v(&t, mar, 0, KpiId::SourceSlaRate), None);
    // February: nothing resolved → every rate has no value
    for id in [KpiId::ReopenRate, KpiId::ReassignmentRate, KpiId::FcrRate, KpiId::CsatSatisfied] {
        assert_eq!(v(&t, feb, 0, id), None, "{}", id.id());
    }
    // no outages, changes or SLA verdicts at all → no value anywhere
    for id in [KpiId::Availability, KpiId::Mtbf, KpiId::Mtrs, KpiId::ChangeSuccessRate, KpiId::SlaCompliance] {
        assert_eq!(v(&t, jan, 0, id), None, "{}", id.id());
    }
}

#[test]
fn grouping_by_priority() {
    let ds = tickets();
    let kpis = [KpiSpec::wall(KpiId::Volume), KpiSpec::wall(KpiId::Mttr)];
    let t = compute(&ds, &query(&kpis, Granularity::Month, "2026-03-31T00:00:00Z", Some("priority")), &[]).unwrap();
    // groups sorted by value, "no value" last
    assert_eq!(t.groups(), &[Some("P1".to_string()), Some("P2".to_string()), None]);
    let (p1, p2, none) = (1, 2, 3);
    // January volume: P1 {T1} = 1, P2 {T2, T3} = 2, none {T4} = 1; all = 4
    assert_eq!(v(&t, 0, p1, KpiId::Volume), Some(1.0));
    assert_eq!(v(&t, 0, p2, KpiId::Volume), Some(2.0));
    assert_eq!(v(&t, 0, none, KpiId::Volume), Some(1.0));
    assert_eq!(v(&t, 0, 0, KpiId::Volume), Some(4.0));
    // January MTTR: P1 T1 24 h; P2 T2 48 h; March: P1 T5 6 h, P2 T3 984 h
    assert_eq!(v(&t, 0, p1, KpiId::Mttr), Some(24.0));
    assert_eq!(v(&t, 0, p2, KpiId::Mttr), Some(48.0));
    assert_eq!(v(&t, 2, p1, KpiId::Mttr), Some(6.0));
    assert_eq!(v(&t, 2, p2, KpiId::Mttr), Some(984.0));
    assert_eq!(v(&t, 0, none, KpiId::Mttr), None);

    let e = compute(&ds, &query(&kpis, Granularity::Month, "2026-03-31T00:00:00Z", Some("colour")), &[]).unwrap_err();
    assert_eq!(e.to_string(), "groupBy: \"colour\" is not a dimension of the data; it has: priority");
}

#[test]
fn business_clock_on_24x7_equals_wall_clock() {
    let ds = tickets();
    let kpis = [KpiSpec::business(KpiId::Mttr)];
    let t = compute(&ds, &query(&kpis, Granularity::Month, "2026-03-31T00:00:00Z", None), &[]).unwrap();
    assert_eq!(t.value(0, 0, 0).value, Some(36.0));
}

#[test]
fn weeks_and_days_bucket_the_same_tickets() {
    let ds = tickets();
    let kpis = [KpiSpec::wall(KpiId::Volume)];
    // 2026-01-05 is a Monday: W02 holds T1 (01-05) and W03 nothing until T2 on Saturday 01-10 (also W02).
    let t = compute(&ds, &query(&kpis, Granularity::Week, "2026-02-01T00:00:00Z", None), &[]).unwrap();
    assert_eq!(t.periods().label(t.first_ordinal()), "2026-W02");
    // W02: T1, T2 = 2; W03 (01-12..01-18): 0; W04: T3 = 1; W05 (01-26..02-01): T4 = 1
    let counts: Vec<_> = (0..t.period_count()).map(|p| t.value(p, 0, 0).value).collect();
    assert_eq!(counts, vec![Some(2.0), Some(0.0), Some(1.0), Some(1.0)]);
    let d = compute(&ds, &query(&kpis, Granularity::Day, "2026-01-10T23:00:00Z", None), &[]).unwrap();
    // 01-05 .. 01-10 is 6 days: T1 on the first, T2 on the last
    assert_eq!(d.period_count(), 6);
    assert_eq!(d.value(0, 0, 0).value, Some(1.0));
    assert_eq!(d.value(5, 0, 0).value, Some(1.0));
}

#[test]
fn availability_mtbf_mtrs_exclude_planned_maintenance() {
    let mut ds = Dataset::default();
    let mail = ds.strings.intern("Mail");
    let web = ds.strings.intern("Web");
    let outage = |service, start: &str, end: Option<&str>, planned| Outage { service, start: at(start), end: end.map(at), planned, source_row: 1 };
    ds.outages = vec![
        outage(mail, "2026-01-10T00:00:00Z", Some("2026-01-10T02:00:00Z"), false),
        outage(mail, "2026-01-10T01:00:00Z", Some("2026-01-10T04:00:00Z"), false),
        outage(mail, "2026-01-20T00:00:00Z", Some("2026-01-20T06:00:00Z"), true),
        outage(mail, "2026-01-20T05:00:00Z", Some("2026-01-20T07:00:00Z"), false),
        outage(web, "2026-01-31T22:00:00Z", None, false),
    ];
    let kpis: Vec<KpiSpec> = [KpiId::Availability, KpiId::Mtbf, KpiId::Mtrs].iter().map(|&k| KpiSpec::wall(k)).collect();
    let t = compute(&ds, &query(&kpis, Granularity::Month, "2026-02-01T00:00:00Z", None), &[]).unwrap();
    // January = 744 h.
    // Mail: AST = 744 − 6 (planned) = 738 h; DT = 00:00–04:00 on the 10th (overlap counted once) = 4 h
    //       + 06:00–07:00 on the 20th (05:00–06:00 lies in maintenance) = 1 h → 5 h; N = 3
    // Web:  AST = 744 h; DT = 22:00 → as_of 24:00 = 2 h (ongoing); N = 1
    // all:  availability = (733 + 742) / (738 + 744) = 1475/1482; MTBF = 1475/4 = 368.75 h; MTRS = 7/4 = 1.75 h
    assert!(close(v(&t, 0, 0, KpiId::Availability), 100.0 * 1475.0 / 1482.0));
    assert!(close(v(&t, 0, 0, KpiId::Mtbf), 368.75));
    assert!(close(v(&t, 0, 0, KpiId::Mtrs), 1.75));
    // February holds no service time before as_of (its first instant) → no values
    assert_eq!(v(&t, 1, 0, KpiId::Availability), None);
    assert_eq!(v(&t, 1, 0, KpiId::Mtbf), None);

    // per service: Mail 733/738, MTRS 5/3 h; Web 742/744
    let g = compute(&ds, &query(&kpis, Granularity::Month, "2026-02-01T00:00:00Z", Some("service")), &[]).unwrap();
    assert_eq!(g.groups(), &[Some("Mail".to_string()), Some("Web".to_string())]);
    assert!(close(v(&g, 0, 1, KpiId::Availability), 100.0 * 733.0 / 738.0));
    assert!(close(v(&g, 0, 1, KpiId::Mtrs), 5.0 / 3.0));
    assert!(close(v(&g, 0, 2, KpiId::Availability), 100.0 * 742.0 / 744.0));
}

#[test]
fn change_success_and_emergency_share() {
    let mut ds = Dataset::default();
    let change = |id: &str, change_type, outcome, start: &str, end: Option<&str>| Change {
        id: id.into(),
        change_type,
        outcome,
        service: None,
        start: at(start),
        end: end.map(at),
        source_row: 1,
    };
    use ChangeOutcome::*;
    use ChangeType::*;
    ds.changes = vec![
        change("C1", Normal, Some(Successful), "2026-01-05T00:00:00Z", Some("2026-01-05T01:00:00Z")),
        change("C2", Emergency, Some(Failed), "2026-01-06T00:00:00Z", Some("2026-01-06T01:00:00Z")),
        change("C3", Standard, Some(BackedOut), "2026-01-07T00:00:00Z", Some("2026-01-07T01:00:00Z")),
        change("C4", Normal, None, "2026-01-08T00:00:00Z", None),
        change("C5", Emergency, Some(Successful), "2026-01-31T23:00:00Z", Some("2026-02-01T01:00:00Z")),
    ];
    let kpis = [KpiSpec::wall(KpiId::ChangeSuccessRate), KpiSpec::wall(KpiId::EmergencyChangeShare)];
    let t = compute(&ds, &query(&kpis, Granularity::Month, "2026-02-15T00:00:00Z", None), &[]).unwrap();
    // success by end: Jan C1 ✓, C2 ✗, C3 ✗ (C4 has no outcome) → 1/3; Feb C5 ✓ → 1/1
    assert!(close(v(&t, 0, 0, KpiId::ChangeSuccessRate), 100.0 / 3.0));
    assert_eq!(v(&t, 1, 0, KpiId::ChangeSuccessRate), Some(100.0));
    // emergency by start: Jan C2, C5 of 5 = 40 %; Feb no change started → no value
    assert_eq!(v(&t, 0, 0, KpiId::EmergencyChangeShare), Some(40.0));
    assert_eq!(v(&t, 1, 0, KpiId::EmergencyChangeShare), None);
}

#[test]
fn sla_compliance_by_stop_period_and_group() {
    let ds = tickets();
    let sla = [
        SlaRecord { ticket: 0, met: true, stop: at("2026-01-05T10:00:00Z") },
        SlaRecord { ticket: 1, met: false, stop: at("2026-01-06T10:00:00Z") },
        SlaRecord { ticket: 1, met: true, stop: at("2026-01-07T10:00:00Z") },
        SlaRecord { ticket: 2, met: true, stop: at("2026-02-03T10:00:00Z") },
    ];
    let kpis = [KpiSpec::wall(KpiId::SlaCompliance)];
    let t = compute(&ds, &query(&kpis, Granularity::Month, "2026-03-31T00:00:00Z", Some("priority")), &sla).unwrap();
    // January: 2 met of 3 verdicts; P1 (T1) 1/1; P2 (T2) 1/2; February: 1/1; March: none → no value
    assert!(close(v(&t, 0, 0, KpiId::SlaCompliance), 200.0 / 3.0));
    assert_eq!(v(&t, 0, 1, KpiId::SlaCompliance), Some(100.0));
    assert_eq!(v(&t, 0, 2, KpiId::SlaCompliance), Some(50.0));
    assert_eq!(v(&t, 1, 0, KpiId::SlaCompliance), Some(100.0));
    assert_eq!(v(&t, 2, 0, KpiId::SlaCompliance), None);
}

#[test]
fn empty_dataset_has_one_empty_period() {
    let t = compute(&Dataset::default(), &query(&all_kpis(), Granularity::Month, "2026-03-31T00:00:00Z", None), &[]).unwrap();
    assert_eq!(t.period_count(), 1);
    for (k, spec) in t.kpis().iter().enumerate() {
        let expected = if matches!(spec.id, KpiId::Volume | KpiId::Backlog) { Some(0.0) } else { None };
        assert_eq!(t.value(0, 0, k).value, expected, "{}", spec.id.id());
    }
}

#[test]
fn too_many_periods_is_an_error() {
    let mut q = query(&all_kpis(), Granularity::Day, "2026-03-31T00:00:00Z", None);
    q.from = Some(at("1950-01-01T00:00:00Z"));
    let e = compute(&Dataset::default(), &q, &[]).unwrap_err().to_string();
    assert!(e.contains("more than 10000"), "{e}");
}

fn office_hours() -> Calendar {
    let spec = serde_json::json!({"timezone": "UTC", "week": {
        "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
        "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}});
    Calendar::from_json(&spec, "calendar").unwrap()
}

#[test]
fn business_clock_counts_working_time_only() {
    let mut ds = Dataset::default();
    // Friday 2026-01-09 16:00 → Monday 2026-01-12 10:00
    let mut t = ticket(&mut ds, "T", Some("P1"), "2026-01-09T16:00:00Z");
    t.resolved = Some(at("2026-01-12T10:00:00Z")).into();
    ds.tickets = vec![t];
    let kpis = [KpiSpec::business(KpiId::Mttr), KpiSpec::wall(KpiId::Mttr)];
    let mut q = query(&kpis, Granularity::Month, "2026-01-31T00:00:00Z", None);
    q.calendar = office_hours();
    let t = compute(&ds, &q, &[]).unwrap();
    // business: Fri 16–17 (1 h) + Mon 09–10 (1 h) = 2 h; wall: 8 h Fri + 48 h weekend + 10 h Mon = 66 h
    assert_eq!(t.value(0, 0, 0).value, Some(2.0));
    assert_eq!(t.value(0, 0, 1).value, Some(66.0));
}

#[test]
fn availability_on_business_hours() {
    let mut ds = Dataset::default();
    let mail = ds.strings.intern("Mail");
    ds.outages = vec![Outage { service: mail, start: at("2026-01-12T08:00:00Z"), end: Some(at("2026-01-12T10:00:00Z")), planned: false, source_row: 1 }];
    let kpis = [KpiSpec::business(KpiId::Availability), KpiSpec::business(KpiId::Mtrs)];
    let mut q = query(&kpis, Granularity::Day, "2026-01-13T00:00:00Z", None);
    q.calendar = office_hours();
    let t = compute(&ds, &q, &[]).unwrap();
    // Monday 12th: AST 09–17 = 8 h; the outage 08–10 is down for 1 h of it → 7/8 = 87.5 %, MTRS 1 h / 1
    assert_eq!(t.value(0, 0, 0).value, Some(87.5));
    assert_eq!(t.value(0, 0, 1).value, Some(1.0));
    // Tuesday 13th: the period starts at as_of → no service time → no value
    assert_eq!(t.value(1, 0, 0).value, None);
}
