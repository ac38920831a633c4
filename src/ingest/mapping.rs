//! The column mapping: which source column (CSV header or JSON key) feeds
//! which model field.
//!
//! JSON form (every part optional except what the record kind requires):
//! ```json
//! { "id": "number",
//!   "opened": ["opened_at", "Opened"],
//!   "status": { "column": "incident_state", "values": { "1": "New", "2": "In Progress" } },
//!   "dimensions": { "priority": "priority", "service": "cmdb_ci" } }
//! ```
//! A field names one column, or a list of candidates (the first present in
//! the input is used), or an object with `column` and an optional `values`
//! table that renames values (values not in the table pass unchanged). A
//! field set to `null` removes it from a preset's mapping.

use crate::error::{quote, Error};
use crate::json_reader::Node;
use std::collections::HashMap;

/// A model field fed from a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Ticket or change identifier.
    Id,
    /// Ticket kind (`incident`, `request`…).
    Kind,
    /// Short description.
    Title,
    /// Opening instant.
    Opened,
    /// First response instant.
    FirstResponse,
    /// Resolution instant.
    Resolved,
    /// Closure instant.
    Closed,
    /// Status (event logs).
    Status,
    /// Update instant of an event (event logs).
    Updated,
    /// Update sequence number of an event (event logs, e.g. `sys_mod_count`).
    Sequence,
    /// Assignment group (event logs).
    AssignmentGroup,
    /// Assigned person (event logs; for first response by assignment).
    Assignee,
    /// Reopen count.
    ReopenCount,
    /// Satisfaction score.
    Csat,
    /// First-contact resolution flag.
    FirstContactResolution,
    /// The source system's SLA verdict.
    SlaMet,
    /// Service of an outage or change.
    Service,
    /// Start of an outage or change.
    Start,
    /// End of an outage or change.
    End,
    /// Planned flag of an outage.
    Planned,
    /// Type of a change (standard, normal, emergency).
    ChangeType,
    /// Outcome of a change (successful, failed, backed out).
    Outcome,
}

impl Field {
    /// Every field, in slot order.
    pub const ALL: [Field; 22] = [
        Field::Id,
        Field::Kind,
        Field::Title,
        Field::Opened,
        Field::FirstResponse,
        Field::Resolved,
        Field::Closed,
        Field::Status,
        Field::Updated,
        Field::Sequence,
        Field::AssignmentGroup,
        Field::Assignee,
        Field::ReopenCount,
        Field::Csat,
        Field::FirstContactResolution,
        Field::SlaMet,
        Field::Service,
        Field::Start,
        Field::End,
        Field::Planned,
        Field::ChangeType,
        Field::Outcome,
    ];

    /// The field's name in a JSON mapping.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Title => "title",
            Field::Opened => "opened",
            Field::FirstResponse => "firstResponse",
            Field::Resolved => "resolved",
            Field::Closed => "closed",
            Field::Status => "status",
            Field::Updated => "updated",
            Field::Sequence => "sequence",
            Field::AssignmentGroup => "assignmentGroup",
            Field::Assignee => "assignee",
            Field::ReopenCount => "reopenCount",
            Field::Csat => "csat",
            Field::FirstContactResolution => "firstContactResolution",
            Field::SlaMet => "slaMet",
            Field::Service => "service",
            Field::Start => "start",
            Field::End => "end",
            Field::Planned => "planned",
            Field::ChangeType => "type",
            Field::Outcome => "outcome",
        }
    }

    fn by_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// Where one field (or dimension) comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Candidate column names; the first present in the input is used.
    pub columns: Vec<String>,
    /// Renames values (`"1"` → `"New"`); other values pass unchanged.
    pub values: Option<HashMap<String, String>>,
    /// Set by a preset rather than by the caller: an optional field whose
    /// column is absent is then skipped instead of being an error.
    pub from_preset: bool,
}

impl Source {
    /// A plain column.
    pub fn column(name: &str) -> Source {
        Source { columns: vec![name.to_string()], values: None, from_preset: false }
    }

    fn from_json(node: &Node<'_>) -> Result<Source, Error> {
        match node.value() {
            serde_json::Value::String(_) | serde_json::Value::Array(_) => {
                Ok(Source { columns: columns(node)?, values: None, from_preset: false })
            }
            serde_json::Value::Object(_) => {
                node.deny_unknown(&["column", "values"])?;
                let columns = columns(&node.required("column")?)?;
                let values = match node.get("values") {
                    None => None,
                    Some(v) => {
                        let mut table = HashMap::new();
                        for (from, to) in v.entries()? {
                            table.insert(from.to_string(), to.str()?.to_string());
                        }
                        Some(table)
                    }
                };
                Ok(Source { columns, values, from_preset: false })
            }
            other => Err(node.error(format!(
                "expected a column name, a list of column names or {{\"column\": …, \"values\": {{…}}}}, found {}",
                crate::json_reader::describe(other)
            ))),
        }
    }
}

