// Quotes: search by speaker or words; each quote links to its place in the article.
import { getJson } from "./api.js";
import { h, show } from "./dom.js";

function quoteRow(quote) {
  return h("li", { class: "quote-row" },
    h("blockquote", {}, quote.text || ""),
    h("p", { class: "source" },
      h("strong", {}, quote.speaker || quote.speaker_text || "unknown speaker"),
      ` · ${quote.kind || ""} · ${quote.site || ""} ${quote.published || ""} · `,
      h("a", { href: `#/article/${encodeURIComponent(quote.article_id)}?quote=${encodeURIComponent(quote.id)}`, class: "open-article" }, "in the article")));
}

export async function renderQuotes(view) {
  const speaker = h("input", { id: "quote-speaker", type: "search", placeholder: "speaker" });
  const words = h("input", { id: "quote-text", type: "search", placeholder: "words" });
  const list = h("ol", { id: "quotes", class: "quotes" });
  const count = h("p", { class: "count" });
  const search = async (event) => {
    if (event) event.preventDefault();
    const page = await getJson("/api/quotes", { speaker: speaker.value.trim(), text: words.value.trim(), limit: 200 });
    count.textContent = `${page.items.length} of ${page.total} quotes`;
    list.replaceChildren(...page.items.map(quoteRow));
  };
  const form = h("form", { id: "quote-search", class: "filters", onsubmit: search },
    h("label", {}, "Speaker ", speaker), h("label", {}, "Words ", words), h("button", { type: "submit" }, "Search"));
  show(view, h("section", { id: "quotes-view" }, form, count, list));
  await search();
}
