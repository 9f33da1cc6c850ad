// Actor network: who acts on whom. Edge width grows with the number of events, its colour is
// the event type's family; a small force layout places the actors. Clicking a link lists
// its events in the timeline.
import { getJson, familyOf } from "./api.js";
import { h, s, show } from "./dom.js";
import { go } from "./app.js";

const WIDTH = 960;
const HEIGHT = 600;

function layout(nodes, links) {
  // deterministic start on a circle, then springs on links and repulsion between all nodes
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    node.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
    node.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
  });
  const ideal = Math.max(40, Math.min(160, 900 / Math.sqrt(nodes.length || 1)));
  for (let step = 0; step < 300; step++) {
    const heat = 1 - step / 300;
    for (const a of nodes) {
      a.dx = (WIDTH / 2 - a.x) * 0.01;
      a.dy = (HEIGHT / 2 - a.y) * 0.01;
      for (const b of nodes) {
        if (a === b) continue;
        const ddx = a.x - b.x;
        const ddy = a.y - b.y;
        const d2 = Math.max(1, ddx * ddx + ddy * ddy);
        a.dx += (ddx * ideal * ideal) / d2 / 4;
        a.dy += (ddy * ideal * ideal) / d2 / 4;
      }
    }
    for (const link of links) {
      const ddx = link.to.x - link.from.x;
      const ddy = link.to.y - link.from.y;
      const d = Math.max(1, Math.hypot(ddx, ddy));
      const pull = (d - ideal) / d / 4;
      link.from.dx += ddx * pull;
      link.from.dy += ddy * pull;
      link.to.dx -= ddx * pull;
      link.to.dy -= ddy * pull;
    }
    for (const node of nodes) {
      const moved = Math.hypot(node.dx, node.dy) || 1;
      const limit = Math.min(moved, 30 * heat + 1);
      node.x = Math.min(WIDTH - 60, Math.max(60, node.x + (node.dx / moved) * limit));
      node.y = Math.min(HEIGHT - 20, Math.max(20, node.y + (node.dy / moved) * limit));
    }
  }
}

export async function renderNetwork(view, filters) {
  const rows = await getJson("/api/network", { ...filters, limit: 300 });
  const nodes = new Map();
  const node = (name, country) => {
    if (!nodes.has(name)) nodes.set(name, { name, country, weight: 0 });
    return nodes.get(name);
  };
  const links = rows.map((row) => {
    const from = node(row.source, row.source_country);
    const to = node(row.target, row.target_country);
    from.weight += row.events;
    to.weight += row.events;
    return { from, to, type: row.type, events: row.events };
  });
  const list = [...nodes.values()];
  layout(list, links);
  const svg = s("svg", { id: "network-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "actor network" });
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
    s("path", { d: "M0,0L10,5L0,10Z", class: "arrow-head" }))));
  for (const link of links) {
    const line = s("line", {
      x1: link.from.x, y1: link.from.y, x2: link.to.x, y2: link.to.y,
      stroke: familyOf(link.type).colour, "stroke-width": 1 + Math.log2(link.events) * 1.5,
      class: "link", "marker-end": "url(#arrow)", tabindex: 0,
    }, s("title", {}, `${link.from.name} → ${link.to.name}: ${link.events} ${link.type}`));
    line.addEventListener("click", () => go("timeline", { actor: link.from.name, type: link.type }));
    svg.append(line);
  }
  for (const item of list) {
    const group = s("g", { class: "node", transform: `translate(${item.x},${item.y})`, tabindex: 0 },
      s("circle", { r: 4 + Math.min(12, Math.sqrt(item.weight) * 2) }),
      item.x > WIDTH / 2 ? s("text", { x: -8, y: 4, "text-anchor": "end" }, item.name) : s("text", { x: 8, y: 4 }, item.name),
      s("title", {}, `${item.name}${item.country ? ` (${item.country})` : ""}: ${item.weight} event link(s)`));
    group.addEventListener("click", () => go("timeline", { actor: item.name }));
    svg.append(group);
  }
  show(view, h("section", { id: "network" },
    h("p", { class: "count" }, `${list.length} actors, ${links.length} links (actor → recipient; width: events; colour: type family). Click a link or an actor to see its events.`),
    h("div", { class: "chart" }, svg)));
}
