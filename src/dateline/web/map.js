// Map: country shapes from the bundled Natural Earth file, shaded by events placed in each,
// and a dot per place; clicking a dot lists its events.
import { getJson } from "./api.js";
import { h, s, show } from "./dom.js";
import { eventRow } from "./timeline.js";

const WIDTH = 960;
const HEIGHT = 480;
// the map shows latitudes 84N to 58S: Antarctica holds no news places worth the space
const TOP = 84;
const BOTTOM = -58;
let world = null;

function x(lon) {
  return ((lon + 180) / 360) * WIDTH;
}

function y(lat) {
  return ((90 - lat) / 180) * HEIGHT;
}

function pathOf(geometry) {
  const parts = [];
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      parts.push("M" + ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("L") + "Z");
    }
  }
  return parts.join("");
}

export async function renderMap(view, filters) {
  world = world || (await getJson("/static/world-110m.geojson"));
  const page = await getJson("/api/events", { ...filters, limit: 500, sort: "day" });
  const byCountry = new Map();
  const byPlace = new Map();
  for (const event of page.items) {
    if (event.place_country) byCountry.set(event.place_country, (byCountry.get(event.place_country) || 0) + 1);
    if (event.place_lat === null || event.place_lon === null) continue;
    const key = `${event.place_name}|${event.place_lat}|${event.place_lon}`;
    const place = byPlace.get(key) || { name: event.place_name, lat: event.place_lat, lon: event.place_lon, events: [] };
    place.events.push(event);
    byPlace.set(key, place);
  }
  const most = Math.max(1, ...byCountry.values());
  const frame = `0 ${y(TOP).toFixed(1)} ${WIDTH} ${(y(BOTTOM) - y(TOP)).toFixed(1)}`;
  const svg = s("svg", { id: "map-chart", viewBox: frame, role: "img", "aria-label": "map of event places" });
  svg.append(s("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }));
  for (const feature of world.features) {
    const count = byCountry.get(feature.id) || 0;
    const shade = count ? 1 + Math.min(4, Math.floor((4 * count) / most)) : 0;
    svg.append(
      s("path", { d: pathOf(feature.geometry), class: `country shade-${shade}`, "data-country": feature.id || "" },
        s("title", {}, `${feature.properties.name}${count ? `: ${count} event(s)` : ""}`)),
    );
  }
  const list = h("ol", { id: "place-events", class: "events" });
  const caption = h("p", { class: "count" }, `${page.items.length} of ${page.total} events; ${byPlace.size} places. Click a dot to list its events.`);
  for (const place of byPlace.values()) {
    const dot = s("circle", {
      cx: x(place.lon), cy: y(place.lat), r: 3 + Math.min(9, Math.sqrt(place.events.length) * 2),
      class: "place-dot", tabindex: 0, "data-place": place.name || "",
    }, s("title", {}, `${place.name}: ${place.events.length} event(s)`));
    const open = () => {
      caption.textContent = `${place.name}: ${place.events.length} event(s)`;
      list.replaceChildren(...place.events.map(eventRow));
    };
    dot.addEventListener("click", open);
    dot.addEventListener("keydown", (event) => event.key === "Enter" && open());
    svg.append(dot);
  }
  show(view, h("section", { id: "map" }, h("div", { class: "chart" }, svg), caption, list,
    h("p", { class: "credit" }, "Country shapes: Natural Earth 1:110m (public domain).")));
}
