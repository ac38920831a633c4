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

use super::hashing::HashMap;
use crate::support::error::{quote, Error};
use crate::support::json_reader::{checked, refuse_value};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

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
        KEYS[self as usize]
    }

    fn by_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// The keys of a JSON mapping: the fields' names in [`Field::ALL`] order,
/// then `dimensions`.
const KEYS: [&str; Field::ALL.len() + 1] = [
    "id",
    "kind",
    "title",
    "opened",
    "firstResponse",
    "resolved",
    "closed",
    "status",
    "updated",
    "sequence",
    "assignmentGroup",
    "assignee",
    "reopenCount",
    "csat",
    "firstContactResolution",
    "slaMet",
    "service",
    "start",
    "end",
    "planned",
    "type",
    "outcome",
    "dimensions",
];

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
}

/// A field's source as written: `"col"`, `["col", "Col"]` or
/// `{"column": …, "values": {…}}`.
impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Source, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Renamed {
            column: Columns,
            values: Option<HashMap<String, String>>,
        }
        struct Shape;
        impl<'de> Visitor<'de> for Shape {
            type Value = Source;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column name, a list of column names or {\"column\": …, \"values\": {…}}")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Source, E> {
                Ok(Source::column(name))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Source, A::Error> {
                let columns = Columns::deserialize(SeqAccessDeserializer::new(seq))?.0;
                Ok(Source { columns, values: None, from_preset: false })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Source, A::Error> {
                let Renamed { column, values } = Renamed::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Source { columns: column.0, values, from_preset: false })
            }
        }
        d.deserialize_any(Shape)
    }
}

/// One column name or a non-empty list of them.
struct Columns(Vec<String>);

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Columns, D::Error> {
        struct OneOrList;
        impl<'de> Visitor<'de> for OneOrList {
            type Value = Columns;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column name or a list of column names")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Columns, E> {
                Ok(Columns(vec![name.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Columns, A::Error> {
                checked(SeqAccessDeserializer::new(seq), |list: Vec<String>| match list.is_empty() {
                    true => Err("expected at least one column name"),
                    false => Ok(Columns(list)),
                })
            }
        }
        d.deserialize_any(OneOrList)
    }
}

/// A mapping as written: fields and dimensions to set, or to remove from a
/// preset's mapping (`null`). [`Mapping::apply`] applies it.
#[derive(Debug, Default)]
pub struct MappingPatch {
    /// Fields by name (so applied in the order of their names).
    fields: BTreeMap<&'static str, (Field, Option<Source>)>,
    /// `dimensions`: absent, `null` (`Some(None)`: remove all) or dimensions
    /// to set or remove, by name.
    dimensions: Option<Option<BTreeMap<String, Option<Source>>>>,
}

impl<'de> Deserialize<'de> for MappingPatch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MappingPatch, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = MappingPatch;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping object {\"id\": …, \"opened\": …, \"dimensions\": {…}}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MappingPatch, A::Error> {
                let mut patch = MappingPatch::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "dimensions" {
                        patch.dimensions = Some(map.next_value::<Option<Dimensions>>()?.map(|d| d.0));
                    } else if let Some(field) = Field::by_name(&key) {
                        patch.fields.insert(field.name(), (field, map.next_value()?));
                    } else {
                        return Err(refuse_value(&mut map, A::Error::unknown_field(&key, &KEYS)));
                    }
                }
                Ok(patch)
            }
        }
        d.deserialize_map(Members)
    }
}

/// The `dimensions` object of a mapping.
struct Dimensions(BTreeMap<String, Option<Source>>);

