//! Flat lists: one input row per ticket, outage or change.

use super::ids::IdIndex;
use super::limits::DistinctValues;
use super::mapping::{Field, Resolved};
use super::options::{LoadOptions, RecordKind};
use super::row::RowReader;
use super::summary::Warning;
use super::symbols::SlotSymbols;
use super::warnings::Checker;
use super::{Builder, RowFate};
use crate::ingest::model::{Change, ChangeOutcome, ChangeType, Csat, Dataset, DimensionValues, MaybeInstant, Outage, Sym, Ticket};
use crate::support::error::RowError;
use std::rc::Rc;

/// Builds one record per row.
pub struct Table {
    options: Rc<LoadOptions>,
    /// Data set dimension index of each mapped dimension.
    dims: Vec<(usize, usize)>,
    /// The records of this load by id (tickets or changes), once `ordered`
    /// is false.
    seen: IdIndex,
    /// Whether each id of this load so far is greater than the one before
    /// (exports sorted by number), so that none can repeat an earlier one:
    /// then no id is looked up nor indexed. The lookup of each id in an
    /// index of 100k tickets missed the cache on nearly every row, 10–13 %
    /// of the samples of a flat 100k load (docs/benchmarks.md); the first id
    /// out of order indexes the records before it, and the index is used
    /// from then on.
    ordered: bool,
    /// The number of records of this kind before this load.
    start: usize,
    /// The symbol of `options.kind`, once interned.
    default_kind: Option<Sym>,
    symbols: SlotSymbols,
    /// The distinct values of each mapped dimension, against `maxDistinctValues`.
    distinct: DistinctValues,
    checker: Checker,
}

