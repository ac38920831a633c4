//! Flat lists: one input row per ticket, outage or change.

use super::ids::IdIndex;
use super::mapping::{Field, Resolved};
use super::options::{LoadOptions, RecordKind};
use super::row::RowReader;
use super::summary::Warning;
use super::symbols::SlotSymbols;
use super::warnings::Checker;
use super::Builder;
use std::rc::Rc;
use crate::support::error::RowError;
use crate::ingest::model::{Change, ChangeOutcome, ChangeType, Csat, Dataset, Outage, Sym, Ticket};

/// Builds one record per row.
pub struct Table {
    options: Rc<LoadOptions>,
    /// Data set dimension index of each mapped dimension.
    dims: Vec<(usize, usize)>,
    /// The records of this load by id (tickets or changes).
    seen: IdIndex,
    /// The symbol of `options.kind`, once interned.
    default_kind: Option<Sym>,
    symbols: SlotSymbols,
    checker: Checker,
}

/// A record with an id, which must be unique within one load.
trait Identified {
    fn id(&self) -> &str;
    fn row(&self) -> usize;
}

impl Identified for Ticket {
    fn id(&self) -> &str {
        &self.id
    }
    fn row(&self) -> usize {
        self.source_row
    }
}

impl Identified for Change {
    fn id(&self) -> &str {
        &self.id
    }
    fn row(&self) -> usize {
        self.source_row
    }
}

impl Table {
    /// A builder for `options.record`; adds the mapped dimensions to `dataset`.
    pub fn new(options: Rc<LoadOptions>, resolved: &Resolved, dataset: &mut Dataset) -> Self {
        let dims = resolved.dimensions.iter().map(|(name, slot)| (dataset.dimension_index_or_add(name), *slot)).collect();
        let checker = Checker::new(options.as_of);
        Table { options, dims, seen: IdIndex::default(), default_kind: None, symbols: SlotSymbols::default(), checker }
    }

    /// Checks that `id` is not among the `records` of this load; gives its
    /// hash for [`IdIndex::insert`].
    fn unique_id<T: Identified>(&self, r: &RowReader<'_, '_>, id: &str, records: &[T]) -> Result<u32, RowError> {
        let hash = self.seen.hash(id);
        match self.seen.get(id, hash, |i| records[i].id()) {
            Some(i) => Err(r.field_error(Field::Id, format!("is a duplicate id (first in row {})", records[i].row()))),
            None => Ok(hash),
        }
    }

