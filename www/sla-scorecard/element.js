// <sla-scorecard>: a scorecard of SLA compliance and ITSM KPIs rendered from
// the engine's report. Markup comes only from `html` (every value escaped);
// styles come from styles.css as a constructable stylesheet (no inline
// styles, so a strict Content-Security-Policy allows it).
//
//   <sla-scorecard src="tickets.csv" policies-src="policies.json"></sla-scorecard>
//   el.loadOptions = { preset: "servicenow-event-log" }; el.data = csvText;
//   el.data = fileInput.files[0];   // a File (.gz too) is streamed, with a progress bar and Cancel
//   el.config = { ...el.config, /* edited target */ };   // what-if: report only
//
// Charts (compliance trend, the chosen KPI's history, a compliance heatmap,
// where working time went by status and by group, backlog age) lay out the
// engine's figures; each has a table view, and every table downloads as CSV
// (`tableCsv(name)`), the drill-down's clock timeline included.
// report-view="service-review" lays the scored period out as a printable
// review: SLA attainment per service and policy, the history of the KPIs
// off target, the charts, the top breaches and the portal's `actions`.
//
// Events: "sla-scorecard:select" {kind: "kpi" | "policy" | "ticket", id},
// "sla-scorecard:render" {report, summary}, "sla-scorecard:error" {message},
// "sla-scorecard:load-progress" {bytes, total, rows, elapsedMs},
// "sla-scorecard:load-cancel" {}.

import { Engine, WorkerEngine } from "./engine.js";
import { html, trusted } from "./html.js";
import { formatDuration, formatInstant, formatNumber, formatPercent } from "./format.js";
import { SEGMENT_LABEL, bars, heatmap, lineChart, marker, sparkline, stacks, timeline } from "./svg.js";
import { toCsv } from "./csv.js";

let sheet;
const loadSheet = () =>
  (sheet ??= fetch(new URL("./styles.css", import.meta.url))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`styles.css: HTTP ${r.status}`))))
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    }));

const RAG = {
  green: ["✓", "On target"],
  amber: ["!", "Watch"],
  red: ["✗", "Off target"],
  grey: ["–", "No data"],
};
/** The abort reasons of a streamed load: the Cancel button, or a newer `data`. */
const CANCELLED = new DOMException("Load cancelled", "AbortError");
const SUPERSEDED = new DOMException("Load superseded by newer data", "AbortError");

const ARROW = { up: "↑", down: "↓", flat: "→" };
const PAGE = 25;
/** The fields of an improvement action (`actions`), in the review's column order. */
const ACTIONS = ["title", "owner", "due", "status"];
/** Periods in a chart: the last 12 up to the scored one. */
const SPAN = 12;

/** Same-origin URL of an attribute, or an error naming it. */
function sameOrigin(value, name) {
  const url = new URL(value, document.baseURI);
  if (url.origin !== location.origin) throw new Error(`${name}: ${url.href} is not on this page's origin`);
  return url;
}

/** A streamed input: read chunk by chunk with a progress bar (a `src` URL, a File or Blob, a ReadableStream). */
const isStreamed = (v) => v instanceof URL || v instanceof Blob || v instanceof ReadableStream;

async function fetchText(value, name) {
  const res = await fetch(sameOrigin(value, name));
  if (!res.ok) throw new Error(`${name}: ${value} answered HTTP ${res.status}`);
  return res.text();
}

export class SlaScorecard extends HTMLElement {
  static observedAttributes = ["src", "policies-src", "config-src", "period", "group-by", "preset", "locale", "report-view"];

  #engine = null;
  #input = null; // what `data` was set to, kept to reload after a reconnect
  #loadOptions = {};
  #policies = null;
  #config = null;
  #options = {};
  #actions = [];
  #dirty = { data: false, policies: false };
  #queued = null;
  #running = null; // the update under way (#run), which the next one waits for
  #committed = { input: null, loadOptions: {} }; // what the engine holds: restored after a cancelled or failed load
  #loading = null; // AbortController of the streamed load under way
  #content;
  #panel;
  #state = { report: null, sla: [], breaches: [], summary: null, ticket: null, sort: { key: "lateSeconds", dir: -1 }, all: false, heat: [], services: [], causes: [], top: [], dimension: null, kpi: null, tables: new Set() };

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    // The progress panel stays outside the re-rendered content, so a load under way leaves the scorecard as it is.
    this.shadowRoot.innerHTML = String(html`<div class="load" role="group" aria-label="Data load" hidden>
      <label for="load-bar">Loading <span class="load-name"></span></label>
      <progress id="load-bar" max="1"></progress>
      <span class="load-text" role="status" aria-live="polite"></span>
      <button type="button" data-action="cancel">Cancel</button>
    </div><div class="content"></div>`);
    this.#panel = this.shadowRoot.querySelector(".load");
    this.#content = this.shadowRoot.querySelector(".content");
    this.shadowRoot.addEventListener("click", (e) => this.#onActivate(e));
    // A chart's data point shows its figures under the chart on hover and on keyboard focus.
    const tip = (e) => {
      const point = e.target.closest?.("[data-tip]");
      const out = point?.closest("figure")?.querySelector(".tip");
      if (out) out.textContent = point.dataset.tip;
    };
    this.shadowRoot.addEventListener("mouseover", tip);
    this.shadowRoot.addEventListener("focusin", tip);
    this.shadowRoot.addEventListener("keydown", (e) => {
      if ((e.key === "Enter" || e.key === " ") && e.target.matches("tr[data-select]")) {
        e.preventDefault();
        this.#onActivate(e);
      }
    });
  }

  // ---- properties -------------------------------------------------------

  /**
   * Tickets: CSV text, JSON text (an array) or an array of objects, parsed
   * once; or a File / Blob (gzipped or not) or a ReadableStream of bytes,
   * streamed into the engine with a progress bar and a Cancel button (a
   * stream can be read once only). A new value cancels a load under way.
   */
  get data() {
    return this.#input;
  }
  set data(value) {
    this.#loading?.abort(SUPERSEDED);
    this.#input = value;
    this.#dirty.data = true;
    this.#schedule();
  }

