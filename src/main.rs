//! The `sla-scorecard` command-line tool: the core's reports for batch use
//! in pipelines. `sla-scorecard --help` lists the commands.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    use sla_scorecard::cli::{run, Cli, Failure};
    use std::io::Write;
    // clap prints `--help` and exits 0, or prints a usage error and exits 2.
    match run(Cli::parse()) {
        Ok(out) => {
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(out.as_bytes());
        }
        Err(Failure::Usage(m)) => {
            eprintln!("error: {m}");
            std::process::exit(2);
        }
        Err(Failure::Input(m)) => {
            eprintln!("error: {m}");
            std::process::exit(1);
        }
    }
}

/// The tool is native only; the wasm build is the library.
#[cfg(target_arch = "wasm32")]
fn main() {}