impl<'de> Deserialize<'de> for Dimensions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dimensions, D::Error> {
        /// A dimension's source, refused when it is set under a blank name.
        struct Named<'a>(&'a str);
        impl<'de> DeserializeSeed<'de> for Named<'_> {
            type Value = Option<Source>;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Source>, D::Error> {
                let source = Option::<Source>::deserialize(d)?;
                if source.is_some() && self.0.trim().is_empty() {
                    return Err(D::Error::custom("a dimension needs a name"));
                }
                Ok(source)
            }
        }
        struct ByName;
        impl<'de> Visitor<'de> for ByName {
            type Value = Dimensions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of dimensions by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dimensions, A::Error> {
                let mut dimensions = BTreeMap::new();
                while let Some(name) = map.next_key::<String>()? {
                    let source = map.next_value_seed(Named(&name))?;
                    dimensions.insert(name, source);
                }
                Ok(Dimensions(dimensions))
            }
        }
        d.deserialize_map(ByName)
    }
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

    /// Applies a mapping as written on top of this one (a preset's): fields
    /// given replace, fields set to `null` are removed.
    pub fn apply(&mut self, patch: MappingPatch) {
        for (field, source) in patch.fields.into_values() {
            self.fields.retain(|(f, _)| *f != field);
            self.fields.extend(source.map(|s| (field, s)));
        }
        match patch.dimensions {
            None => {}
            Some(None) => self.dimensions.clear(),
            Some(Some(dimensions)) => {
                for (name, source) in dimensions {
                    self.dimensions.retain(|(n, _)| *n != name);
                    if let Some(source) = source {
                        self.dimensions.push((name, source));
                    }
                }
            }
        }
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

/// The first of the `wanted` columns present in `columns` (by exact name,
/// else ignoring case and surrounding white space).
pub(super) fn find(columns: &[String], wanted: &[String]) -> Option<usize> {
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

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::json_reader::from_value;
    use serde_json::json;

    fn patch(doc: serde_json::Value) -> Result<MappingPatch, Error> {
        from_value(&doc, "mapping")
    }

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_the_three_shapes_and_resolves() {
        let doc = json!({"id": "number", "opened": ["Opened", "opened_at"], "status": {"column": "state", "values": {"1": "New"}},
                         "dimensions": {"priority": "Priority"}});
        let mut m = Mapping::default();
        m.apply(patch(doc).unwrap());
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
        m.apply(patch(doc).unwrap());
        let e = resolve(&m, &cols(&["number", "opened_at"]), &[Field::Id, Field::Opened], &[], true, "mapping", None).unwrap_err();
        assert_eq!(e.to_string(), "mapping.opened: column \"opened\" is not in the input; available columns: \"number\", \"opened_at\"");
    }

    #[test]
    fn unknown_field_wrong_kind_and_required() {
        let mut m = Mapping::default();
        let e = patch(json!({"opend": "x"})).unwrap_err();
        assert!(e.to_string().starts_with("mapping.opend: unknown field `opend`, expected one of `id`, `kind`"), "{e}");
        assert!(e.to_string().ends_with("`outcome`, `dimensions`"), "{e}");
        let e = patch(json!({"id": 3})).unwrap_err();
        assert!(e.to_string().starts_with("mapping.id: invalid type: integer `3`, expected a column name"), "{e}");
        let e = patch(json!({"id": []})).unwrap_err();
        assert_eq!(e.to_string(), "mapping.id: expected at least one column name");
        let e = patch(json!({"status": {"column": ["a", 1]}})).unwrap_err();
        assert_eq!(e.to_string(), "mapping.status.column[1]: invalid type: integer `1`, expected a string");
        let e = patch(json!({"dimensions": {" ": "x"}})).unwrap_err();
        assert_eq!(e.to_string(), "mapping.dimensions[\" \"]: a dimension needs a name");
        m.apply(patch(json!({"status": "s"})).unwrap());
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
        m.apply(patch(json!({"title": null})).unwrap());
        assert!(m.get(Field::Title).is_none());
        let e = resolve(&m, &cols(&["Key"]), &[Field::Id], &[Field::Id], true, "mapping", Some("jira")).unwrap_err();
        assert!(e.to_string().starts_with("preset[\"jira\"].id: column \"Issue key\" is not in the input"), "{e}");
    }
}