  /** LoadOptions for `data` (docs/ingest.md), e.g. `{ preset: "servicenow-event-log" }`. */
  get loadOptions() {
    return this.#loadOptions;
  }
  set loadOptions(value) {
    this.#loadOptions = value ?? {};
    if (this.#input != null) this.#dirty.data = true;
    this.#schedule();
  }

  /** SLA policy document (object or JSON text; docs/sla.md), or null. */
  get policies() {
    return this.#policies;
  }
  set policies(value) {
    this.#policies = value ?? null;
    this.#dirty.policies = true;
    this.#schedule();
  }

  /** Scorecard configuration (docs/scorecard.md); null for the built-in one. Setting it re-runs the report only. */
  get config() {
    return this.#config;
  }
  set config(value) {
    this.#config = typeof value === "string" ? JSON.parse(value) : (value ?? null);
    this.#schedule();
  }

  /** ReportOptions `{ period, at, asOf, groupBy }`; the period and group-by attributes override. */
  get options() {
    return this.#options;
  }
  set options(value) {
    this.#options = value ?? {};
    this.#schedule();
  }

  /**
   * The improvement actions of the service review (`report-view="service-review"`):
   * an array of `{ title, owner, due, status }`, shown as text.
   */
  get actions() {
    return this.#actions;
  }
  set actions(value) {
    if (value != null && !Array.isArray(value)) throw new TypeError("actions: expected an array of { title, owner, due, status }");
    this.#actions = value ?? [];
    this.#render();
  }

  /** The last report document (read-only). */
  get report() {
    return this.#state.report;
  }

  /** What the last load did (LoadSummary plus `dimensions` and the engine `version`). */
  get summary() {
    return this.#state.summary;
  }

  /** Cancels the streamed load under way, if any: the previous data set, scorecard and options stay. */
  cancelLoad() {
    this.#loading?.abort(CANCELLED);
  }

  /** Re-runs the report from the loaded data (e.g. after editing the config object in place). */
  recompute() {
    return this.#schedule();
  }

  /** The built-in scorecard configuration, to copy and edit. */
  async defaultScorecard() {
    return this.#ensureEngine().defaultScorecard();
  }

  /** Per-ticket SLA outcomes as CSV (spreadsheet formulas neutralised). */
  async outcomesCsv() {
    await this.#queued;
    return this.#engine ? this.#engine.outcomesCsv() : "";
  }

  /**
   * A table of the element as CSV (cells a spreadsheet would run as formulas
   * neutralised, as in `outcomesCsv`): "compliance", "breaches", "groups",
   * "trend", "heatmap", "backlog", "kpi:<id>" (a KPI's history), "timeline"
   * (the open ticket's clocks), "attainment"; "" when the report has no such table.
   */
  tableCsv(name) {
    const t = this.#state.report && this.#table(name);
    return t ? toCsv(t.head, t.rows) : "";
  }

  /** Opens the drill-down of ticket `id` (null closes it). */
  async showTicket(id) {
    this.#state.ticket = id == null ? null : await this.#engine?.ticket(id);
    this.#render();
    if (this.#state.ticket) this.shadowRoot.querySelector("#drill h3")?.focus();
  }

  // ---- lifecycle --------------------------------------------------------

  async connectedCallback() {
    try {
      this.shadowRoot.adoptedStyleSheets = [await loadSheet()];
    } catch (e) {
      this.#fail(e);
    }
    this.#schedule();
  }

  disconnectedCallback() {
    // The engine goes with its WASM memory: a reconnect loads the data and policies again.
    this.#loading?.abort(SUPERSEDED);
    this.#engine?.free();
    this.#engine = null;
    if (this.#input != null) this.#dirty.data = true;
    if (this.#policies != null) this.#dirty.policies = true;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === "src" || name === "policies-src" || name === "config-src") {
      // The engine (and the module's streaming instantiation) starts while the file is fetched.
      if (value) this.#ensureEngine();
      this.#fetchAttribute(name, value);
    }
    else this.#schedule();
  }

  // ---- work ---------------------------------------------------------------

  async #fetchAttribute(name, value) {
    if (!value) return;
    try {
      // The tickets are streamed (#load); policies and configuration are small.
      if (name === "src") return void (this.data = sameOrigin(value, name));
      const text = await fetchText(value, name);
      if (name === "policies-src") this.policies = text;
      else this.config = text;
    } catch (e) {
      this.#fail(e);
    }
  }

  #ensureEngine() {
    return (this.#engine ??= this.hasAttribute("worker") ? new WorkerEngine() : new Engine());
  }

  #schedule() {
    // Property changes in one task become one update, and updates run one
    // at a time: a change during an update (policies fetched while the data
    // streams in) waits for it instead of reporting on no data.
    return (this.#queued ??= Promise.resolve(this.#running).then(() => (this.#running = this.#run())));
  }

  async #run() {
    this.#queued = null;
    if (!this.isConnected) {
      if (!this.#queued) this.removeAttribute("aria-busy");
      return;
    }
    this.setAttribute("aria-busy", "true");
    try {
      // After an internal error the engine restarts empty (SlaScorecardError `restarted`): load
      // the same inputs into it again, once.
      await this.#update().catch((e) => {
        if (!e?.restarted) throw e;
        this.#dirty = { data: true, policies: true };
        return this.#update(true);
      });
    } catch (e) {
      if (e === CANCELLED) this.#cancelled();
      else if (e !== SUPERSEDED) this.#fail(e);
    } finally {
      // Busy until the last queued update is done.
      if (!this.#queued) this.removeAttribute("aria-busy");
    }
  }

  async #update(rebuilt) {
    if (this.#input == null) return;
    const engine = this.#ensureEngine();
    const st = this.#state;
    if (this.#dirty.data) {
      this.#dirty.data = false;
      st.summary = await this.#load(engine);
      st.ticket = null;
    }
    if (this.#dirty.policies) {
      this.#dirty.policies = false;
      await engine.setPolicies(this.#policies);
      st.ticket = null;
    }
    const options = { ...this.#options };
    const period = this.getAttribute("period");
    const groupBy = this.getAttribute("group-by");
    if (period) options.period = period;
    if (groupBy) options.groupBy = groupBy;
    else if (groupBy === "") delete options.groupBy;
    const dims = st.summary?.dimensions ?? [];
    const dimension = options.groupBy ?? (dims.includes("priority") ? "priority" : null);
    st.dimension = dims.includes(dimension) ? dimension : null;
    // The review's attainment table is per service when the data has that dimension (presets map one).
    const service = this.getAttribute("report-view") === "service-review" && dims.includes("service") ? "service" : null;
    const { report, sla, heat, services } = await engine.report(this.#config, options, st.dimension, service);
    st.report = report;
    st.sla = sla;
    st.heat = heat ?? [];
    st.services = services ?? [];
    st.breaches = await engine.breaches();
    st.error = null;
    st.notice = rebuilt ? "Rebuilt after an internal error of the engine" : null;
    if (st.ticket) st.ticket = await engine.ticket(st.ticket.id);
    this.#render();
    // Where working time went (a second pass over every clock) after the first paint: the task ends here.
    await new Promise((resolve) => setTimeout(resolve));
    const causes = await engine.causes();
    st.causes = causes.causes;
    st.top = causes.topBreaches.filter((b) => b.period === report.scorecard.period);
    this.#render();
    this.dispatchEvent(new CustomEvent("sla-scorecard:render", { detail: { report, summary: st.summary }, bubbles: true, composed: true }));
  }

  /** Loads `data` into the engine; on a cancel or a failure puts back the input and options the engine still holds. */
  async #load(engine) {
    const input = this.#input;
    const loadOptions = this.#loadOptions;
    const opts = { ...loadOptions };
    if (this.getAttribute("preset")) opts.preset = this.getAttribute("preset");
    const controller = new AbortController();
    try {
      if (!isStreamed(input)) {
        this.#progress("Reading the data…");
        const summary = await engine.load(input, opts);
        this.#committed = { input, loadOptions };
        return summary;
      }
      this.#loading = controller;
      const { signal } = controller;
      const started = performance.now();
      const show = (bytes, total, rows) => this.#showProgress({ bytes, total, rows, elapsedMs: performance.now() - started });
      this.#panel.querySelector(".load-name").textContent = input.name ?? (input instanceof URL ? input.pathname.split("/").pop() : "data");
      this.#panel.hidden = false;
      show(0, input.size ?? 0, 0);
      // A URL is fetched by the engine (in the worker with `worker`); a load that completes
      // before a cancel reaches the engine is kept: the engine holds it.
      const body = input instanceof URL ? { url: input.href } : input;
      const summary = await engine.load(body, opts, { signal, onProgress: ({ bytes, total, rows }) => show(bytes, total, rows) });
      this.#committed = { input, loadOptions };
      return summary;
    } catch (e) {
      // A cancel or a failure puts back the data the engine still holds (if any: a first load that
      // failed stays, so that new loadOptions retry it); a newer `data` or a disconnect (SUPERSEDED)
      // keeps what was asked for.
      if (this.#input === input && this.#committed.input != null && controller.signal.reason !== SUPERSEDED) {
        this.#input = this.#committed.input;
        this.#loadOptions = this.#committed.loadOptions;
      }
      // The engine's AbortError (from the worker too) becomes this load's own reason.
      throw controller.signal.aborted ? controller.signal.reason : e;
    } finally {
      if (this.#loading === controller) {
        this.#loading = null;
        this.#panel.hidden = true;
      }
    }
  }

  #showProgress(p) {
    const loc = this.#locale;
    const mb = (n) => formatNumber(n / 1e6, loc, 1);
    const bar = this.#panel.querySelector("progress");
    if (p.total) bar.value = Math.min(1, p.bytes / p.total);
    else bar.removeAttribute("value"); // indeterminate: the size is unknown
    this.#panel.querySelector(".load-text").textContent =
      `${mb(p.bytes)} MB${p.total ? ` of ${mb(p.total)} MB` : ""} · ${formatNumber(p.rows, loc, 0)} rows · ${formatNumber(p.elapsedMs / 1000, loc, 1)} s`;
    this.dispatchEvent(new CustomEvent("sla-scorecard:load-progress", { detail: p, bubbles: true, composed: true }));
  }

  #cancelled() {
    this.#state.notice = "Load cancelled";
    if (this.#state.report) this.#render();
    else this.#content.innerHTML = String(html`<p class="notice" role="status">Load cancelled</p>`);
    this.dispatchEvent(new CustomEvent("sla-scorecard:load-cancel", { detail: {}, bubbles: true, composed: true }));
  }

  #progress(text) {
    if (!this.#state.report) this.#content.innerHTML = String(html`<p class="muted" role="status">${text}</p>`);
  }

  #fail(e) {
    const message = e?.message ?? String(e);
    // A bad what-if (e.g. a baseline on the wrong side of a target) keeps the last scorecard under the message.
    this.#state.error = message;
    this.#state.notice = null;
    if (this.#state.report) this.#render();
    else this.#content.innerHTML = String(html`<p class="error" role="alert">${message}</p>`);
    this.dispatchEvent(new CustomEvent("sla-scorecard:error", { detail: { message, error: e }, bubbles: true, composed: true }));
  }

  #select(kind, id) {
    this.dispatchEvent(new CustomEvent("sla-scorecard:select", { detail: { kind, id }, bubbles: true, composed: true }));
  }

  #onActivate(e) {
    const target = e.target.closest("[data-select],[data-sort],[data-action]");
    if (!target) return;
    const st = this.#state;
    if (target.dataset.sort) {
      const key = target.dataset.sort;
      st.sort = { key, dir: st.sort.key === key ? -st.sort.dir : key === "lateSeconds" ? -1 : 1 };
      this.#render();
      this.shadowRoot.querySelector(`[data-sort="${key}"]`)?.focus();
    } else if (target.dataset.action === "cancel") {
      this.cancelLoad();
    } else if (target.dataset.action === "close") {
      this.showTicket(null);
    } else if (target.dataset.action === "all") {
      st.all = true;
      this.#render();
    } else if (target.dataset.action === "view") {
      const name = target.dataset.chart;
      st.tables.has(name) ? st.tables.delete(name) : st.tables.add(name);
      this.#render();
      this.shadowRoot.querySelector(`[data-chart="${name}"]`)?.focus();
    } else if (target.dataset.action === "csv") {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([this.tableCsv(target.dataset.table)], { type: "text/csv" }));
      a.download = `sla-${target.dataset.table.replace(":", "-")}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } else {
      const [kind, id] = [target.dataset.select, target.dataset.id];
      this.#select(kind, id);
      if (kind === "ticket") this.showTicket(id);
      if (kind === "kpi") {
        // The tile's KPI history opens under the tiles; the focus stays on the tile.
        st.kpi = id;
        this.#render();
        this.shadowRoot.querySelector(`.tile[data-id="${id}"]`)?.focus();
      }
    }
  }

  // ---- rendering --------------------------------------------------------

  get #locale() {
    return this.getAttribute("locale") || this.closest("[lang]")?.lang || navigator.language;
  }

  #value(v, unit) {
    const loc = this.#locale;
    if (v == null) return "—";
    if (unit === "percent") return formatPercent(v / 100, loc);
    if (unit === "hours") return `${formatNumber(v, loc)} h`;
    return formatNumber(v, loc, 0);
  }

  #render() {
    const r = this.#state.report;
    if (!r) return;
    const sc = r.scorecard;
    const loc = this.#locale;
    // The service review: the same figures as one period's printable report, with the portal's actions.
    const review = this.getAttribute("report-view") === "service-review";
    this.#content.innerHTML = String(html`
      ${this.#state.error ? html`<p class="error" role="alert">${this.#state.error}</p>` : ""}
      ${this.#state.notice ? html`<p class="notice" role="status">${this.#state.notice}</p>` : ""}
      <section aria-labelledby="h-score">
        <h2 id="h-score">${review ? "Service review: " : ""}${sc.name} · ${sc.period}${sc.partial ? " (partial)" : ""}</h2>
        <p class="muted">As of ${formatInstant(r.asOf, loc, "UTC")} UTC · ${this.#state.summary?.tickets ?? 0} tickets</p>
        <div class="scores">
          ${this.#score("Overall", sc.overall, "overall")}
          ${sc.perspectives.map((p) => this.#score(p.name, p))}
        </div>
      </section>
      ${sc.perspectives.map((p) => this.#tiles(p))}
      ${review ? this.#attainmentTable() : ""}
      ${(review ? [...new Set([this.#state.kpi, ...this.#offTarget()])] : [this.#state.kpi]).map((id) => this.#kpiChart(id))} ${this.#trendChart()} ${this.#heatChart()} ${this.#causesChart("status")} ${this.#causesChart("group")} ${this.#backlogChart()}
      ${review ? html`${this.#topTable()} ${this.#reviewTable("actions", "Improvement actions", ACTIONS, this.#table("actions").rows)}` : html`${this.#slaTable()} ${this.#groups()} ${this.#breachTable()} ${this.#drill()}`}
    `);
  }

  /** A review table: `cols` headings, then `rows` of cells (markup or text). */
  #reviewTable(name, caption, cols, rows) {
    return html`<section class="table-wrap"><table><caption>${caption}</caption>
      <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
      <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>
${this.#csvButton(name)}</section>`;
  }

  /** A lookup of policies by name as the document writes them, the document parsed once (undefined when it does not parse or has no such policy). */
  #policyByName() {
    let doc = this.#policies;
    try {
      if (typeof doc === "string") doc = JSON.parse(doc);
    } catch {
      doc = null; // the engine refused it: the error is shown above the last report
    }
    const list = Array.isArray(doc?.policies) ? doc.policies : [];
    return (name) => list.find((x) => x?.name === name);
  }

  /** SLA attainment of the scored period per policy (and service): the engine's compliance rows, the policy's target as written. */
  #attainment() {
    const { report: r, services } = this.#state;
    const p = r.scorecard.period;
    const policy = this.#policyByName();
    const target = (name) => policy(name)?.target;
    const goal = this.#kpis().find((k) => k.kpi === "sla_compliance")?.target;
    const rows = (services.length ? services : r.slaPolicies).filter((x) => x.period === p);
    return {
      svc: services.length > 0,
      goal,
      caption: `SLA attainment per ${services.length ? "service and " : ""}policy, ${p}${goal == null ? "" : `; compliance target ${this.#pct(goal)}`}`,
      head: ["policy", "service", "period", "policy_target", "met", "breached", "compliance_percent", "target_percent"],
      rows: rows.map((x) => [x.policy, x.value, p, target(x.policy), x.met, x.breached, x.compliance, goal]),
    };
  }

  #attainmentTable() {
    const d = this.#attainment();
    const n = (v) => formatNumber(v, this.#locale, 0);
    const t = (v) => (typeof v === "number" ? formatDuration(v) : (v ?? "—"));
    return this.#reviewTable("attainment", d.caption,
      ["Policy", ...(d.svc ? ["Service"] : []), "Target", "Met", "Breached", "Compliance"],
      d.rows.map(([policy, svc, , target, met, breached, c]) => [policy, ...(d.svc ? [svc ?? "(none)"] : []), t(target), n(met), n(breached), this.#pct(c)]));
  }

  /** The period's most late breaches with the status and group that held most of their working time (`causes().topBreaches`). */
  #topTable() {
    const held = (v, t) => (t == null ? "—" : `${v ?? "(none)"} (${formatDuration(t)})`);
    return this.#reviewTable("top", `Top breaches, ${this.#state.report.scorecard.period}`,
      ["Ticket", "Policy", "Breached at", "Late by", "Most time in status", "Most time in group"],
      this.#state.top.map((b) => [b.ticket, b.policy, formatInstant(b.breach, this.#locale, "UTC"), formatDuration(b.lateSeconds), held(b.status, b.statusSeconds), held(b.group, b.groupSeconds)]));
  }

  #badge(rag) {
    const [icon, text] = RAG[rag] ?? RAG.grey;
    return html`<span class="badge rag-${rag}"><span aria-hidden="true">${icon}</span> ${text}</span>`;
  }

  #trend(t, unit, points) {
    if (!t || t.delta == null) return html`<span class="trend-flat">no previous value</span>`;
    const cls = t.good == null ? "trend-flat" : t.good ? "trend-good" : "trend-bad";
    const sign = t.delta > 0 ? "+" : "";
    const amount = unit === "percent" ? `${formatNumber(t.delta, this.#locale)} pp` : unit === "hours" ? `${formatNumber(t.delta, this.#locale)} h` : points ? `${formatNumber(t.delta, this.#locale)} pts` : formatNumber(t.delta, this.#locale);
    const word = t.good == null ? "" : t.good ? " (better)" : " (worse)";
    return html`<span class="${cls}"><span aria-hidden="true">${ARROW[t.direction] ?? ""}</span> ${sign}${amount} vs previous${word}</span>`;
  }

  #score(name, roll, cls = "") {
    return html`<div class="score ${cls} rag-${roll.rag}">
      <div class="muted">${name}</div>
      <div class="value">${roll.score == null ? "—" : formatNumber(roll.score, this.#locale)}</div>
      ${this.#badge(roll.rag)} <div>${this.#trend(roll.trend, null, true)}</div>
    </div>`;
  }

  #tiles(p) {
    return html`<section aria-label="${p.name} KPIs">
      <h3>${p.name} <span class="muted">score ${p.score == null ? "—" : formatNumber(p.score, this.#locale)} · weight ${p.weight}</span></h3>
      <div class="tiles">${p.kpis.map((k) => {
        const spark = sparkline(k.series.map((s) => s.value), { label: `${k.name}, last ${k.series.length} periods` });
        const cmp = k.direction === "higher" ? "≥" : "≤";
        return html`<button type="button" class="tile rag-${k.rag}" data-select="kpi" data-id="${k.kpi}" data-rag="${k.rag}" aria-pressed="${k.kpi === this.#state.kpi}">
          <span class="name">${k.name}</span>
          <span class="value">${this.#value(k.value, k.unit)}</span> ${this.#badge(k.rag)}
          <span class="muted">Target ${cmp} ${this.#value(k.target, k.unit)} · n = ${formatNumber(k.n, this.#locale, 0)}</span>
          <span>${this.#trend(k.trend, k.unit)}</span>
          ${trusted(spark.svg)}
        </button>`;
      })}</div>
    </section>`;
  }

  #slaTable() {
    const rows = this.#state.sla;
    if (!rows.length) return "";
    const loc = this.#locale;
    const dim = rows.some((x) => x.value != null);
    const n = (v) => formatNumber(v, loc, 0);
    return html`<section class="table-wrap"><table>
      <caption>SLA compliance by policy${dim ? " and value" : ""}, all periods</caption>
      <thead><tr><th scope="col">Policy</th>${dim ? html`<th scope="col">Group</th>` : ""}<th scope="col" class="num">Met</th><th scope="col" class="num">Breached</th><th scope="col" class="num">Open</th><th scope="col" class="num">Compliance</th></tr></thead>
      <tbody>${rows.map((x) => html`<tr tabindex="0" data-select="policy" data-id="${x.policy}">
        <th scope="row">${x.policy}${x.version ? html` <span class="muted">${x.version}</span>` : ""}</th>${dim ? html`<td>${x.value ?? "—"}</td>` : ""}
        <td class="num">${n(x.met)}</td><td class="num">${n(x.breached)}</td><td class="num">${n(x.inProgress + x.atRisk + x.paused)}</td>
        <td class="num">${x.compliance == null ? "—" : formatPercent(x.compliance / 100, loc)}</td></tr>`)}</tbody>
    </table>${this.#csvButton("compliance")}</section>`;
  }

  #groups() {
    const r = this.#state.report;
    if (!r.groupBy) return "";
    const kpis = r.scorecard.perspectives.flatMap((p) => p.kpis).filter((k) => k.value != null);
    const series = new Map(r.kpis.map((s) => [s.kpi, s]));
    const at = r.periods.findIndex((p) => p.period === r.scorecard.period);
    const groups = series.get("volume")?.groups ?? [];
    return html`<section class="table-wrap"><table>
      <caption>KPIs by ${r.groupBy}, ${r.scorecard.period}</caption>
      <thead><tr><th scope="col">${r.groupBy}</th>${kpis.map((k) => html`<th scope="col" class="num">${k.name}</th>`)}</tr></thead>
      <tbody>${groups.map((g, gi) => html`<tr><th scope="row">${g.value ?? "(none)"}</th>${kpis.map((k) => {
        const cell = series.get(k.kpi)?.groups[gi]?.cells[at];
        return html`<td class="num">${this.#value(cell?.value, k.unit)}</td>`;
      })}</tr>`)}</tbody>
    </table>${this.#csvButton("groups")}</section>`;
  }

  #breachTable() {
    const { breaches, sort, all } = this.#state;
    if (!this.#state.sla.length) return "";
    const loc = this.#locale;
    const list = [...breaches].sort((a, b) => {
      const x = a[sort.key] ?? "";
      const y = b[sort.key] ?? "";
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
    const shown = all ? list : list.slice(0, PAGE);
    const col = (key, label, cls = "") => {
      const state = sort.key === key ? (sort.dir > 0 ? "ascending" : "descending") : "none";
      return html`<th scope="col" class="${cls}" aria-sort="${state}"><button type="button" data-sort="${key}">${label}${state === "none" ? "" : state === "ascending" ? " ▲" : " ▼"}</button></th>`;
    };
    return html`<section class="table-wrap" aria-label="Breaches">
      <table>
        <caption>Breaches (${formatNumber(list.length, loc, 0)}) — choose a row to see its SLA clock</caption>
        <thead><tr>${col("ticket", "Ticket")}${col("policy", "Policy")}${col("breach", "Breached at")}${col("lateSeconds", "Late by", "num")}<th scope="col">State</th></tr></thead>
        <tbody>${shown.map((b) => html`<tr tabindex="0" data-select="ticket" data-id="${b.ticket}">
          <th scope="row">${b.ticket}</th><td>${b.policy}</td><td>${formatInstant(b.breach, loc, "UTC")}</td>
          <td class="num">${formatDuration(b.lateSeconds)}</td><td>${b.open ? "still open" : "stopped"}</td></tr>`)}</tbody>
      </table>
      ${shown.length < list.length ? html`<button type="button" data-action="all">Show all ${formatNumber(list.length, loc, 0)} breaches</button>` : ""}
      ${this.#csvButton("breaches")}
    </section>`;
  }

  // ---- charts and their tables --------------------------------------------

  #kpis() {
    return this.#state.report.scorecard.perspectives.flatMap((p) => p.kpis);
  }

  /** The periods of a chart: the last SPAN of the report's, up to the scored one. */
  #span() {
    const r = this.#state.report;
    const at = r.periods.findIndex((p) => p.period === r.scorecard.period);
    return r.periods.slice(Math.max(0, at - SPAN + 1), at + 1).map((p) => p.period);
  }

  #pct(v, digits) {
    return v == null ? "—" : formatPercent(v / 100, this.#locale, digits);
  }

  /** "61.3% (465 met, 293 breached)" of a compliance row. */
  #counts(c) {
    const n = (x) => formatNumber(x, this.#locale, 0);
    return `${this.#pct(c.compliance)} (${n(c.met)} met, ${n(c.breached)} breached)`;
  }

  /** Table `name` as { caption, head, rows } (rows of raw figures, as the engine gave them), or null. */
  #table(name) {
    const st = this.#state;
    const r = st.report;
    if (name === "compliance") {
      // A version column, as the engine's CSV has, when some policy has versions.
      const v = st.sla.some((x) => x.version) ? 1 : 0;
      const head = ["policy", "version", "period", "value", "met", "breached", "in_progress", "at_risk", "paused", "not_applicable", "compliance_percent"];
      return st.sla.length ? { head: head.filter((_, i) => v || i !== 1), rows: st.sla.map((x) => [x.policy, x.version, x.period, x.value, x.met, x.breached, x.inProgress, x.atRisk, x.paused, x.notApplicable, x.compliance].filter((_, i) => v || i !== 1)) } : null;
    }
    if (name === "breaches")
      return { head: ["ticket", "policy", "breach", "stop", "late_seconds", "over_target_seconds", "open"], rows: st.breaches.map((b) => [b.ticket, b.policy, b.breach, b.stop, b.lateSeconds, b.overTargetSeconds, b.open ? "yes" : "no"]) };
    if (name === "groups") {
      if (!r.groupBy) return null;
      const at = r.periods.findIndex((p) => p.period === r.scorecard.period);
      const kpis = this.#kpis().filter((k) => k.value != null);
      const series = kpis.map((k) => r.kpis.find((s) => s.kpi === k.kpi));
      const groups = r.kpis.find((s) => s.kpi === "volume")?.groups ?? [];
      return { head: [r.groupBy, ...kpis.map((k) => k.kpi)], rows: groups.map((g, gi) => [g.value, ...series.map((s) => s?.groups[gi]?.cells[at]?.value)]) };
    }
    if (name === "actions") return { head: ACTIONS, rows: this.#actions.map((a) => ACTIONS.map((c) => a?.[c])) };
    if (name === "top")
      return { head: ["ticket", "policy", "breach", "late_seconds", "status", "status_working_seconds", "group", "group_working_seconds"], rows: st.top.map((b) => [b.ticket, b.policy, b.breach, b.lateSeconds, b.status, b.statusSeconds, b.group, b.groupSeconds]) };
    if (name === "trend") return this.#slaTrend();
    if (name === "heatmap") return this.#heat();
    if (name === "backlog") return this.#backlog();
    if (name === "timeline") return this.#timeline();
    if (name === "attainment") return this.#attainment();
    if (name.startsWith("causes:")) return this.#causes(name.slice(7));
    if (name.startsWith("kpi:")) return this.#kpi(name.slice(4));
    return null;
  }

  #csvButton(name) {
    return html`<button type="button" data-action="csv" data-table="${name}">Download CSV</button>`;
  }

  /** A chart with its caption, table-view toggle, CSV download and text summary. */
  #figure(name, d, draw, legend, summary) {
    const table = this.#state.tables.has(name);
    const cell = (v) => (typeof v === "number" ? formatNumber(v, this.#locale, 2) : (v ?? "—"));
    return html`<figure class="figure">
      <figcaption><span class="caption">${d.caption}</span>
        <button type="button" data-action="view" data-chart="${name}" aria-pressed="${table}">Table view</button> ${this.#csvButton(name)}</figcaption>
      ${table
        ? html`<div class="table-wrap"><table><caption>${d.caption}</caption>
          <thead><tr>${d.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
          <tbody>${d.rows.map(([first, ...rest]) => html`<tr><th scope="row">${cell(first)}</th>${rest.map((v) => html`<td class="${typeof v === "number" ? "num" : ""}">${cell(v)}</td>`)}</tr>`)}</tbody>
          </table></div>`
        : html`${trusted(draw())}${legend}<p class="tip muted" aria-hidden="true">Point at or focus a mark for its figures.</p>`}
      <p class="summary">${summary}</p>
    </figure>`;
  }

  #legend(series, bar) {
    return html`<div class="legend">${series.map((s, i) => html`<span>${trusted(`<svg class="key" viewBox="-6 -6 12 12" aria-hidden="true">${bar ? `<rect class="bar ser-${i % 6}" x="-5" y="-5" width="10" height="10"/>` : marker(i, 0, 0)}</svg>`)}${s.name}</span>`)}</div>`;
  }

  /** Compliance per period of every policy (the report's slaCompliance first, as "All policies"). */
  #slaTrend() {
    const r = this.#state.report;
    if (!r.slaPolicies.length) return null;
    const cols = this.#span();
    const groups = new Map([["All policies", r.slaCompliance]]);
    for (const row of r.slaPolicies) (groups.get(row.policy) ?? groups.set(row.policy, []).get(row.policy)).push(row);
    // A period without a row had no outcome stopped in it: 0 met, 0 breached, no compliance.
    const series = [...groups].map(([name, rows]) => ({ name, cells: cols.map((p) => rows.find((x) => x.period === p) ?? { met: 0, breached: 0, compliance: null }) }));
    return {
      series,
      cols,
      caption: `SLA compliance per policy, ${cols[0]} to ${cols.at(-1)}`,
      head: ["policy", "period", "met", "breached", "compliance_percent"],
      rows: series.flatMap((s) => s.cells.map((c, i) => [s.name, cols[i], c.met, c.breached, c.compliance])),
    };
  }

  #trendChart() {
    const d = this.#slaTrend();
    if (!d) return "";
    const { series, cols } = d;
    // The target line: the scorecard's SLA compliance KPI's target, when the scorecard has that KPI.
    const target = this.#kpis().find((k) => k.kpi === "sla_compliance")?.target;
    const last = cols.length - 1;
    return this.#figure(
      "trend",
      d,
      () =>
        lineChart({
          columns: cols,
          lo: 0,
          hi: 100,
          tick: (v) => this.#pct(v, 0),
          label: `${d.caption}${target == null ? "" : `, target ${this.#pct(target)}`}`,
          lines: target == null ? [] : [{ value: target, cls: "target", text: `target ${this.#pct(target)}` }],
          series: series.map((s) => ({ name: s.name, points: s.cells.map((c, i) => ({ value: c.compliance, tip: `${s.name}, ${cols[i]}: ${this.#counts(c)}` })) })),
        }),
      this.#legend(series),
      `${cols[last]}: ${series.map((s) => `${s.name} ${this.#counts(s.cells[last])}`).join("; ")}. ${target == null ? "No target line: the scorecard has no SLA compliance KPI." : `Target ${this.#pct(target)}: the scorecard's SLA compliance KPI.`}`,
    );
  }

  /** KPI `id` of the scorecard per period: the report's series cells with the scorecard's target and thresholds. */
  #kpi(id) {
    const k = this.#kpis().find((x) => x.kpi === id);
    if (!k) return null;
    const r = this.#state.report;
    const s = r.kpis.find((x) => x.kpi === id && x.clock === k.clock) ?? r.kpis.find((x) => x.kpi === id);
    const cols = this.#span();
    const cells = cols.map((p) => s?.all.find((c) => c.period === p) ?? { value: null, n: null });
    return {
      k,
      cols,
      cells,
      caption: `${k.name} per period, ${cols[0]} to ${cols.at(-1)}`,
      head: ["period", "value", "n", "target", "green", "amber"],
      rows: cells.map((c, i) => [cols[i], c.value, c.n, k.target, k.green, k.amber]),
    };
  }

  /** The review's KPI histories: the KPIs off target (red), or the first KPI when none is. */
  #offTarget() {
    const k = this.#kpis();
    const red = k.filter((x) => x.rag === "red");
    return (red.length ? red : k.slice(0, 1)).map((x) => x.kpi);
  }

  #kpiChart(id) {
    const d = id && this.#kpi(id);
    if (!d) return "";
    const { k, cols, cells } = d;
    const loc = this.#locale;
    const v = (x) => this.#value(x, k.unit);
    const cmp = k.direction === "higher" ? "≥" : "≤";
    const all = [...cells.map((c) => c.value).filter((x) => x != null), k.target, k.green, k.amber];
    const lo = Math.min(0, ...all);
    const hi = k.unit === "percent" ? Math.max(100, ...all) : Math.max(...all) * 1.15 || 1;
    // The RAG bands: the scorecard's green and amber thresholds, on the KPI's good side.
    const edges = k.direction === "higher" ? [[k.green, hi], [k.amber, k.green], [lo, k.amber]] : [[lo, k.green], [k.green, k.amber], [k.amber, hi]];
    const tip = (c, i) => `${cols[i]}: ${v(c.value)} (n = ${formatNumber(c.n, loc, 0)})`;
    return this.#figure(
      `kpi:${k.kpi}`,
      d,
      () =>
        lineChart({
          columns: cols,
          sub: cells.map((c) => `n = ${formatNumber(c.n, loc, 0)}`),
          lo,
          hi,
          tick: v,
          label: `${d.caption}, target ${cmp} ${v(k.target)}`,
          bands: ["green", "amber", "red"].map((g, i) => ({ from: edges[i][0], to: edges[i][1], cls: `band-${g}`, text: RAG[g][1] })),
          lines: [{ value: k.target, cls: "target", text: `target ${v(k.target)}` }],
          series: [{ name: k.name, points: cells.map((c, i) => ({ value: c.value, tip: tip(c, i) })) }],
        }),
      "",
      `${cells.map(tip).join("; ")}. Target ${cmp} ${v(k.target)}; ${RAG.green[1].toLowerCase()} ${cmp} ${v(k.green)}, ${RAG.amber[1].toLowerCase()} ${cmp} ${v(k.amber)}.`,
    );
  }

  /** Compliance by policy × the chosen dimension × period, from the engine's table (`heat`). */
  #heat() {
    const { heat, dimension } = this.#state;
    if (!heat.length) return null;
    const cols = this.#span();
    const shown = heat.filter((x) => cols.includes(x.period));
    const groups = new Map();
    for (const x of shown) {
      const name = `${x.policy} · ${x.value ?? "(none)"}`;
      (groups.get(name) ?? groups.set(name, new Map()).get(name)).set(x.period, x);
    }
    return {
      cols,
      groups,
      caption: `SLA compliance by policy and ${dimension}, ${cols[0]} to ${cols.at(-1)}`,
      head: ["policy", dimension, "period", "met", "breached", "compliance_percent"],
      rows: shown.map((x) => [x.policy, x.value, x.period, x.met, x.breached, x.compliance]),
    };
  }

  #heatChart() {
    const d = this.#heat();
    if (!d) return "";
    const rows = [...d.groups].map(([name, byPeriod]) => ({
      name,
      cells: d.cols.map((p) => {
        const c = byPeriod.get(p);
        return { value: c?.compliance, text: c?.compliance == null ? "–" : this.#pct(c.compliance, 0), tip: `${name}, ${p}: ${c ? this.#counts(c) : "no outcome"}` };
      }),
    }));
    const scale = html`<div class="legend">${[0, 1, 2, 3, 4].map((i) => html`<span>${trusted(`<svg class="key" viewBox="0 0 12 12" aria-hidden="true"><rect class="cell heat-${i}" width="12" height="12"/></svg>`)}${i * 20}–${i === 4 ? 100 : i * 20 + 19.9} %</span>`)}</div>`;
    return this.#figure("heatmap", d, () => heatmap({ columns: d.cols, rows, label: d.caption }), scale, `Each cell prints its compliance; "–": no met or breached outcome. ${rows.length} rows × ${d.cols.length} periods.`);
  }

  /** The engine's causes rows of the scored period for `axis` (status or group): where each policy's working time went. */
  #causes(axis) {
    const period = this.#state.report.scorecard.period;
    const src = this.#state.causes.filter((x) => x.dimension === axis && x.period === period);
    if (!src.length) return null;
    return {
      src,
      caption: `Working time by ${axis}, ${period}: breached and met outcomes`,
      head: ["policy", axis, "breached_seconds", "breached_share_percent", "breached_paused_seconds", "breaches_held", "met_seconds", "met_share_percent", "met_paused_seconds"],
      rows: src.map((x) => [x.policy, x.value, x.breachedSeconds, x.breachedShare, x.breachedPausedSeconds, x.breachesHeld, x.metSeconds, x.metShare, x.metPausedSeconds]),
    };
  }

  #causesChart(axis) {
    const d = this.#causes(axis);
    if (!d) return "";
    // Colours by rank of working time (the five largest values, then one for the rest); parts largest first.
    const time = new Map();
    for (const x of d.src) time.set(x.value, (time.get(x.value) ?? 0) + x.breachedSeconds + x.metSeconds);
    const values = [...time.keys()].sort((a, b) => time.get(b) - time.get(a));
    const name = (v) => v ?? "(none)";
    const rows = [];
    for (const policy of new Set(d.src.map((x) => x.policy)))
      for (const state of ["breached", "met"]) {
        const parts = d.src
          .filter((x) => x.policy === policy && x[`${state}Share`] > 0)
          .map((x) => {
            const share = this.#pct(x[`${state}Share`]);
            return { value: x[`${state}Share`], i: values.indexOf(x.value), text: `${name(x.value)} ${share}`, tip: `${policy}, ${state}: ${name(x.value)} ${share}` };
          })
          .sort((a, b) => b.value - a.value);
        if (parts.length) rows.push({ name: `${policy} · ${state}`, parts });
      }
    // The legend names the five values with most time; the others share the sixth colour.
    const keys = values.slice(0, 5).map(name);
    if (values.length > 5) keys.push("others");
    return this.#figure(
      `causes:${axis}`,
      d,
      () => stacks({ rows, label: d.caption }),
      this.#legend(keys.map((name) => ({ name })), true),
      `Largest share per bar: ${rows.map((r) => `${r.name}, ${r.parts[0].text}`).join("; ")}.`,
    );
  }

  /** Backlog by age at the as-of instant (the backlog KPI's last cell), and at the end of the scored period when that is earlier. */
  #backlog() {
    const r = this.#state.report;
    const s = r.kpis.find((x) => x.kpi === "backlog");
    const now = s?.all.at(-1);
    if (!now?.buckets) return null;
    const scored = s.all.find((c) => c.period === r.scorecard.period);
    const snaps = [[`as of ${r.asOf}`, now]];
    if (scored?.buckets && scored !== now) snaps.unshift([`end of ${scored.period}`, scored]);
    return { snaps, caption: "Backlog by age", head: ["age", ...snaps.map(([name]) => name)], rows: now.buckets.map((b, i) => [b.label, ...snaps.map(([, c]) => c.buckets[i]?.count)]) };
  }

  #backlogChart() {
    const d = this.#backlog();
    if (!d) return "";
    const n = (x) => formatNumber(x, this.#locale, 0);
    const series = d.snaps.map(([name, c]) => ({ name, values: c.buckets.map((b) => ({ value: b.count, text: n(b.count), tip: `${name}, aged ${b.label}: ${n(b.count)} tickets` })) }));
    return this.#figure(
      "backlog",
      d,
      () => bars({ columns: d.rows.map((x) => x[0]), series, label: `${d.caption}: ${d.snaps.map(([name]) => name).join(" and ")}` }),
      this.#legend(series, true),
      series.map((s) => `${s.name}: ${s.values.map((x, i) => `${d.rows[i][0]} ${x.text}`).join(", ")}`).join(". "),
    );
  }

  /** The open ticket's clocks as drawn: its group band, then per outcome the clock's segments (with the status in force) and marks. */
  #timeline() {
    const t = this.#state.ticket;
    if (!t?.outcomes.length) return null;
    return {
      caption: `SLA clocks of ticket ${t.id}`,
      head: ["policy", "row", "from", "to", "kind", "value"],
      rows: [
        ...t.groups.map(([at, g], i) => [null, "group", at, t.groups[i + 1]?.[0], null, g]),
        ...t.outcomes.flatMap((o) => [
          ...o.timeline.map((s) => [o.policy, "clock", s.from, s.to, s.kind, s.status]),
          ...["due", "breach", "stop"].filter((k) => o[k]).map((k) => [o.policy, "mark", o[k], null, k, null]),
        ]),
      ],
    };
  }

  #drill() {
    const t = this.#state.ticket;
    if (!t) return "";
    const loc = this.#locale;
    const at = (iso) => (iso ? `${formatInstant(iso, loc, "UTC")} UTC` : "—");
    const d = this.#timeline();
    // A condition as written ("Network, DBA", "not Service Desk").
    const cond = (v) => (v && typeof v == "object" && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => (k == "not" ? "not " : "") + cond(x)).join("") : [v].flat().join(", "));
    // The clock kind (OLA: a policy with `runWhile`, named by its conditions) and the policy version (policies with `versions`) of each outcome.
    const policy = this.#policyByName();
    const note = (o, run = policy(o.policy)?.runWhile, v = t.outcomeVersions?.[t.outcomes.indexOf(o)]) =>
      [run && `OLA: ${Object.entries(run).map(([k, x]) => `${k} ${cond(x)}`).join("; ")}`, v && `version ${v}`].filter(Boolean).join(" · ");
    return html`<section id="drill" class="drill" aria-labelledby="drill-title">
      <h3 id="drill-title" tabindex="-1">Ticket ${t.id}</h3>
      <p class="title">${t.title || "(no title)"}</p>
      <p class="muted">${Object.entries(t.dimensions).filter(([, v]) => v != null).map(([k, v]) => `${k}: ${v}`).join(" · ")}</p>
      <p class="muted">Opened ${at(t.opened)} · resolved ${at(t.resolved)} · closed ${at(t.closed)}</p>
      ${t.groups.length ? html`<p class="muted">Groups: ${t.groups.map(([when, v]) => `${v} from ${at(when)}`).join(" · ")}</p>` : ""}
      ${d
        ? this.#figure(
            "timeline",
            d,
            () =>
              t.outcomes
                .map((o) => {
                  // The status in force (from the clock's segments) and the group holding the ticket, as bands under the clock.
                  const bands = [
                    { name: "status", changes: o.timeline.filter((s) => s.status).map((s) => [s.from, s.status]) },
                    { name: "group", changes: t.groups },
                  ].filter((b) => b.changes.length);
                  const marks = ["due", "breach", "stop"].filter((k) => o[k]).map((kind) => ({ kind, at: o[kind] }));
                  // Each band's values named beside their colours (as svg.js colours them: by first appearance).
                  const keys = bands.map((b) => html`<div class="bands"><span>${b.name}:</span>${[...new Set(b.changes.map((c) => c[1]))].map((v, i) => html`<span>${trusted(`<svg class="key" viewBox="0 0 12 12" aria-hidden="true"><rect class="ser-${i % 6}" width="12" height="12"/></svg>`)}${v}</span>`)}</div>`);
                  return `${html`<h4>${o.policy}${note(o) ? html` <span class="muted">(${note(o)})</span>` : ""} ${this.#badge(o.state === "met" ? "green" : o.state === "breached" ? "red" : "amber")} <span class="muted">${o.state.replace("_", " ")}</span></h4>`}${timeline(o.timeline, marks, { bands, at, label: `SLA clock of ${o.policy} for ticket ${t.id}: ${o.state}, ${formatDuration(o.elapsedSeconds)} counted of ${formatDuration(o.targetSeconds)}` })}${html`${keys}`}`;
                })
                .join(""),
            html`<div class="legend">
              ${Object.entries(SEGMENT_LABEL).map(([k, v]) => html`<span><span class="swatch swatch-${k}" aria-hidden="true"></span>${v}</span>`)}
              ${["due", "breach", "stop"].map((k) => html`<span><span class="swatch swatch-${k}" aria-hidden="true"></span>${k}</span>`)}
            </div>`,
            t.outcomes.map((o) => `${o.policy}${note(o) ? ` (${note(o)})` : ""}: ${o.state.replace("_", " ")}, counted ${formatDuration(o.elapsedSeconds)} of ${formatDuration(o.targetSeconds)} (${formatNumber(o.percent, loc)} %), paused ${formatDuration(o.pausedSeconds)}, due ${at(o.due)}, stopped ${at(o.stop)}${o.lateSeconds != null ? `, late by ${formatDuration(o.lateSeconds)}` : ""}; ${o.timeline.length} segments. `),
          )
        : html`<p>No SLA policy applies to this ticket.</p>`}
      <button type="button" data-action="close">Close</button>
    </section>`;
  }
}

if (!customElements.get("sla-scorecard")) customElements.define("sla-scorecard", SlaScorecard);
