// Markup from data, with every interpolated value escaped.
//
// `html` is a tagged template: `html`<td>${ticket.title}</td>`` escapes the
// title; nested `html` results (and `trusted()` values) pass through as
// markup. Ticket and configuration text is attacker-controlled, so nothing
// else may become markup.

const TRUSTED = Symbol("trusted markup");

/** Markup produced by `html` (or explicitly trusted): inserted as is. */
class Markup {
  constructor(text) {
    this[TRUSTED] = text;
  }
  toString() {
    return this[TRUSTED];
  }
}

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value) {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
    .replaceAll("`", "&#96;");
}

function part(value) {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Markup) return value[TRUSTED];
  if (Array.isArray(value)) return value.map(part).join("");
  return escapeHtml(value);
}

/** Tagged template producing escaped markup. Arrays are joined. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Markup(out);
}

/** Marks a string built by this module's own code as markup (never data). */
export function trusted(text) {
  return new Markup(text);
}
