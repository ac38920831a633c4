//! What the pipeline stands on, kept apart from the domain stages: the error
//! type ([`error`]), instants and civil time ([`time`]), the time-zone
//! source behind one interface ([`tz`]: the IANA database natively, the
//! browser's `Intl` in wasm), JSON input documents read with their paths
//! ([`json_reader`]), one shared sort for the cold paths ([`order`]), and the synthetic ticket generator of the CLI, the
//! tests and the benchmarks ([`generate`]).

pub mod error;
pub mod generate;
pub mod json_reader;
pub mod order;
pub mod time;
pub mod tz;
