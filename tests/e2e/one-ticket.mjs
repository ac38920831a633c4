// One P1 incident as a ServiceNow event log, shared by the tests that work
// its figures out by hand (charts.test.mjs: the timeline bands;
// service-review.test.mjs: the top breach). Opened Mon 2 March 2026 09:00
// UTC in New with Service Desk; Active with Network at 10:00; Awaiting User
// Info at 12:00; Resolved at 17:00. Policy "P1 resolution": 5 h, 24x7, no
// pauses: due 14:00, 3 h late.

/** The incident as CSV text (preset servicenow-event-log). */
export const ONE_TICKET_CSV = [
  "number,incident_state,sys_mod_count,sys_updated_at,opened_at,resolved_at,closed_at,assignment_group,priority",
  "INC1,New,0,02-03-2026 09:00,02-03-2026 09:00,?,?,Service Desk,1 - Critical",
  "INC1,Active,1,02-03-2026 10:00,02-03-2026 09:00,?,?,Network,1 - Critical",
  "INC1,Awaiting User Info,2,02-03-2026 12:00,02-03-2026 09:00,?,?,Network,1 - Critical",
  "INC1,Resolved,3,02-03-2026 17:00,02-03-2026 09:00,02-03-2026 17:00,?,Network,1 - Critical",
].join("\n");

/** Its policy document. */
export const ONE_TICKET_POLICIES = { policies: [{ name: "P1 resolution", when: { priority: "1 - Critical" }, metric: "resolution", target: "5h" }] };

/** Gives the `<sla-scorecard>` of `page` the incident and its policy. */
export function loadOneTicket(page) {
  return page.locator("sla-scorecard").evaluate((el, { csv, policies }) => {
    el.loadOptions = { preset: "servicenow-event-log" };
    el.policies = policies;
    el.data = csv;
  }, { csv: ONE_TICKET_CSV, policies: ONE_TICKET_POLICIES });
}
