// The element's CSV (www/sla-scorecard/csv.js) against the outcomes CSV's
// rule in Rust: the cases of src/sla/report.rs's tests are read from that
// file, so the two rules cannot drift apart unnoticed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { csvCell, toCsv } from "../../www/sla-scorecard/csv.js";

const rust = readFileSync(new URL("../../src/sla/report.rs", import.meta.url), "utf8");
/** A Rust string literal's text (its escapes here are \" and \n, as in JSON). */
const unquote = (literal) => JSON.parse(`"${literal}"`);

test("each csv_cell case of the Rust tests gives the same cell", () => {
  const cases = [...rust.matchAll(/assert_eq!\(csv_cell\("((?:[^"\\]|\\.)*)"\), "((?:[^"\\]|\\.)*)"\);/g)].map((m) => [unquote(m[1]), unquote(m[2])]);
  // =, +, -, @, leading spaces then =, a plain id, a leading space then text, empty: 8 cases
  assert.equal(cases.length, 8);
  for (const [input, expected] of cases) {
    // csv_cell only neutralises; a cell with a quote is then quoted by push_field.
    const quoted = /[,"\n\r]/.test(expected) ? `"${expected.replaceAll('"', '""')}"` : expected;
    assert.equal(csvCell(input), quoted, JSON.stringify(input));
  }
});

test("quoting follows the Rust write_csv test: the formula guard first, then RFC 4180", () => {
  // src/sla/report.rs: rows ["plain","x,y"], ["say \"hi\"","two\nlines"], ["=a,b",""]
  const text = toCsv(["a", "b"], [["plain", "x,y"], ['say "hi"', "two\nlines"], ["=a,b", ""]]);
  assert.equal(text, 'a,b\nplain,"x,y"\n"say ""hi""","two\nlines"\n"\'=a,b",\n');
  assert.ok(rust.includes(String.raw`"a,b\nplain,\"x,y\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n\"'=a,b\",\n"`), "the Rust test still expects this text");
});

test("tabs and carriage returns lead to a neutralised cell; numbers and nulls stay as they are", () => {
  assert.equal(csvCell("\tcmd"), "'\tcmd");
  // a CR also forces quoting: "'" + "\r1" quoted
  assert.equal(csvCell("\r1"), "\"'\r1\"");
  // a negative figure of the engine is a number, not text: no quote
  assert.equal(csvCell(-1.5), "-1.5");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(toCsv(["x"], [[0]]), "x\n0\n");
});
