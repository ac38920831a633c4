//! SLA engine: policies, clocks over each ticket's status history, per-ticket
//! outcomes with timelines, and compliance reports. Semantics: `docs/sla.md`.
//!
//! - [`duration`]: target durations (`"2d 4h"`).
//! - [`policy`]: the policy document ([`PolicySet::from_json`]).
//! - [`clock`]: one metric's clock over one ticket.
//! - [`evaluate()`]: every applicable policy on every ticket, as of an instant.
//! - [`table`]: every outcome of an evaluation in columns, timelines on demand.
//! - [`report`]: compliance per policy × period × dimension, breach lists, exports.

pub mod clock;
pub mod duration;
pub mod evaluate;
pub mod policy;
pub mod report;
pub mod table;

pub use clock::State;
pub use evaluate::{evaluate, evaluate_ticket, evaluate_without_timelines, for_each_outcome, for_each_outcome_counted, Evaluation, Outcome};
pub use policy::PolicySet;
pub use table::OutcomeTable;
