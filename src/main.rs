//! The `sla-scorecard` command-line tool.
fn main() {}
