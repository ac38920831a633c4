// A Vite app using the element as a portal would: import it, set data and
// policies as properties. Vite bundles the element, its stylesheet, its
// worker and the .wasm (all referenced with new URL(..., import.meta.url)).
import "../../../www/sla-scorecard/element.js";
import tickets from "../../../www/embed/tickets.csv?raw";
import policies from "../../../policies/servicenow-sample.json";

const card = document.getElementById("card");
card.loadOptions = { preset: "servicenow-incidents" };
card.policies = policies;
card.data = tickets;
card.addEventListener("sla-scorecard:select", (e) => {
  document.body.dataset.selected = `${e.detail.kind}:${e.detail.id}`;
});
