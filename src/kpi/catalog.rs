//! The KPI catalog: identifiers, names, units, directions, formulas, the
//! fields each KPI needs, and how a cell's aggregate becomes a value.
//!
//! The formulas here are the reference; `docs/kpi.md` repeats them with the
//! cohort rules and missing-data behaviour.

use super::aggregate::{mean, mean_in_value_order, median, percentile_nearest_rank, ratio, Agg, AGE_BUCKET_LABELS};
use crate::support::error::{quote, Error};

/// Which way a KPI is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher values are better.
    Higher,
    /// Lower values are better.
    Lower,
    /// Neither (context, such as ticket volume).
    Neutral,
}

/// The unit of a KPI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A number of records.
    Count,
    /// Hours (durations are reported in hours, fractional).
    Hours,
    /// A percentage, 0–100.
    Percent,
}

/// The clock durations are measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// Elapsed wall-clock (24x7) time.
    Wall,
    /// Working time on the report's business calendar.
    Business,
}

macro_rules! catalog {
    ($($variant:ident = $id:literal, $name:literal, $unit:ident, $dir:ident, $formula:literal, $fields:literal;)*) => {
        /// A KPI of the catalog.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum KpiId { $(
            #[doc = $name]
            $variant,
        )* }

        impl KpiId {
            /// Every KPI, in catalog order.
            pub const ALL: &'static [KpiId] = &[$(KpiId::$variant),*];

            /// The stable identifier used in configurations and reports.
            pub fn id(self) -> &'static str { match self { $(KpiId::$variant => $id,)* } }
            /// The display name.
            pub fn name(self) -> &'static str { match self { $(KpiId::$variant => $name,)* } }
            /// The unit of the value.
            pub fn unit(self) -> Unit { match self { $(KpiId::$variant => Unit::$unit,)* } }
            /// Which way is good.
            pub fn direction(self) -> Direction { match self { $(KpiId::$variant => Direction::$dir,)* } }
            /// The exact formula, in words.
            pub fn formula(self) -> &'static str { match self { $(KpiId::$variant => $formula,)* } }
            /// The data fields the KPI reads.
            pub fn fields(self) -> &'static str { match self { $(KpiId::$variant => $fields,)* } }
        }
    };
}

