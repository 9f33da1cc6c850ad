// Timeline: events per day, stacked by type family, and the events themselves below.
import { getJson, familyOf, typeFamilies } from "./api.js";
import { h, s, show } from "./dom.js";

const PAGE = 200;
const DAY = 86400000;

function dayNumber(text) {
  return Math.floor(Date.parse(text + "T00:00:00Z") / DAY);
}

function dayText(number) {
  return new Date(number * DAY).toISOString().slice(0, 10);
}

/** The evidence sentence with the trigger words marked. */
export function evidenceLine(event) {
  const sentence = event.evidence || "";
  const start = event.trigger_start - event.sentence_start;
  const end = event.trigger_end - event.sentence_start;
  if (!(start >= 0 && end <= sentence.length && start < end)) return h("span", {}, sentence);
  return h("span", {}, sentence.slice(0, start), h("mark", { class: "trigger" }, sentence.slice(start, end)), sentence.slice(end));
}

function names(actors) {
  return actors.length ? actors.map((a) => a.name).join(", ") : "—";
}

export function eventRow(event) {
  const family = familyOf(event.type);
  return h(
    "li",
    { class: "event-row", "data-event": event.id },
    h(
      "a",
      { href: `#/event/${encodeURIComponent(event.id)}`, class: "event-link" },
      h("span", { class: "day" }, event.day || "undated"),
      h("span", { class: "type", "data-family": family.name }, event.type),
      h("span", { class: "who" }, `${names(event.actors)} → ${names(event.recipients)}`),
      event.place_name ? h("span", { class: "place" }, event.place_name) : null,
      h("span", { class: "modality" }, event.modality || ""),
    ),
    h("blockquote", { class: "evidence" }, evidenceLine(event)),
    h("span", { class: "source" }, event.site || event.url || "", event.published ? ` · ${event.published}` : ""),
  );
}

function chart(events) {
  const days = events.filter((e) => e.day).map((e) => dayNumber(e.day));
  const width = 960;
  const height = 160;
  const svg = s("svg", { id: "timeline-chart", viewBox: `0 0 ${width} ${height + 24}`, role: "img", "aria-label": "events per day" });
  if (!days.length) return svg;
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = last - first + 1;
  const barWidth = Math.max(1, (width - 40) / span);
  const stacks = new Map();
  for (const event of events) {
    if (!event.day) continue;
    const day = dayNumber(event.day);
    const family = familyOf(event.type);
    const stack = stacks.get(day) || new Map();
    stack.set(family, (stack.get(family) || 0) + 1);
    stacks.set(day, stack);
  }
  const most = Math.max(...[...stacks.values()].map((stack) => [...stack.values()].reduce((a, b) => a + b, 0)));
  for (const [day, stack] of stacks) {
    let top = height;
    for (const [family, count] of stack) {
      const barHeight = (count / most) * (height - 10);
      top -= barHeight;
      svg.append(
        s("rect", { x: 20 + (day - first) * barWidth, y: top, width: Math.max(1, barWidth - 1), height: barHeight, fill: family.colour, class: "bar" },
          s("title", {}, `${dayText(day)}: ${count} ${family.name}`)),
      );
    }
  }
  svg.append(s("text", { x: 20, y: height + 18, class: "axis" }, dayText(first)));
  svg.append(s("text", { x: width - 20, y: height + 18, class: "axis", "text-anchor": "end" }, dayText(last)));
  return svg;
}

function legend(list) {
  return h("ul", { class: "legend" }, list.map((family) => h("li", {}, h("span", { class: "swatch", "data-family": family.name }), family.name)));
}

export async function renderTimeline(view, filters) {
  const families = await typeFamilies();
  const page = await getJson("/api/events", { ...filters, limit: PAGE, sort: "day" });
  const rows = h("ol", { id: "events", class: "events" }, page.items.map(eventRow));
  const more = h("button", { type: "button", id: "more" }, "More events");
  let next = page.next_offset;
  const count = h("p", { id: "event-count", class: "count" });
  const all = [...page.items];
  const counted = () => (count.textContent = `${all.length} of ${page.total} events`);
  counted();
  more.hidden = next === null;
  more.addEventListener("click", async () => {
    const following = await getJson("/api/events", { ...filters, limit: PAGE, sort: "day", offset: next });
    all.push(...following.items);
    rows.append(...following.items.map(eventRow));
    next = following.next_offset;
    more.hidden = next === null;
    counted();
    chartHolder.replaceChildren(chart(all));
  });
  const chartHolder = h("div", { class: "chart" }, chart(all));
  show(view, h("section", { id: "timeline" }, chartHolder, legend(families.list), count, rows, more));
}