fn columns(node: &Node<'_>) -> Result<Vec<String>, Error> {
    let list = match node.value() {
        serde_json::Value::Array(_) => node.strings()?,
        _ => vec![node.str()?.to_string()],
    };
    if list.is_empty() {
        return Err(node.error("expected at least one column name"));
    }
    Ok(list)
}

/// A column mapping: fields and named dimensions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Mapped fields.
    pub fields: Vec<(Field, Source)>,
    /// Ticket dimensions, by name, in order.
    pub dimensions: Vec<(String, Source)>,
}

impl Mapping {
    /// The source of `field`, if mapped.
    pub fn get(&self, field: Field) -> Option<&Source> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, s)| s)
    }

    /// Maps `field` (replacing an earlier mapping).
    pub fn set(&mut self, field: Field, source: Source) {
        self.fields.retain(|(f, _)| *f != field);
        self.fields.push((field, source));
    }

    /// Applies a JSON mapping on top of this one (a preset's): fields given
    /// replace, fields set to `null` are removed.
    pub fn apply_json(&mut self, node: &Node<'_>) -> Result<(), Error> {
        for (key, child) in node.entries()? {
            if key == "dimensions" {
                if child.value().is_null() {
                    self.dimensions.clear();
                    continue;
                }
                for (name, dim) in child.entries()? {
                    self.dimensions.retain(|(n, _)| n != name);
                    if !dim.value().is_null() {
                        if name.trim().is_empty() {
                            return Err(dim.error("a dimension needs a name"));
                        }
                        self.dimensions.push((name.to_string(), Source::from_json(&dim)?));
                    }
                }
                continue;
            }
            let field = Field::by_name(key).ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).chain(["dimensions"]).collect();
                child.error(format!("unknown field; expected one of: {}", names.join(", ")))
            })?;
            self.fields.retain(|(f, _)| *f != field);
            if !child.value().is_null() {
                self.fields.push((field, Source::from_json(&child)?));
            }
        }
        Ok(())
    }

    /// Marks every source as coming from a preset.
    pub fn mark_preset(mut self) -> Self {
        for (_, s) in &mut self.fields {
            s.from_preset = true;
        }
        for (_, s) in &mut self.dimensions {
            s.from_preset = true;
        }
        self
    }
}

/// A mapping resolved against the columns of one input: every used value
/// has a slot, and each slot reads one source column.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Source column index of each slot.
    pub columns: Vec<usize>,
    /// Source column name of each slot (for errors).
    pub names: Vec<String>,
    /// Value renaming table of each slot.
    pub values: Vec<Option<HashMap<String, String>>>,
    /// The slot of each field, indexed by the field's position in [`Field::ALL`].
    field_slots: [Option<usize>; Field::ALL.len()],
    /// Dimension names with their slots, in mapping order.
    pub dimensions: Vec<(String, usize)>,
}

impl Resolved {
    /// The slot of `field`, if it is read from this input.
    pub fn slot(&self, field: Field) -> Option<usize> {
        self.field_slots[field as usize]
    }
}