    fn ticket(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<(), RowError> {
        let id = r.required_text(Field::Id)?;
        let hash = self.unique_id(r, &id, &ds.tickets)?;
        let kind = r.text(Field::Kind)?;
        let title = r.text(Field::Title)?;
        let opened = r.required_instant(Field::Opened)?;
        let first_response = r.instant(Field::FirstResponse)?;
        let resolved = r.instant(Field::Resolved)?;
        let closed = r.instant(Field::Closed)?;
        let reopen_count = r.count(Field::ReopenCount)?.unwrap_or(0);
        let csat = match r.number(Field::Csat)? {
            Some(score) => Some(csat(r, score, self.options.csat_scale)?),
            None => None,
        };
        let first_contact_resolution = r.boolean(Field::FirstContactResolution)?;
        let source_sla_met = r.boolean(Field::SlaMet)?;
        for &(_, slot) in &self.dims {
            r.check_text(slot)?;
        }
        // Everything read: now intern and store.
        let mut dimensions = vec![None; ds.dimension_names.len()];
        for &(dim, slot) in &self.dims {
            dimensions[dim] = self.symbols.get(r, slot, &mut ds.strings);
        }
        let kind = match (kind, self.default_kind) {
            (Some(k), _) => ds.strings.intern(&k),
            (None, Some(k)) => k,
            (None, None) => *self.default_kind.insert(ds.strings.intern(&self.options.kind)),
        };
        let mut check = self.checker.record(&id, opened);
        check.time(r.row, r.column(Field::Opened), "opened", opened);
        for (field, name, t) in
            [(Field::FirstResponse, "first response", first_response), (Field::Resolved, "resolution", resolved), (Field::Closed, "closure", closed)]
        {
            if let Some(t) = t {
                check.after_opened(r.row, r.column(field), name, t);
            }
        }
        if let (Some(res), Some(clo)) = (resolved, closed) {
            check.closed_before_resolved(r.row, r.column(Field::Closed), res, clo);
        }
        self.seen.insert(hash, ds.tickets.len());
        ds.tickets.push(Ticket {
            id: id.into_owned(),
            kind,
            title: title.map(|t| t.into_owned()).unwrap_or_default(),
            dimensions,
            dimension_changes: Vec::new(),
            opened,
            first_response,
            resolved,
            closed,
            statuses: Vec::new(),
            assignments: Vec::new(),
            reopen_count,
            csat,
            first_contact_resolution,
            source_sla_met,
            source_row: r.row,
        });
        Ok(())
    }

    fn outage(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<(), RowError> {
        let service = r.required_text(Field::Service)?;
        let start = r.required_instant(Field::Start)?;
        let end = r.instant(Field::End)?;
        let planned = r.boolean(Field::Planned)?.unwrap_or(false);
        let mut check = self.checker.record(&service, start);
        check.time(r.row, r.column(Field::Start), "start", start);
        if let Some(end) = end {
            check.after_start(r.row, r.column(Field::End), end);
        }
        let service = ds.strings.intern(&service);
        ds.outages.push(Outage { service, start, end, planned, source_row: r.row });
        Ok(())
    }

    fn change(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<(), RowError> {
        let id = r.required_text(Field::Id)?;
        let hash = self.unique_id(r, &id, &ds.changes)?;
        let change_type = match r.required_text(Field::ChangeType)?.to_ascii_lowercase().trim() {
            "standard" => ChangeType::Standard,
            "normal" => ChangeType::Normal,
            "emergency" => ChangeType::Emergency,
            _ => return Err(r.field_error(Field::ChangeType, "is not a change type; expected standard, normal or emergency")),
        };
        let outcome = match r.text(Field::Outcome)? {
            None => None,
            Some(t) => Some(outcome(&t).ok_or_else(|| {
                r.field_error(Field::Outcome, "is not a change outcome; expected successful, failed or backed out")
            })?),
        };
        let service = r.text(Field::Service)?;
        let start = r.required_instant(Field::Start)?;
        let end = r.instant(Field::End)?;
        let mut check = self.checker.record(&id, start);
        check.time(r.row, r.column(Field::Start), "start", start);
        if let Some(end) = end {
            check.after_start(r.row, r.column(Field::End), end);
        }
        self.seen.insert(hash, ds.changes.len());
        let service = service.map(|s| ds.strings.intern(&s));
        ds.changes.push(Change { id: id.into_owned(), change_type, outcome, service, start, end, source_row: r.row });
        Ok(())
    }
}

/// Reads an outcome: successful/success/succeeded, failed/failure/
/// unsuccessful, backed out/rolled back (case, spaces, `-` and `_` ignored).
fn outcome(text: &str) -> Option<ChangeOutcome> {
    let key: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect::<String>().to_ascii_lowercase();
    match key.as_str() {
        "successful" | "success" | "succeeded" => Some(ChangeOutcome::Successful),
        "failed" | "failure" | "unsuccessful" => Some(ChangeOutcome::Failed),
        "backedout" | "rolledback" => Some(ChangeOutcome::BackedOut),
        _ => None,
    }
}

/// A CSAT score checked against its scale.
pub fn csat(r: &RowReader<'_, '_>, score: f64, (lo, hi): (f64, f64)) -> Result<Csat, RowError> {
    if score < lo || score > hi {
        return Err(r.field_error(Field::Csat, format!("is outside the satisfaction scale {}..{} (csatScale)", lo, hi)));
    }
    Ok(Csat { score, scale_min: lo, scale_max: hi })
}

impl Builder for Table {
    fn row(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<(), RowError> {
        match self.options.record {
            RecordKind::Tickets => self.ticket(ds, r),
            RecordKind::Outages => self.outage(ds, r),
            RecordKind::Changes => self.change(ds, r),
        }
    }

    fn reserve(&mut self, ds: &mut Dataset, rows: usize) {
        match self.options.record {
            RecordKind::Tickets => ds.tickets.reserve_exact(rows),
            RecordKind::Outages => ds.outages.reserve_exact(rows),
            RecordKind::Changes => ds.changes.reserve_exact(rows),
        }
        if self.options.record != RecordKind::Outages {
            self.seen.reserve(rows);
        }
    }

    fn finish(self: Box<Self>, ds: &mut Dataset) -> Vec<Warning> {
        // Outages and changes are few; tickets may be a million.
        ds.tickets.shrink_to_fit();
        self.checker.into_warnings()
    }
}
