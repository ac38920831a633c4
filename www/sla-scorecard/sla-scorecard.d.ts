// Types of the <sla-scorecard> element: `import "sla-scorecard/element"`
// defines it, and this file types its properties, attributes, methods and
// events, and `document.querySelector("sla-scorecard")`. Hand-written beside
// element.js; scripts/package-element.mjs copies it into pkg/ beside the
// glue's own types (sla_scorecard.d.ts), which the import below names.

import type { LoadOptions, LoadSummary, PolicyDocument, Report, ReportOptions, ScorecardConfig } from "./sla_scorecard.js";

/** What the last load did: the load summary, the data set's dimensions and the engine's version. */
export interface SlaScorecardSummary extends LoadSummary {
  /** Dimension names of the loaded tickets (e.g. `"priority"`), the choices of `group-by`. */
  dimensions: string[];
  /** The engine's version (`version()` of the JS API). */
  version: string;
}

/** The `detail` of each event the element dispatches (all bubble and cross the shadow root). */
export interface SlaScorecardEventDetail {
  /** A KPI tile, a policy row or a ticket was chosen (click, Enter or Space). */
  "sla-scorecard:select": { kind: "kpi" | "policy" | "ticket"; id: string };
  /** A scorecard was rendered from a new report. */
  "sla-scorecard:render": { report: Report; summary: SlaScorecardSummary | null };
  /** A load, a report or an attribute's fetch failed; the message is also shown in the element. */
  "sla-scorecard:error": { message: string; error: unknown };
  /** A streamed load's progress: bytes read (of `total`, 0 when unknown), rows read, time since it began. */
  "sla-scorecard:load-progress": { bytes: number; total: number; rows: number; elapsedMs: number };
  /** A streamed load was cancelled (Cancel button or `cancelLoad()`); the previous data set stays. */
  "sla-scorecard:load-cancel": Record<string, never>;
}

/** The element's events, for `addEventListener`. */
export type SlaScorecardEventMap = {
  [K in keyof SlaScorecardEventDetail]: CustomEvent<SlaScorecardEventDetail[K]>;
};

/**
 * What `data` accepts: CSV text, JSON text (an array) or an array of
 * objects, parsed at once; or a File / Blob (gzipped or not), a
 * ReadableStream of bytes or a URL, streamed with a progress bar and Cancel.
 */
export type SlaScorecardData = string | Record<string, unknown>[] | Blob | ReadableStream<Uint8Array> | URL;

/** One improvement action of the service review, as the portal supplies it (any field may be absent). */
export interface ServiceReviewAction {
  title?: string; owner?: string; due?: string; status?: string;
}

/**
 * `<sla-scorecard>`: a scorecard of SLA compliance and ITSM KPIs computed by
 * the engine in the page (or in a Web Worker with the `worker` attribute).
 *
 * Attributes: `src` (tickets, same origin, streamed), `policies-src`,
 * `config-src` (JSON, same origin), `preset` (the load preset), `period`
 * (`day`, `week`, `month`, `quarter`), `group-by` (a dimension; empty for
 * none), `locale` (BCP 47; default: the nearest `lang`, then the browser's),
 * `worker` (boolean: run the engine in a Web Worker), `report-view`
 * (`service-review`: one period's printable service review with the
 * `actions` below; absent: the interactive scorecard).
 */
export declare class SlaScorecard extends HTMLElement {
  /** Tickets (see {@link SlaScorecardData}); a new value cancels a load under way. */
  get data(): SlaScorecardData | null;
  set data(value: SlaScorecardData | null);
  /** Load options of `data` (docs/ingest.md), e.g. `{ preset: "servicenow-event-log" }`. */
  get loadOptions(): LoadOptions;
  set loadOptions(value: LoadOptions | null | undefined);
  /**
   * SLA policy document (object or JSON text; docs/sla.md), or null for none. A policy's
   * effective-dated `versions` (docs/sla.md §3.7) show in the SLA table (a row per policy and
   * version, the version named beside the policy) and in the drill-down (beside each clock);
   * so does the kind of an OLA clock ("OLA": a policy with `runWhile`, docs/sla.md §3.8).
   */
  get policies(): PolicyDocument | string | null;
  set policies(value: PolicyDocument | string | null | undefined);
  /** Scorecard configuration (docs/scorecard.md), null for the built-in one; setting it re-runs the report only. */
  get config(): ScorecardConfig | null;
  set config(value: ScorecardConfig | string | null | undefined);
  /** Report options; the `period` and `group-by` attributes override theirs. */
  get options(): ReportOptions;
  set options(value: ReportOptions | null | undefined);
  /** The improvement actions the service review lists (shown as text; not an array: a TypeError). */
  get actions(): ServiceReviewAction[];
  set actions(value: ServiceReviewAction[] | null | undefined);
  /** The last report document, or null before the first render. */
  readonly report: Report | null;
  /** What the last load did, or null before the first load. */
  readonly summary: SlaScorecardSummary | null;
  /** Cancels the streamed load under way, if any: the previous data set, scorecard and options stay. */
  cancelLoad(): void;
  /** Re-runs the report from the loaded data (e.g. after editing the config object in place). */
  recompute(): Promise<void>;
  /** The built-in scorecard configuration, to copy and edit. */
  defaultScorecard(): Promise<ScorecardConfig>;
  /** Per-ticket SLA outcomes as CSV (spreadsheet formulas neutralised). */
  outcomesCsv(): Promise<string>;
  /**
   * A table of the element as CSV (formula-like cells neutralised as in
   * `outcomesCsv`); "" when the report has no such table ("timeline": the
   * open ticket's clocks; "attainment", "top", "actions": the service review's).
   */
  tableCsv(name: "compliance" | "breaches" | "groups" | "trend" | "heatmap" | "causes:status" | "causes:group" | "backlog" | "timeline" | "attainment" | "top" | "actions" | `kpi:${string}`): string;
  /** Opens the drill-down of ticket `id` (its clocks, each named by policy and, for OLA clocks, kind and, for policies with `versions`, version); null closes it. */
  showTicket(id: string | null): Promise<void>;

  addEventListener<K extends keyof SlaScorecardEventMap>(
    type: K,
    listener: (this: SlaScorecard, event: SlaScorecardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SlaScorecard, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SlaScorecardEventMap>(
    type: K,
    listener: (this: SlaScorecard, event: SlaScorecardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SlaScorecard, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "sla-scorecard": SlaScorecard;
  }
}
