//! The command-line tool's commands, over the same core as the JS API.
//! Argument parsing is hand-rolled (no dependency): `--name value` pairs
//! after a command name, with usage errors that say what was expected.

pub mod args;
pub mod data;
pub mod generate;
pub mod report;
pub mod sla;

/// Why a command failed: bad usage (exit status 2) or a failure of the
/// input or the computation (exit status 1).
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong; the message says how.
    Usage(String),
    /// An input could not be read or used.
    Input(String),
}

/// The top-level usage text.
pub const USAGE: &str = "usage: sla-scorecard <command> [options]

commands:
  sla       evaluate SLA policies on ticket data and print the compliance report
            (sla-scorecard sla --help for its options)
  report    compute KPIs and the scorecard (with SLA compliance) and print the report
            (sla-scorecard report --help for its options)
  generate  write seeded synthetic ticket data as CSV
            (sla-scorecard generate --help for its options)";

/// Runs the command line `args` (without the program name) and returns
/// what to print on standard output.
pub fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("sla") => sla::run(&args[1..]),
        Some("report") => report::run(&args[1..]),
        Some("generate") => generate::run(&args[1..]),
        Some("--help" | "-h" | "help") => Ok(format!("{USAGE}\n")),
        Some(other) => Err(Failure::Usage(format!("unknown command {}\n{USAGE}", crate::error::quote(other)))),
        None => Err(Failure::Usage(USAGE.to_string())),
    }
}
