//! Typed access to the mapped values of one input row, with errors that
//! name the row, the source column and the value.

use super::cells::{self, Cell};
use super::mapping::{Field, Resolved};
use super::options::LoadOptions;
use crate::support::error::RowError;
use crate::support::time::Instant;
use std::borrow::Cow;

/// The mapped values of one row.
pub struct RowReader<'a, 'c> {
    /// 1-based input row number.
    pub row: usize,
    cells: &'a [Cell<'c>],
    resolved: &'a Resolved,
    options: &'a LoadOptions,
}

impl<'a, 'c> RowReader<'a, 'c> {
    /// A reader over `cells`, indexed by the slots of `resolved`.
    pub fn new(row: usize, cells: &'a [Cell<'c>], resolved: &'a Resolved, options: &'a LoadOptions) -> Self {
        RowReader { row, cells, resolved, options }
    }

    /// A row error at `slot`.
    pub fn error(&self, slot: usize, reason: impl Into<String>) -> RowError {
        RowError {
            row: self.row,
            column: self.resolved.names.get(slot).cloned().unwrap_or_default(),
            value: self.cells.get(slot).map(Cell::shown).unwrap_or_default(),
            reason: reason.into(),
        }
    }

    /// A row error at the column of `field`.
    pub fn field_error(&self, field: Field, reason: impl Into<String>) -> RowError {
        match self.resolved.slot(field) {
            Some(slot) => self.error(slot, reason),
            None => RowError { row: self.row, column: String::new(), value: String::new(), reason: reason.into() },
        }
    }

    /// The source column name of `field` (empty when unmapped).
    pub fn column(&self, field: Field) -> &'a str {
        self.resolved.slot(field).and_then(|s| self.resolved.names.get(s)).map_or("", String::as_str)
    }

    fn cell(&self, slot: usize) -> &Cell<'c> {
        self.cells.get(slot).unwrap_or(&Cell::Missing)
    }

    /// The text at `slot` as it is in the input, when it is text.
    pub fn raw_text(&self, slot: usize) -> Option<&'c str> {
        match self.cell(slot) {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The error [`slot_text`](Self::slot_text) would give at `slot`, if
    /// any, without reading text.
    pub fn check_text(&self, slot: usize) -> Result<(), RowError> {
        match self.cell(slot) {
            Cell::Text(_) | Cell::Missing => Ok(()),
            _ => self.slot_text(slot).map(drop),
        }
    }

    /// The text at `slot`, renamed by the slot's value table.
    pub fn slot_text(&self, slot: usize) -> Result<Option<Cow<'a, str>>, RowError> {
        let t = cells::text(self.cell(slot), &self.options.nulls).map_err(|r| self.error(slot, r))?;
        Ok(match (t, self.resolved.values.get(slot).and_then(Option::as_ref)) {
            (Some(t), Some(table)) => Some(match table.get(t.as_ref()) {
                Some(renamed) => Cow::Borrowed(renamed.as_str()),
                None => t,
            }),
            (t, _) => t,
        })
    }

    /// The text of `field`, `None` when unmapped or without value.
    pub fn text(&self, field: Field) -> Result<Option<Cow<'a, str>>, RowError> {
        match self.resolved.slot(field) {
            Some(slot) => self.slot_text(slot),
            None => Ok(None),
        }
    }

    /// The text of a required `field`.
    #[inline]
    pub fn required_text(&self, field: Field) -> Result<Cow<'a, str>, RowError> {
        self.text(field)?.ok_or_else(|| self.missing(field))
    }

    /// The instant of `field`.
    pub fn instant(&self, field: Field) -> Result<Option<Instant>, RowError> {
        let Some(slot) = self.resolved.slot(field) else { return Ok(None) };
        let reader = &self.options.timestamps;
        let result = match self.cell(slot) {
            Cell::Number(n) => reader.read_number(*n).map(Some),
            Cell::Bool(_) => Err("is not a timestamp".to_string()),
            cell => match cells::text(cell, &self.options.nulls) {
                Ok(Some(t)) => reader.read_text(&t).map(Some),
                Ok(None) => Ok(None),
                Err(r) => Err(r),
            },
        };
        result.map_err(|r| self.error(slot, r))
    }

    /// The instant of a required `field`.
    #[inline]
    pub fn required_instant(&self, field: Field) -> Result<Instant, RowError> {
        self.instant(field)?.ok_or_else(|| self.missing(field))
    }

    /// The yes/no value of `field`.
    pub fn boolean(&self, field: Field) -> Result<Option<bool>, RowError> {
        self.typed(field, cells::boolean)
    }

    /// The whole number of `field`.
    pub fn count(&self, field: Field) -> Result<Option<u32>, RowError> {
        self.typed(field, cells::count)
    }

    /// The number of `field`.
    pub fn number(&self, field: Field) -> Result<Option<f64>, RowError> {
        self.typed(field, cells::number)
    }

    fn typed<T>(&self, field: Field, read: fn(&Cell<'_>, &cells::NullTokens) -> Result<Option<T>, String>) -> Result<Option<T>, RowError> {
        let Some(slot) = self.resolved.slot(field) else { return Ok(None) };
        read(self.cell(slot), &self.options.nulls).map_err(|r| self.error(slot, r))
    }

    /// The error for a required field without value.
    pub fn missing(&self, field: Field) -> RowError {
        self.field_error(field, format!("has no value, but {} is required", field.name()))
    }
}