/// The id and input row of the record at an index (tickets or changes:
/// one function for both keeps the wasm module small).
type IdOf<'r> = &'r dyn Fn(usize) -> (&'r str, usize);

impl Table {
    /// A builder for `options.record`; adds the mapped dimensions to `dataset`.
    pub fn new(options: Rc<LoadOptions>, resolved: &Resolved, dataset: &mut Dataset) -> Self {
        let dims: Vec<_> = resolved.dimensions.iter().map(|(name, slot)| (dataset.dimension_index_or_add(name), *slot)).collect();
        let distinct = DistinctValues::new(&options, dims.len());
        let checker = Checker::new(options.as_of);
        let start = match options.record {
            RecordKind::Tickets => dataset.tickets.len(),
            RecordKind::Outages => dataset.outages.len(),
            RecordKind::Changes => dataset.changes.len(),
        };
        Table { options, dims, seen: IdIndex::default(), ordered: true, start, default_kind: None, symbols: SlotSymbols::default(), distinct, checker }
    }

    /// Checks that `id` is not among the `len` records (`id_of`) of this
    /// load; gives its hash for [`IdIndex::insert`], or `None` while the
    /// ids are ordered.
    fn unique_id(&mut self, r: &RowReader<'_, '_>, id: &str, len: usize, id_of: IdOf<'_>) -> Result<Option<u32>, RowError> {
        if self.ordered {
            if len == self.start || id_of(len - 1).0 < id {
                return Ok(None);
            }
            self.ordered = false;
            self.seen.reserve(len - self.start);
            for i in self.start..len {
                self.seen.insert(self.seen.hash(id_of(i).0), i);
            }
        }
        let hash = self.seen.hash(id);
        match self.seen.get(id, hash, |i| id_of(i).0) {
            Some(i) => Err(r.field_error(Field::Id, format!("is a duplicate id (first in row {})", id_of(i).1))),
            None => Ok(Some(hash)),
        }
    }

    fn ticket(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<RowFate, RowError> {
        let id = r.required_text(Field::Id)?;
        let opened = r.required_instant(Field::Opened)?;
        if self.options.outside_window(opened) {
            return Ok(RowFate::OutsideWindow);
        }
        let tickets = &ds.tickets;
        let hash = self.unique_id(r, &id, tickets.len(), &|i| (tickets[i].id.as_str(), tickets[i].source_row))?;
        let kind = r.text(Field::Kind)?;
        let title = r.text(Field::Title)?;
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
        let mut dimensions = DimensionValues::new(ds.dimension_names.len());
        for (k, &(dim, slot)) in self.dims.iter().enumerate() {
            let (value, new) = self.symbols.lookup(r, slot, &mut ds.strings);
            if new {
                self.distinct.note(k, value, &ds.dimension_names[dim], r, slot)?;
            }
            dimensions.set(dim, value);
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
        if let Some(hash) = hash {
            self.seen.insert(hash, ds.tickets.len());
        }
        ds.tickets.push(Ticket {
            id: id.into_owned(),
            kind,
            title: title.map(|t| t.into_owned()).unwrap_or_default(),
            dimensions,
            history: None,
            opened,
            first_response: MaybeInstant::new(first_response),
            resolved: MaybeInstant::new(resolved),
            closed: MaybeInstant::new(closed),
            reopen_count,
            csat: csat.map(Box::new),
            first_contact_resolution,
            source_sla_met,
            source_row: r.row,
        });
        Ok(RowFate::Loaded)
    }

    fn outage(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<RowFate, RowError> {
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
        Ok(RowFate::Loaded)
    }

    fn change(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<RowFate, RowError> {
        let id = r.required_text(Field::Id)?;
        let changes = &ds.changes;
        let hash = self.unique_id(r, &id, changes.len(), &|i| (changes[i].id.as_str(), changes[i].source_row))?;
        let change_type = match r.required_text(Field::ChangeType)?.to_ascii_lowercase().trim() {
            "standard" => ChangeType::Standard,
            "normal" => ChangeType::Normal,
            "emergency" => ChangeType::Emergency,
            _ => return Err(r.field_error(Field::ChangeType, "is not a change type; expected standard, normal or emergency")),
        };
        let outcome = match r.text(Field::Outcome)? {
            None => None,
            Some(t) => Some(outcome(&t).ok_or_else(|| r.field_error(Field::Outcome, "is not a change outcome; expected successful, failed or backed out"))?),
        };
        let service = r.text(Field::Service)?;
        let start = r.required_instant(Field::Start)?;
        let end = r.instant(Field::End)?;
        let mut check = self.checker.record(&id, start);
        check.time(r.row, r.column(Field::Start), "start", start);
        if let Some(end) = end {
            check.after_start(r.row, r.column(Field::End), end);
        }
        if let Some(hash) = hash {
            self.seen.insert(hash, ds.changes.len());
        }
        let service = service.map(|s| ds.strings.intern(&s));
        ds.changes.push(Change { id: id.into_owned(), change_type, outcome, service, start, end, source_row: r.row });
        Ok(RowFate::Loaded)
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
    fn row(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<RowFate, RowError> {
        match self.options.record {
            RecordKind::Tickets => self.ticket(ds, r),
            RecordKind::Outages => self.outage(ds, r),
            RecordKind::Changes => self.change(ds, r),
        }
    }

    fn fatal(&self) -> bool {
        self.distinct.over
    }

    fn reserve(&mut self, ds: &mut Dataset, rows: usize) {
        // Room that cannot be had (an estimate from a page's wrong
        // `totalBytes`) is left to growth as the rows come.
        let _ = match self.options.record {
            RecordKind::Tickets => ds.tickets.try_reserve_exact(rows),
            RecordKind::Outages => ds.outages.try_reserve_exact(rows),
            RecordKind::Changes => ds.changes.try_reserve_exact(rows),
        };
        if self.options.record != RecordKind::Outages && !self.ordered {
            self.seen.reserve(rows);
        }
    }

    fn finish(self: Box<Self>, ds: &mut Dataset) -> Vec<Warning> {
        // Outages and changes are few; tickets may be a million.
        ds.tickets.shrink_to_fit();
        self.checker.into_warnings()
    }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use crate::ingest::{load, Input, LoadOptions};

    /// The refused rows of a lenient load of `csv`, with the rows kept.
    fn refused(csv: &str, record: &str) -> (Vec<(usize, String)>, usize) {
        let mapping = match record {
            "changes" => serde_json::json!({"id": "id", "type": "type", "start": "opened"}),
            _ => serde_json::json!({"id": "id", "opened": "opened"}),
        };
        let options = LoadOptions::from_json(&serde_json::json!({"record": record, "mapping": mapping, "mode": "lenient"}), "").unwrap();
        let loaded = load(Input::Csv(csv), &options).unwrap();
        let rows = loaded.dataset.tickets.len() + loaded.dataset.changes.len();
        (loaded.summary.errors.into_iter().map(|e| (e.row, e.reason)).collect(), rows)
    }

    #[test]
    fn duplicate_ids_in_order_and_out_of_order() {
        // Rows 1–3 are in order (no index yet); row 4 repeats row 2 out of
        // order, which indexes rows 1–3; row 5 is new but out of order;
        // row 6 repeats row 3, row 7 repeats row 5; row 8 is new.
        let csv = "id,type,opened\nC1,normal,2025-01-01\nC2,normal,2025-01-01\nC3,normal,2025-01-01\nC2,normal,2025-01-01\n\
                   C0,normal,2025-01-01\nC3,normal,2025-01-01\nC0,normal,2025-01-01\nC9,normal,2025-01-01\n";
        let expected = vec![
            (4, "is a duplicate id (first in row 2)".to_string()),
            (6, "is a duplicate id (first in row 3)".to_string()),
            (7, "is a duplicate id (first in row 5)".to_string()),
        ];
        assert_eq!(refused(csv, "tickets"), (expected.clone(), 5));
        assert_eq!(refused(csv, "changes"), (expected, 5));
        // In order to the end, a repeat of the row before is still found,
        // and a row refused for another reason does not count as an id
        // seen (row 2's X2 is unreadable; row 3's X2 is then the first).
        let csv = "id,type,opened\nX1,normal,2025-01-01\nX2,normal,never\nX2,normal,2025-01-01\nX2,normal,2025-01-01\n";
        let (errors, rows) = refused(csv, "tickets");
        assert_eq!(errors.iter().map(|(row, _)| *row).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!((errors[1].1.as_str(), rows), ("is a duplicate id (first in row 3)", 2));
    }
}
