// The page's entry point: the filter form, the views and the #/route that picks one.
import { getJson, typeFamilies } from "./api.js";
import { h, show } from "./dom.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderQuotes } from "./quotes.js";
import { renderArticle } from "./article.js";

const VIEWS = { timeline: renderTimeline, map: renderMap, network: renderNetwork, quotes: renderQuotes };
const FILTERED = new Set(["timeline", "map", "network"]);

const view = document.getElementById("view");
const form = document.getElementById("filters");
const errorLine = document.getElementById("error");

/** The filters of the form, as API parameters. */
export function currentFilters() {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim()) values[name] = String(value).trim();
  }
  return values;
}

function setFilters(params) {
  for (const element of form.elements) {
    if (element.name) element.value = params.get(element.name) || "";
  }
}

function route() {
  const [path, query] = (location.hash.replace(/^#\/?/, "") || "timeline").split("?");
  const params = new URLSearchParams(query || "");
  const [name, ...rest] = path.split("/");
  return { name, id: rest.length ? decodeURIComponent(rest.join("/")) : null, params };
}

/** Go to a view, keeping the filters in the address (so a view can be bookmarked). */
export function go(name, filters = currentFilters()) {
  const query = new URLSearchParams(filters).toString();
  location.hash = `#/${name}${query ? "?" + query : ""}`;
}

export function reportError(error) {
  errorLine.hidden = false;
  errorLine.textContent = error instanceof Error ? error.message : String(error);
}

async function render() {
  errorLine.hidden = true;
  const { name, id, params } = route();
  for (const link of document.querySelectorAll("#views a")) {
    link.classList.toggle("active", link.dataset.view === name);
  }
  form.hidden = !FILTERED.has(name);
  document.body.dataset.view = name;
  show(view, h("p", { class: "loading" }, "Loading…"));
  try {
    if (name === "article" || name === "event") {
      await renderArticle(view, name === "article" ? id : null, name === "event" ? id : params.get("event"), params.get("quote"));
    } else {
      setFilters(params);
      await (VIEWS[name] || renderTimeline)(view, currentFilters());
    }
    view.dataset.ready = name;
  } catch (error) {
    show(view);
    reportError(error);
  }
}

async function start() {
  await typeFamilies();
  const stats = await getJson("/api/stats");
  const typeSelect = document.getElementById("filter-type");
  for (const type of Object.keys(stats.event_types).sort()) typeSelect.append(h("option", { value: type }, type));
  const modalitySelect = document.getElementById("filter-modality");
  for (const modality of Object.keys(stats.modalities).filter(Boolean).sort()) {
    modalitySelect.append(h("option", { value: modality }, modality));
  }
  const counts = stats.counts;
  document.getElementById("summary").textContent =
    `${counts.events} events · ${counts.articles} articles · ${counts.quotes} quotes` +
    (stats.first_day ? ` · ${stats.first_day} – ${stats.last_day}` : "");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(route().name);
  });
  form.addEventListener("reset", () => setTimeout(() => go(route().name, {}), 0));
  window.addEventListener("hashchange", render);
  await render();
}

start().catch(reportError);
