// Article view: the text with every actor mention, event trigger, date, place, figure and quote
// highlighted. Spans may overlap, so the text is cut at every span boundary and each piece
// carries the classes of all spans covering it. Clicking a piece opens what it belongs to.
import { getJson, familyOf } from "./api.js";
import { h, show } from "./dom.js";

function spansOf(view) {
  const spans = [];
  const add = (span, kind, id, label) => {
    if (Array.isArray(span) && span.length === 2 && span[0] !== null && span[1] > span[0]) {
      spans.push({ start: span[0], end: span[1], kind, id, label });
    }
  };
  for (const actor of view.actors) {
    for (const mention of actor.mentions || []) add(mention, "actor", actor.id, actor.name);
  }
  for (const event of view.events) {
    add(event.evidence && event.evidence.trigger, "trigger", event.id, event.type);
    add(event.date && event.date.span, "date", event.id, event.date && event.date.value);
    add(event.place && event.place.span, "place", event.id, event.place && event.place.name);
    for (const quantity of event.quantities || []) add(quantity.span, "figure", event.id, `${quantity.value} ${quantity.kind || quantity.unit || ""}`);
  }
  for (const date of view.dates) add(date.span, "date", null, date.value);
  for (const place of view.places) add(place.span, "place", null, place.name);
  for (const quote of view.quotes) add(quote.span, "quote", quote.id, quote.speaker_text);
  return spans;
}

function pieces(text, spans, sentence) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(Math.min(span.start, text.length));
    cuts.add(Math.min(span.end, text.length));
  }
  if (sentence) {
    cuts.add(sentence[0]);
    cuts.add(sentence[1]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    const inSentence = sentence && sentence[0] <= start && sentence[1] >= end;
    out.push({ start, end, covering, inSentence });
  }
  return out;
}

function eventCard(event, view) {
  const actorName = new Map(view.actors.map((actor) => [actor.id, actor.name]));
  const names = (ids) => (ids || []).map((id) => actorName.get(id) || id).join(", ") || "—";
  const family = familyOf(event.type);
  return h("article", { id: "event-card", class: "card", "data-event": event.id },
    h("h3", {}, h("span", { class: "type", "data-family": family.name }, event.type), ` ${names(event.actor)} → ${names(event.recipient)}`),
    h("dl", {},
      h("dt", {}, "When"), h("dd", {}, (event.date && event.date.value) || "not said"),
      h("dt", {}, "Where"), h("dd", {}, (event.place && event.place.name) || "not said"),
      h("dt", {}, "Modality"), h("dd", {}, event.modality || ""),
      h("dt", {}, "Reported by"), h("dd", {}, event.reported_by ? actorName.get(event.reported_by) || event.reported_by : "the article"),
      h("dt", {}, "Figures"), h("dd", {}, (event.quantities || []).map((q) => `${q.qualifier ? q.qualifier + " " : ""}${q.value} ${q.kind || q.unit || ""}`).join("; ") || "none"),
      h("dt", {}, "Confidence"), h("dd", {}, event.confidence === null || event.confidence === undefined ? "" : Number(event.confidence).toFixed(2)),
      h("dt", {}, "CAMEO"), h("dd", {}, event.cameo || "")));
}

export async function renderArticle(view, articleId, eventId, quoteId) {
  let selected = null;
  if (!articleId && eventId) {
    const detail = await getJson(`/api/events/${encodeURIComponent(eventId)}`);
    articleId = detail.event.article_id;
  }
  const data = await getJson(`/api/articles/${encodeURIComponent(articleId)}`);
  const article = data.article;
  selected = data.events.find((event) => event.id === eventId) || null;
  const spans = spansOf(data);
  const body = h("div", { id: "article-text", class: "article-text" });
  const side = h("aside", { id: "article-side" });

  const draw = () => {
    const sentence = selected && selected.evidence ? selected.evidence.sentence : null;
    body.replaceChildren();
    for (const piece of pieces(article.text, spans, sentence)) {
      const words = article.text.slice(piece.start, piece.end);
      if (!piece.covering.length && !piece.inSentence) {
        body.append(document.createTextNode(words));
        continue;
      }
      const kinds = new Set(piece.covering.map((span) => span.kind));
      const classes = [...kinds].map((kind) => `m-${kind}`);
      if (piece.inSentence) classes.push("m-sentence");
      const trigger = piece.covering.find((span) => span.kind === "trigger");
      const quote = piece.covering.find((span) => span.kind === "quote");
      const actor = piece.covering.find((span) => span.kind === "actor");
      if (selected && piece.covering.some((span) => span.id === selected.id && span.kind === "trigger")) classes.push("selected");
      if (quoteId && quote && quote.id === quoteId) classes.push("selected-quote");
      const title = piece.covering.map((span) => `${span.kind}${span.label ? ": " + span.label : ""}`).join("\n");
      const mark = h("span", {
        class: classes.join(" "), title,
        "data-event": trigger ? trigger.id : null, "data-actor": actor ? actor.id : null, "data-quote": quote ? quote.id : null,
      }, words);
      if (trigger) {
        mark.tabIndex = 0;
        mark.addEventListener("click", () => select(data.events.find((event) => event.id === trigger.id)));
      }
      body.append(mark);
    }
    side.replaceChildren(
      selected ? eventCard(selected, data) : h("p", { class: "hint" }, "Click a highlighted event word, or an event below, to see its record."),
      h("h3", {}, `Events in this article (${data.events.length})`),
      h("ol", { class: "article-events" }, data.events.map((event) =>
        h("li", {}, h("a", { href: `#/event/${encodeURIComponent(event.id)}`, class: event === selected ? "current" : "" },
          h("span", { class: "type", "data-family": familyOf(event.type).name }, event.type), " ",
          (event.evidence && event.evidence.trigger ? article.text.slice(...event.evidence.trigger) : ""))))),
      h("h3", {}, `Quotes (${data.quotes.length})`),
      h("ol", { class: "article-quotes" }, data.quotes.map((quote) => h("li", {}, `${quote.speaker_text || "?"}: “${quote.text || ""}”`))),
    );
  };
  const select = (event) => {
    if (!event) return;
    history.replaceState(null, "", `#/event/${encodeURIComponent(event.id)}`);
    selected = event;
    draw();
  };
  draw();
  const legend = h("p", { class: "legend-line" },
    h("span", { class: "m-actor" }, "actor"), " ", h("span", { class: "m-trigger" }, "event"), " ",
    h("span", { class: "m-date" }, "date"), " ", h("span", { class: "m-place" }, "place"), " ",
    h("span", { class: "m-quote" }, "quote"), " ", h("span", { class: "m-sentence" }, "evidence sentence"));
  show(view, h("section", { id: "article" },
    h("header", { class: "article-head" },
      h("h2", { id: "article-title" }, article.title || "(no title)"),
      h("p", { class: "source" }, `${article.site || ""} · ${article.published || "undated"} · `,
        article.url && /^https?:\/\//i.test(article.url) ? h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url) : article.url || ""),
      legend),
    h("div", { class: "article-body" }, body, side)));
  const current = body.querySelector(".selected, .selected-quote");
  if (current) current.scrollIntoView({ block: "center" });
}
