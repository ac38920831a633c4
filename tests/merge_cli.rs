//! `sla-scorecard report --partial` on parts of the sample event log and
//! `sla-scorecard merge` of the parts: the report of the whole file, byte
//! for byte; partials made for another instant do not merge.

mod common;

use std::collections::HashMap;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
}

fn run(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The sample split into three files by ticket (the n-th ticket seen goes
/// to part n mod 3; a ticket's events stay together), plus the whole file,
/// in a directory of the test's own: the tests run on parallel threads of
/// one process, and one test rewriting a part while another read it made
/// the merged report differ (seen once in CI).
fn parts(test: &str) -> (std::path::PathBuf, Vec<String>, String) {
    let dir = std::env::temp_dir().join(format!("merge-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = common::sample_text();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut bodies = vec![format!("{header}\n"); 3];
    let mut part_of: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        let id = line.split(',').next().unwrap();
        let n = part_of.len();
        let part = *part_of.entry(id).or_insert(n % 3);
        bodies[part].push_str(line);
        bodies[part].push('\n');
    }
    let paths = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let p = dir.join(format!("part-{i}.csv"));
            std::fs::write(&p, body).unwrap();
            p.to_string_lossy().into_owned()
        })
        .collect();
    let whole = dir.join("whole.csv");
    std::fs::write(&whole, &text).unwrap();
    (dir, paths, whole.to_string_lossy().into_owned())
}

const POLICIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/servicenow-sample.json");

#[test]
fn merged_partials_of_three_parts_report_as_the_whole_file_does() {
    let (dir, parts, whole) = parts("three-parts");
    let common = ["--preset", "servicenow-event-log", "--policies", POLICIES, "--as-of", "2016-06-01T00:00:00Z", "--group-by", "priority", "--quiet"];
    let mut partials = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let out = run(&[&["report", "--data", part, "--partial"][..], &common].concat());
        let path = dir.join(format!("p{i}.json"));
        std::fs::write(&path, out).unwrap();
        partials.push(path.to_string_lossy().into_owned());
    }
    // Merged in another order than written, scoring March 2016.
    let merged = run(&["merge", &partials[2], &partials[0], &partials[1], "--at", "2016-03"]);
    let expected = run(&[&["report", "--data", &whole, "--at", "2016-03"][..], &common].concat());
    assert!(merged == expected, "the merged report differs from the whole file's");
    // `--partial` writes one merged partial, which merges and reports the same.
    let one = run(&["merge", &partials[0], &partials[1], &partials[2], "--partial"]);
    let one_path = dir.join("merged.json");
    std::fs::write(&one_path, one).unwrap();
    assert!(run(&["merge", &one_path.to_string_lossy(), "--at", "2016-03"]) == expected);
}

#[test]
fn partials_made_for_another_instant_do_not_merge_and_the_error_names_the_file_and_field() {
    let (dir, parts, _) = parts("another-instant");
    let make = |as_of: &str, name: &str| {
        let out = run(&["report", "--data", &parts[0], "--preset", "servicenow-event-log", "--as-of", as_of, "--partial", "--quiet"]);
        let path = dir.join(name);
        std::fs::write(&path, out).unwrap();
        path.to_string_lossy().into_owned()
    };
    let (april, may) = (make("2016-04-01T00:00:00Z", "april.json"), make("2016-05-01T00:00:00Z", "may.json"));
    let out = bin().args(["merge", &april, &may]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{may}: key.asOf: 2016-05-01T00:00:00Z differs from 2016-04-01T00:00:00Z")), "{stderr}");
    // `--partial` without `--as-of` is a usage error.
    let out = bin().args(["report", "--data", &parts[0], "--preset", "servicenow-event-log", "--partial"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
