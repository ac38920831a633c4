// Numbers, durations and instants for people, in the page's locale.

// Intl formatters by kind, locale and options. Making one is far dearer
// than using it: a formatter per cell cost 30 of the 57 ms of the
// element's first render of the sample (CPU profile in Chromium, 2026-12-03).
const formatters = new Map();

/** The formatter `make()` gives for `key`, made once (at most 64 kept). */
function formatter(key, make) {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** A whole number or a decimal with at most `digits` fraction digits. */
export function formatNumber(value, locale, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return formatter(`n|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(value);
}

/** A ratio 0..1 as a percentage: 0.9537 → "95.4 %" (locale-dependent). */
export function formatPercent(ratio, locale, digits = 1) {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "—";
  return formatter(`p|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits })).format(ratio);
}

const UNITS = [
  ["d", 86400],
  ["h", 3600],
  ["min", 60],
  ["s", 1],
];

/**
 * A duration in seconds as its two largest units: 93784 → "1 d 2 h",
 * 3900 → "1 h 5 min", 45 → "45 s", 0 → "0 s". Negative values get a minus.
 */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "—";
  const sign = seconds < 0 ? "−" : "";
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return "0 s";
  const parts = [];
  for (const [name, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      const n = Math.floor(rest / size);
      parts.push(`${n} ${name}`);
      rest -= n * size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return sign + parts.join(" ");
}

/** An ISO instant as a local date and time in the page's locale. */
export function formatInstant(iso, locale, timeZone) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return formatter(`i|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone })).format(date);
}
