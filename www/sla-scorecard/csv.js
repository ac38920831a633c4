// The element's tables as CSV, with the outcomes CSV's rules (src/sla/report.rs:
// `csv_cell`, `push_field`): a text cell that starts with =, +, -, @, a tab or
// a carriage return (after any leading spaces) gets a leading single quote so
// that a spreadsheet shows it as text; a cell holding a comma, a quote or a
// line break is quoted with inner quotes doubled (RFC 4180). Numbers are the
// engine's figures and written as they are (a negative number stays a number);
// null and undefined are empty cells. tests/js/csv.test.mjs checks this
// against the Rust tests' cases, read from src/sla/report.rs.

/** One CSV cell. */
export function csvCell(value) {
  if (value == null) return "";
  if (typeof value === "number") return String(value);
  let s = String(value);
  if (/^ *[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[,"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** `header` and `rows` (arrays of cells) as CSV text, one line per row, each ending in "\n". */
export const toCsv = (header, rows) => [header, ...rows].map((r) => `${r.map(csvCell).join(",")}\n`).join("");
