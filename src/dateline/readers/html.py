"""HTML pages: main text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..document import Article
from ..errors import Code, ReadError
from .base import Skipped, check_binary, normalise_newlines, read_limited
from .dates import date_from_url, parse_date

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "table", "tr", "pre", "figcaption", "dd", "dt",
)  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` tag or XML prolog, if Python knows it."""
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "replace")
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def decode_html(data: bytes, origin: str, declared: str | None = None) -> str:
    """``data`` decoded as UTF-8, else the declared encoding (HTTP header or ``<meta>``), else
    the encoding charset-normalizer guesses. Raises ReadError E004 when none fits."""
    candidates = ["utf-8-sig"]
    for name in (declared, declared_charset(data)):
        if name:
            try:
                candidates.append(codecs.lookup(name).name)
            except LookupError:
                continue
    for encoding in candidates:
        try:
            return normalise_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return normalise_newlines(str(best))
    raise ReadError(
        Code.UNDECODABLE,
        f"{origin} is not valid UTF-8 and declares no encoding that decodes it "
        f"(tried {', '.join(candidates)}); add a <meta charset> or convert it to UTF-8",
        origin,
    )


def _site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def find_page_date(html: str) -> str | None:
    """The publication date in the page's markup (meta tags, JSON-LD, ``<time>``), or None.

    The URL is left out on purpose: the caller falls back to it and labels the source "url".
    """
    from htmldate import find_date

    try:
        return find_date(html, url="", extensive_search=False, original_date=True)
    except ValueError:  # htmldate raises on markup it cannot parse at all
        return None


def article_from_html(html: str, origin: str, url: str | None = None) -> Article:
    """An article from a page's markup: main text, title, site, URL and publication date.

    ``url`` (from a WARC record, say) wins over the page's canonical or ``og:url``; the date
    comes from the page's metadata ("html"), else from the URL ("url"). Paragraphs of the main
    text are separated by blank lines, as in the plain-text format. Raises ReadError E006 when
    no main text can be extracted.
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    raw = getattr(extracted, "text", None) if extracted is not None else None
    paragraphs = [line.strip() for line in (raw or "").split("\n") if line.strip()]
    title = (getattr(extracted, "title", None) or "").strip() or None
    if paragraphs and title and paragraphs[0] == title and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]  # the headline repeated as the first line of the body
    if not paragraphs:
        raise ReadError(
            Code.BAD_HTML,
            f"{origin}: no main text could be extracted from the HTML (empty, malformed, or not "
            "an article page)",
            origin,
        )
    page_url = url or getattr(extracted, "url", None) or None
    published = parse_date(find_page_date(html) or "")
    source: str | None = "html" if published else None
    if published is None and page_url:
        published = date_from_url(page_url)
        source = "url" if published else None
    return Article(
        text="\n\n".join(paragraphs),
        url=page_url,
        site=(getattr(extracted, "sitename", None) or "").strip() or _site_from_url(page_url),
        title=title,
        published=published,
        published_source=source,
        origin=origin,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): blocks become paragraphs."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in list(root.iter(*_BLOCK_TAGS)):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_html_bytes(data: bytes, origin: str, declared: str | None = None) -> Article:
    check_binary(data, origin)
    return article_from_html(decode_html(data, origin, declared), origin)


def load_html_file(path: Path, max_bytes: int) -> Article:
    return read_html_bytes(read_limited(path, max_bytes), str(path))


def read_html_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    yield load_html_file(path, max_bytes)