catalog! {
    Volume = "volume", "Ticket volume", Count, Neutral,
        "number of tickets with opened in P", "ticket.opened";
    Backlog = "backlog", "Backlog at period end", Count, Lower,
        "number of tickets with opened < end(P) and not resolved before end(P) (resolved, else closed, is absent or >= end(P)); with age buckets end(P) - opened",
        "ticket.opened, ticket.resolved, ticket.closed";
    AgedBacklogShare = "aged_backlog_share", "Backlog older than 7 days", Percent, Lower,
        "100 * backlog tickets aged >= 7 days at end(P) / backlog at end(P)", "ticket.opened, ticket.resolved, ticket.closed";
    Mtta = "mtta", "Mean time to acknowledge", Hours, Lower,
        "mean of (first_response - opened) in hours over tickets with first_response in P", "ticket.opened, ticket.first_response";
    MttaMedian = "mtta_median", "Median time to acknowledge", Hours, Lower,
        "median of (first_response - opened) in hours over tickets with first_response in P", "ticket.opened, ticket.first_response";
    MttaP90 = "mtta_p90", "90th percentile time to acknowledge", Hours, Lower,
        "nearest-rank 90th percentile of (first_response - opened) in hours over tickets with first_response in P", "ticket.opened, ticket.first_response";
    Mttr = "mttr", "Mean time to resolve", Hours, Lower,
        "mean of (resolved - opened) in hours over tickets with resolved in P", "ticket.opened, ticket.resolved";
    MttrMedian = "mttr_median", "Median time to resolve", Hours, Lower,
        "median of (resolved - opened) in hours over tickets with resolved in P", "ticket.opened, ticket.resolved";
    MttrP90 = "mttr_p90", "90th percentile time to resolve", Hours, Lower,
        "nearest-rank 90th percentile of (resolved - opened) in hours over tickets with resolved in P", "ticket.opened, ticket.resolved";
    FcrRate = "fcr_rate", "First-contact resolution rate", Percent, Higher,
        "100 * tickets resolved in P with first_contact_resolution = true / tickets resolved in P with first_contact_resolution known",
        "ticket.resolved, ticket.first_contact_resolution";
    ReopenRate = "reopen_rate", "Reopen rate", Percent, Lower,
        "100 * tickets resolved in P with reopen_count > 0 / tickets resolved in P", "ticket.resolved, ticket.reopen_count";
    ReassignmentRate = "reassignment_rate", "Reassignment rate", Percent, Lower,
        "100 * tickets resolved in P assigned to more than one distinct group / tickets resolved in P with at least one assignment",
        "ticket.resolved, ticket.assignments";
    SourceSlaRate = "source_sla_rate", "SLA met (source system's verdict)", Percent, Higher,
        "100 * tickets resolved in P with source_sla_met = true / tickets resolved in P with source_sla_met known",
        "ticket.resolved, ticket.source_sla_met";
    SlaCompliance = "sla_compliance", "SLA compliance", Percent, Higher,
        "100 * met / (met + breached) over SLA outcomes whose clock stopped in P", "SLA outcomes (ticket, met, stop)";
    CsatMean = "csat_mean", "Customer satisfaction (mean, normalised)", Percent, Higher,
        "100 * mean of (score - scale_min) / (scale_max - scale_min) over tickets resolved in P with a survey",
        "ticket.resolved, ticket.csat";
    CsatSatisfied = "csat_satisfied", "Satisfied customers", Percent, Higher,
        "100 * surveys with normalised score >= 0.75 / surveys, over tickets resolved in P (4 and 5 on a 1-5 scale)",
        "ticket.resolved, ticket.csat";
    Availability = "availability", "Availability", Percent, Higher,
        "100 * (AST - DT) / AST summed over services; AST = service time in P minus planned maintenance, DT = unplanned outage time inside AST",
        "outage.service, outage.start, outage.end, outage.planned";
    Mtbf = "mtbf", "Mean time between failures", Hours, Higher,
        "(AST - DT) in hours / number of unplanned outages starting in P", "outage.service, outage.start, outage.end, outage.planned";
    Mtrs = "mtrs", "Mean time to restore service", Hours, Lower,
        "DT in hours / number of unplanned outages starting in P", "outage.service, outage.start, outage.end, outage.planned";
    ChangeSuccessRate = "change_success_rate", "Change success rate", Percent, Higher,
        "100 * changes with outcome successful / changes with an outcome, by end (else start) in P", "change.outcome, change.start, change.end";
    EmergencyChangeShare = "emergency_change_share", "Emergency changes", Percent, Lower,
        "100 * emergency changes / all changes, by start in P", "change.change_type, change.start";
}

impl KpiId {
    /// The KPI with identifier `id`; `path` names the field for the error.
    pub fn parse(id: &str, path: &str) -> Result<KpiId, Error> {
        KpiId::ALL.iter().copied().find(|k| k.id() == id).ok_or_else(|| {
            let ids: Vec<&str> = KpiId::ALL.iter().map(|k| k.id()).collect();
            Error::invalid(path, format!("{} is not a KPI; expected one of: {}", quote(id), ids.join(", ")))
        })
    }

    /// Whether the KPI measures durations or service time, so that the
    /// [`Clock`] matters.
    pub fn uses_clock(self) -> bool {
        matches!(
            self,
            KpiId::Mtta
                | KpiId::MttaMedian
                | KpiId::MttaP90
                | KpiId::Mttr
                | KpiId::MttrMedian
                | KpiId::MttrP90
                | KpiId::Availability
                | KpiId::Mtbf
                | KpiId::Mtrs
        )
    }

    /// The KPIs reading one sample of durations (the mean, median and p90
    /// of one duration) name the same family, its mean.
    pub fn sample_family(self) -> Option<KpiId> {
        match self {
            KpiId::Mtta | KpiId::MttaMedian | KpiId::MttaP90 => Some(KpiId::Mtta),
            KpiId::Mttr | KpiId::MttrMedian | KpiId::MttrP90 => Some(KpiId::Mttr),
            _ => None,
        }
    }