/// Resolves `mapping` against the input's `columns`.
///
/// `allowed` lists the fields this kind of record reads and `required` the
/// ones it needs; `path` is the JSON path of the mapping (`mapping`), and
/// `preset` the preset's name, for errors. A column is found by exact name,
/// else by name ignoring case and surrounding white space.
pub fn resolve(
    mapping: &Mapping,
    columns: &[String],
    allowed: &[Field],
    required: &[Field],
    dimensions_allowed: bool,
    path: &str,
    preset: Option<&str>,
) -> Result<Resolved, Error> {
    let mut out = Resolved { columns: Vec::new(), names: Vec::new(), values: Vec::new(), field_slots: [None; Field::ALL.len()], dimensions: Vec::new() };
    let where_ = |name: &str, src: &Source| -> String {
        match (src.from_preset, preset) {
            (true, Some(p)) => format!("preset[{}].{name}", quote(p)),
            _ => format!("{path}.{name}"),
        }
    };
    for &field in required {
        if mapping.get(field).is_none() {
            return Err(Error::invalid(format!("{path}.{}", field.name()), "is required for this kind of record but not mapped"));
        }
    }
    for (field, src) in &mapping.fields {
        if !allowed.contains(field) {
            let hint = match field {
                Field::Status | Field::AssignmentGroup => "; a flat list has no history: map it under \"dimensions\", or load the input as an event log",
                _ => "",
            };
            return Err(Error::invalid(
                where_(field.name(), src),
                format!("is not read for this kind of record{hint}; fields read: {}", allowed.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")),
            ));
        }
        match find(columns, &src.columns) {
            Some(i) => {
                out.field_slots[*field as usize].get_or_insert(out.columns.len());
                push(&mut out, i, columns, src);
            }
            None if src.from_preset && !required.contains(field) => {}
            None => return Err(missing(&where_(field.name(), src), &src.columns, columns)),
        }
    }
    if !dimensions_allowed {
        if let Some((name, src)) = mapping.dimensions.first() {
            return Err(Error::invalid(where_(&format!("dimensions.{name}"), src), "only tickets have dimensions"));
        }
    }
    for (name, src) in &mapping.dimensions {
        match find(columns, &src.columns) {
            Some(i) => {
                out.dimensions.push((name.clone(), out.columns.len()));
                push(&mut out, i, columns, src);
            }
            None if src.from_preset => {}
            None => return Err(missing(&where_(&format!("dimensions.{name}"), src), &src.columns, columns)),
        }
    }
    Ok(out)
}

fn push(out: &mut Resolved, i: usize, columns: &[String], src: &Source) {
    out.columns.push(i);
    out.names.push(columns[i].clone());
    out.values.push(src.values.clone());
}

fn find(columns: &[String], wanted: &[String]) -> Option<usize> {
    for w in wanted {
        if let Some(i) = columns.iter().position(|c| c == w) {
            return Some(i);
        }
    }
    for w in wanted {
        let w = w.trim();
        if let Some(i) = columns.iter().position(|c| c.trim().eq_ignore_ascii_case(w)) {
            return Some(i);
        }
    }
    None
}

fn missing(path: &str, wanted: &[String], columns: &[String]) -> Error {
    const SHOWN: usize = 60;
    let wanted: Vec<String> = wanted.iter().map(|w| quote(w)).collect();
    let mut available: Vec<String> = columns.iter().take(SHOWN).map(|c| quote(c)).collect();
    if columns.len() > SHOWN {
        available.push(format!("… ({} more)", columns.len() - SHOWN));
    }
    let what = if wanted.len() == 1 { format!("column {}", wanted[0]) } else { format!("none of the columns {}", wanted.join(", ")) };
    let available = if available.is_empty() { "none (the input has no columns)".to_string() } else { available.join(", ") };
    Error::invalid(path, format!("{what} is not in the input; available columns: {available}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_the_three_shapes_and_resolves() {
        let doc = json!({"id": "number", "opened": ["Opened", "opened_at"], "status": {"column": "state", "values": {"1": "New"}},
                         "dimensions": {"priority": "Priority"}});
        let mut m = Mapping::default();
        m.apply_json(&Node::root(&doc, "mapping")).unwrap();
        let c = cols(&["number", "state", "opened_at", "priority"]);
        let all = [Field::Id, Field::Opened, Field::Status];
        let r = resolve(&m, &c, &all, &[Field::Id], true, "mapping", None).unwrap();
        assert_eq!(r.columns[r.slot(Field::Opened).unwrap()], 2);
        // Case-insensitive fallback: "Priority" finds "priority".
        assert_eq!(r.columns[r.dimensions[0].1], 3);
        assert_eq!(r.values[r.slot(Field::Status).unwrap()].as_ref().unwrap()["1"], "New");
    }

    #[test]
    fn missing_column_names_it_and_lists_the_available_ones() {
        let doc = json!({"id": "number", "opened": "opened"});
        let mut m = Mapping::default();
        m.apply_json(&Node::root(&doc, "mapping")).unwrap();
        let e = resolve(&m, &cols(&["number", "opened_at"]), &[Field::Id, Field::Opened], &[], true, "mapping", None).unwrap_err();
        assert_eq!(e.to_string(), "mapping.opened: column \"opened\" is not in the input; available columns: \"number\", \"opened_at\"");
    }

    #[test]
    fn unknown_field_wrong_kind_and_required() {
        let mut m = Mapping::default();
        let e = m.apply_json(&Node::root(&json!({"opend": "x"}), "mapping")).unwrap_err();
        assert!(e.to_string().starts_with("mapping.opend: unknown field; expected one of: id, kind"), "{e}");
        let e = m.apply_json(&Node::root(&json!({"id": 3}), "mapping")).unwrap_err();
        assert!(e.to_string().starts_with("mapping.id: expected a column name"), "{e}");
        m.apply_json(&Node::root(&json!({"status": "s"}), "mapping")).unwrap();
        let e = resolve(&m, &cols(&["s"]), &[Field::Id], &[], true, "mapping", None).unwrap_err();
        assert!(e.to_string().contains("map it under \"dimensions\""), "{e}");
        let e = resolve(&Mapping::default(), &cols(&["s"]), &[Field::Id], &[Field::Id], true, "mapping", None).unwrap_err();
        assert_eq!(e.to_string(), "mapping.id: is required for this kind of record but not mapped");
    }

    #[test]
    fn preset_optional_columns_may_be_absent_and_null_removes() {
        let mut m = Mapping::default();
        m.set(Field::Id, Source::column("Issue key"));
        m.set(Field::Title, Source::column("Summary"));
        let mut m = m.mark_preset();
        let r = resolve(&m, &cols(&["Issue key"]), &[Field::Id, Field::Title], &[Field::Id], true, "mapping", Some("jira")).unwrap();
        assert_eq!(r.slot(Field::Title), None);
        m.apply_json(&Node::root(&json!({"title": null}), "mapping")).unwrap();
        assert!(m.get(Field::Title).is_none());
        let e = resolve(&m, &cols(&["Key"]), &[Field::Id], &[Field::Id], true, "mapping", Some("jira")).unwrap_err();
        assert!(e.to_string().starts_with("preset[\"jira\"].id: column \"Issue key\" is not in the input"), "{e}");
    }
}