    /// An empty aggregate of the kind this KPI accumulates.
    pub fn empty(self) -> Agg {
        match self {
            KpiId::Volume => Agg::Count(0),
            KpiId::Backlog | KpiId::AgedBacklogShare => Agg::Ages([0; 5]),
            KpiId::Mtta | KpiId::MttaMedian | KpiId::MttaP90 | KpiId::Mttr | KpiId::MttrMedian | KpiId::MttrP90 | KpiId::CsatMean => Agg::Sample(Vec::new()),
            _ => Agg::Ratio { num: 0.0, den: 0.0 },
        }
    }

    /// The value of a cell: counts are values even when zero; everything
    /// else is `None` when nothing was observed.
    ///
    /// Duration samples and the sums of MTBF and MTRS hold whole seconds,
    /// turned into hours here; CSAT's sample holds normalised scores,
    /// summed in value order. Every sum is then the same in whatever order
    /// the tickets came, so a cell merged from partial tables has the bits
    /// of the cell computed in one pass.
    pub fn value(self, agg: &Agg) -> Option<f64> {
        let hours = |seconds: f64| seconds / 3600.0;
        match (self, agg) {
            (_, Agg::Count(c)) => Some(*c as f64),
            (KpiId::Backlog, Agg::Ages(b)) => Some(b.iter().sum::<u64>() as f64),
            (_, Agg::Ages(b)) => ratio(100.0 * (b[3] + b[4]) as f64, b.iter().sum::<u64>() as f64),
            (KpiId::CsatMean, Agg::Sample(v)) => mean_in_value_order(v).map(|m| 100.0 * m),
            (KpiId::Mtta | KpiId::Mttr, Agg::Sample(v)) => mean(v).map(hours),
            (KpiId::MttaMedian | KpiId::MttrMedian, Agg::Sample(v)) => median(v).map(hours),
            (_, Agg::Sample(v)) => percentile_nearest_rank(v, 90.0).map(hours),
            (KpiId::Mtbf | KpiId::Mtrs, Agg::Ratio { num, den }) => ratio(*num, *den).map(hours),
            (_, Agg::Ratio { num, den }) => ratio(*num, *den).map(|r| if self.unit() == Unit::Percent { 100.0 * r } else { r }),
        }
    }

    /// The backlog age buckets of a cell (`Backlog` only).
    pub fn buckets(self, agg: &Agg) -> Option<Vec<(&'static str, u64)>> {
        match (self, agg) {
            (KpiId::Backlog, Agg::Ages(b)) => Some(AGE_BUCKET_LABELS.iter().copied().zip(b.iter().copied()).collect()),
            _ => None,
        }
    }
}

/// A KPI as requested: which one, and on which clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KpiSpec {
    /// The KPI.
    pub id: KpiId,
    /// The clock for duration and service-time KPIs (ignored by others).
    pub clock: Clock,
}

impl KpiSpec {
    /// A KPI on the wall clock.
    pub fn wall(id: KpiId) -> KpiSpec {
        KpiSpec { id, clock: Clock::Wall }
    }

    /// A KPI on the business calendar.
    pub fn business(id: KpiId) -> KpiSpec {
        KpiSpec { id, clock: Clock::Business }
    }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_parse_back() {
        for k in KpiId::ALL {
            assert_eq!(KpiId::parse(k.id(), "kpi").unwrap(), *k);
        }
        let e = KpiId::parse("mtr", "perspectives[0].kpis[1].kpi").unwrap_err().to_string();
        assert!(e.starts_with("perspectives[0].kpis[1].kpi: \"mtr\" is not a KPI; expected one of: volume"));
    }

    #[test]
    fn empty_cells_have_no_value_except_counts() {
        for k in KpiId::ALL {
            let v = k.value(&k.empty());
            match k {
                KpiId::Volume | KpiId::Backlog => assert_eq!(v, Some(0.0)),
                _ => assert_eq!(v, None, "{}", k.id()),
            }
        }
    }
}
