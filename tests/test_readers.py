"""Readers: every format, every bad-input code, dates from headers and URLs."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import random
import sys
from pathlib import Path

import pytest

from dateline.document import Article
from dateline.errors import Code, ReadError
from dateline.readers import Skipped, date_from_url, iter_articles, parse_text, read_article


@pytest.fixture(scope="module")
def readers_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "readers"


def articles_of(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def skipped_of(items: list[Article | Skipped]) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


# --- plain text ---------------------------------------------------------------------------


def test_text_with_header(readers_dir: Path) -> None:
    article = read_article(readers_dir / "article_header.txt")
    assert article.site == "Harbour Gazette"
    assert article.title == "Port workers end strike after pay deal"
    assert article.url == "https://news.example.org/business/2024/mar/12/port-workers-end-strike"
    assert article.published == dt.date(2024, 3, 12)
    assert article.published_source == "header"
    assert article.text.startswith("Dock workers in the port city of Ravensmouth")
    assert article.text.endswith("costing them millions.")
    assert article.origin == str(readers_dir / "article_header.txt")


def test_text_without_header_is_all_body(readers_dir: Path) -> None:
    article = read_article(readers_dir / "article_plain.txt")
    raw = (readers_dir / "article_plain.txt").read_text(encoding="utf-8")
    assert article.text == raw.rstrip()
    assert (article.site, article.title, article.url, article.published) == (None,) * 4
    assert article.published_source is None


def test_parse_text_keeps_body_characters_exactly() -> None:
    body = "  First line, indented.\n\n\tSecond  paragraph with  double spaces.\n"
    article = parse_text(f"TITLE: A test\nsite: Somewhere\n\n\n{body}\n\n  ")
    assert article.title == "A test"
    assert article.site == "Somewhere"
    assert article.text == body.rstrip()


def test_parse_text_a_colon_line_is_not_a_header() -> None:
    text = "Kyiv: the city was quiet on Monday.\nShops opened as usual."
    article = parse_text(text)
    assert article.text == text
    assert article.site is None


def test_parse_text_header_ignores_unknown_keys() -> None:
    article = parse_text("Title: Rain\nAuthor: A. Writer\nDate: 2021-06-01\n\nIt rained.")
    assert article.title == "Rain"
    assert article.published == dt.date(2021, 6, 1)
    assert article.text == "It rained."


@pytest.mark.parametrize(
    "value",
    [
        "2025-07-04",
        "4 July 2025",
        "July 4, 2025",
        "Fri 4 Jul 2025 10.00 BST",
        "Friday, July 4th, 2025",
        "2025-07-04T10:00:00+01:00",
        "2025-07-04T23:59:00Z",
        "2025-07-04 08:00:00",
        "Fri, 04 Jul 2025 10:00:00 +0000",
        "04 Jul. 2025",
    ],
)
def test_header_date_formats(value: str) -> None:
    article = parse_text(f"Published: {value}\n\nSomething happened.")
    assert article.published == dt.date(2025, 7, 4)
    assert article.published_source == "header"


@pytest.mark.parametrize("value", ["soon", "04/07/2025", "2025", "31 February 2025"])
def test_unreadable_header_date_falls_back_to_url(value: str) -> None:
    text = f"URL: https://example.org/2024/01/15/story\nPublished: {value}\n\nText."
    article = parse_text(text)
    assert article.published == dt.date(2024, 1, 15)
    assert article.published_source == "url"


def test_parse_text_empty_body_is_e002() -> None:
    with pytest.raises(ReadError) as caught:
        parse_text("Title: Nothing\n\n   \n")
    assert caught.value.code is Code.EMPTY


def test_seed_article(shared_dir: Path) -> None:
    article = read_article(shared_dir / "eval" / "seed" / "article.txt")
    assert article.site == "The Guardian"
    assert article.published == dt.date(2025, 7, 4)
    assert article.published_source == "url"
    assert article.title and article.url and article.text


# --- dates in URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/world/2025/jul/04/leaders-meet", dt.date(2025, 7, 4)),
        ("https://example.com/news/2025/07/04/leaders-meet", dt.date(2025, 7, 4)),
        ("https://example.com/news/2025/7/4/leaders-meet", dt.date(2025, 7, 4)),
        ("https://example.com/2025/September/30/story", dt.date(2025, 9, 30)),
        ("https://example.com/news/leaders-meet-2025-07-04", dt.date(2025, 7, 4)),
        ("https://example.com/news/2025-07-04/leaders-meet", dt.date(2025, 7, 4)),
        ("https://example.com/news/20250704/leaders-meet", dt.date(2025, 7, 4)),
        ("https://example.com/news/story_20250704.html", dt.date(2025, 7, 4)),
        ("https://example.com/news/2025/07/", None),  # no day
        ("https://example.com/news/2025/07/leaders-meet", None),
        ("https://example.com/news/world-europe-61234567", None),  # an article id
        ("https://example.com/article/12345678", None),  # 8 digits, not a date
        ("https://example.com/article/202507041", None),  # 9 digits
        ("https://example.com/2025/13/40/story", None),  # out of range
        ("https://example.com/2025/02/30/story", None),  # no such day
        ("https://example.com/1492/10/12/story", None),  # not a plausible year
        ("https://example.com/story?date=2025-07-04", None),  # query, not path
        ("not a url", None),
        ("", None),
    ],
)
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


# --- HTML -----------------------------------------------------------------------------------


def test_html_page(readers_dir: Path) -> None:
    article = read_article(readers_dir / "page.html")
    assert article.title == "Ministers agree on new rail link"
    assert article.site == "Northern Courier"
    assert article.url == (
        "https://courier.example.com/politics/2023/10/05/ministers-agree-rail-link"
    )
    # the page's own metadata wins over the URL
    assert article.published == dt.date(2023, 10, 4)
    assert article.published_source == "html"
    assert article.text.startswith("Transport ministers from two neighbouring countries")
    assert "\n\nThe line, which is expected" in article.text
    assert "Privacy policy" not in article.text
    assert "Home" not in article.text


def test_html_date_falls_back_to_url(readers_dir: Path) -> None:
    article = read_article(readers_dir / "page_urldate.html")
    assert article.published == dt.date(2022, 11, 18)
    assert article.published_source == "url"
    assert article.site == "townnews.example"


def test_html_declared_encoding(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9 owners protest</title></head>'
        "<body><article><p>Caf\xe9 owners in the old town protested on Monday against a new "
        "tax on terraces, the organisers said.</p></article></body></html>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    article = read_article(path)
    assert "Café owners in the old town" in article.text


def test_html_with_undecodable_bytes_is_e004(tmp_path: Path) -> None:
    noise = random.Random(7)
    path = tmp_path / "noise.html"
    path.write_bytes(
        b"<html><body><p>" + bytes(noise.randrange(1, 256) for _ in range(300)) + b"</p></body>"
    )
    with pytest.raises(ReadError) as caught:
        read_article(path)
    assert caught.value.code is Code.UNDECODABLE


def test_html_without_text_is_e006(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>x</title></head><body><div></div></body>", "utf-8")
    with pytest.raises(ReadError) as caught:
        read_article(path)
    assert caught.value.code is Code.BAD_HTML


# --- JSON lines -----------------------------------------------------------------------------


def test_jsonl_bad_lines_are_skipped_and_the_rest_read(readers_dir: Path) -> None:
    path = readers_dir / "articles.jsonl"
    items = list(iter_articles([path]))
    articles = articles_of(items)
    assert [a.title for a in articles] == [
        "Leaders meet for summit talks",
        "Ceasefire holds for a third day",
        "Drought hits harvest",
    ]
    first, second, third = articles
    assert (first.site, first.published, first.published_source) == (
        "Example Wire",
        dt.date(2024, 2, 20),
        "url",
    )
    assert (second.site, second.published, second.published_source) == (
        "wire.example.net",
        dt.date(2024, 2, 21),
        "jsonl",
    )
    assert third.published == dt.date(2024, 2, 22)
    assert first.origin == f"{path}:1"
    assert third.origin == f"{path}:7"
    skipped = skipped_of(items)
    assert [(s.origin, s.code) for s in skipped] == [
        (f"{path}:3", Code.BAD_JSON),
        (f"{path}:4", Code.BAD_JSON),
        (f"{path}:5", Code.BAD_JSON),
    ]


def test_jsonl_gz(tmp_path: Path) -> None:
    lines = [
        {"content": "Talks resumed in the capital on Friday.", "url": "https://a.example/x"},
        {"text": "   "},
    ]
    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(json.dumps(line) for line in lines) + "\n")
    items = list(iter_articles([path]))
    assert isinstance(items[0], Article)
    assert items[0].text == "Talks resumed in the capital on Friday."
    assert isinstance(items[1], Skipped)
    assert items[1].code is Code.EMPTY


def test_jsonl_line_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    small = json.dumps({"text": "A short report."})
    big = json.dumps({"text": "word " * 200})
    path.write_text(f"{big}\n{small}\n", "utf-8")
    items = list(iter_articles([path], max_bytes=200))
    assert isinstance(items[0], Skipped)
    assert items[0].code is Code.TOO_LARGE
    assert isinstance(items[1], Article)


# --- feeds ----------------------------------------------------------------------------------


def test_rss_feed(readers_dir: Path) -> None:
    path = readers_dir / "feed.rss"
    items = list(iter_articles([path]))
    first, second = articles_of(items)
    assert first.site == second.site == "Valley Times"
    assert first.title == "Bridge reopens after repairs"
    assert first.url == "https://valleytimes.example/news/bridge-reopens"
    assert first.text == (
        "The old stone bridge over the river reopened to traffic on Monday after eight months "
        "of repairs, the county said.\n\nEngineers had found cracks in two of its arches last "
        "spring."
    )
    assert (first.published, first.published_source) == (dt.date(2024, 1, 8), "feed")
    assert "<p>" not in second.text
    assert (second.published, second.published_source) == (dt.date(2024, 1, 9), "url")
    assert first.origin == f"{path}#1"
    assert [(s.origin, s.code) for s in skipped_of(items)] == [(f"{path}#3", Code.EMPTY)]


def test_atom_feed(readers_dir: Path) -> None:
    items = list(iter_articles([readers_dir / "feed.atom"]))
    storm, ferry = articles_of(items)
    assert storm.site == "Coast Observer"
    assert storm.published == dt.date(2024, 5, 2)  # published, not updated
    assert storm.text == (
        "A storm damaged the harbour wall overnight, forcing fishing boats to stay in port."
        "\n\nThe coastguard said nobody was hurt."
    )
    assert ferry.text == "The island ferry will run twice a day from June, the operator announced."
    assert ferry.published == dt.date(2024, 5, 3)


def test_feed_that_is_not_a_feed_is_e008(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("just some words, no markup at all\n", "utf-8")
    [item] = list(iter_articles([path]))
    assert isinstance(item, Skipped)
    assert item.code is Code.BAD_FEED


def test_truncated_feed_keeps_entries_then_e008(tmp_path: Path, readers_dir: Path) -> None:
    whole = (readers_dir / "feed.rss").read_text("utf-8")
    path = tmp_path / "cut.rss"
    path.write_text(whole[: whole.index("<title>School wins")], "utf-8")
    items = list(iter_articles([path]))
    assert [a.title for a in articles_of(items)] == ["Bridge reopens after repairs"]
    assert isinstance(items[-1], Skipped)
    assert items[-1].code is Code.BAD_FEED


# --- WARC -----------------------------------------------------------------------------------

PAGE = (
    "<html><head><title>{title}</title>{meta}</head><body><nav>Home | World | Sport</nav>"
    "<article><h1>{title}</h1><p>{body}</p><p>Officials are expected to give more details "
    "later this week, according to a statement.</p></article></body></html>"
)


def write_warc(path: Path, gzip_records: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> object:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        return writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-06-30T12:00:00Z"},
        )

    pages = [
        (
            "https://paper.example/world/2024/jun/28/border-talks",
            PAGE.format(
                title="Border talks resume",
                meta='<meta property="article:published_time" content="2024-06-27T20:00:00Z">',
                body="Negotiators from the two countries resumed border talks on Thursday.",
            ),
        ),
        (
            "https://paper.example/world/2024/06/29/river-rescue",
            PAGE.format(
                title="River rescue",
                meta="",
                body="Firefighters rescued two fishermen from the swollen river on Saturday.",
            ),
        ),
        (
            "https://paper.example/world/market-fire",
            PAGE.format(
                title="Market fire",
                meta="",
                body="A fire destroyed dozens of stalls at the central market on Sunday night.",
            ),
        ),
    ]
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, html in pages[:2]:
            writer.write_record(response(uri, html.encode(), "text/html; charset=utf-8"))
        # not articles: an image, a redirect, a request
        writer.write_record(
            response(
                "https://paper.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"
            )
        )
        writer.write_record(
            response("https://paper.example/old", b"", "text/html", "301 Moved Permanently")
        )
        uri, html = pages[2]
        writer.write_record(response(uri, html.encode(), "text/html"))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip_records=name.endswith(".gz"))
    items = list(iter_articles([path]))
    assert all(isinstance(item, Article) for item in items), items
    talks, rescue, fire = articles_of(items)
    assert talks.url == "https://paper.example/world/2024/jun/28/border-talks"
    assert talks.title == "Border talks resume"
    assert talks.text.startswith("Negotiators from the two countries")
    assert (talks.published, talks.published_source) == (dt.date(2024, 6, 27), "html")
    assert (rescue.published, rescue.published_source) == (dt.date(2024, 6, 29), "url")
    assert (fire.published, fire.published_source) == (dt.date(2024, 6, 30), "warc")
    assert talks.origin is not None and talks.origin.startswith(f"{path}#")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path, name: str) -> None:
    whole = tmp_path / name
    write_warc(whole, gzip_records=name.endswith(".gz"))
    data = whole.read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[: len(data) - 120])
    items = list(iter_articles([cut]))
    assert [a.title for a in articles_of(items)] == ["Border talks resume", "River rescue"]
    assert isinstance(items[-1], Skipped)
    assert items[-1].code is Code.BAD_WARC
    assert len(skipped_of(items)) == 1


def test_warc_that_is_not_a_warc_is_e009(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n", "utf-8")
    [item] = list(iter_articles([path]))
    assert isinstance(item, Skipped)
    assert item.code is Code.BAD_WARC


# --- bad inputs -----------------------------------------------------------------------------


def read_error_code(path: Path, **kwargs: int) -> Code:
    with pytest.raises(ReadError) as caught:
        read_article(path, **kwargs)
    [item] = list(iter_articles([path], **kwargs))
    assert isinstance(item, Skipped)
    assert item.code is caught.value.code
    assert item.reason
    return caught.value.code


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", Code.EMPTY),
        ("blank.txt", b"  \n\t\n   \n", Code.EMPTY),
        ("header-only.txt", b"Title: Nothing here\n\n", Code.EMPTY),
        ("nul.txt", b"Some text\x00\x01\x02 with NUL bytes", Code.BINARY),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10, Code.BINARY),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", Code.BINARY),
        (
            "bad-utf16.txt",
            codecs.BOM_UTF16_LE + "Talks resumed.".encode("utf-16-le")[:-1] + b"\x00\xd8",
            Code.UNDECODABLE,
        ),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(32), Code.UNKNOWN_FORMAT),
        ("noext", b"\x7fELF\x02\x01\x01" + bytes(32), Code.BINARY),
    ],
)
def test_bad_input_codes(tmp_path: Path, name: str, content: bytes, code: Code) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert read_error_code(path) is code


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("latin1.txt", "Caf\xe9 owners protested.".encode("latin-1")),
        ("cp1252.txt", "Caf\xe9 owners protested \u2013 loudly.".encode("cp1252")),
        ("utf16.txt", "Caf\xe9 owners protested.".encode("utf-16")),
    ],
)
def test_legacy_encodings_and_utf16_are_decoded(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert read_article(path).text.startswith("Caf\xe9 owners protested")


def test_missing_path_is_e001(tmp_path: Path) -> None:
    assert read_error_code(tmp_path / "nowhere.txt") is Code.NOT_FOUND


def test_glob_without_matches_is_e001(tmp_path: Path) -> None:
    [item] = list(iter_articles([str(tmp_path / "*.txt")]))
    assert isinstance(item, Skipped)
    assert item.code is Code.NOT_FOUND


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # a sparse 50 MB file: nothing is written but the size
        stream.truncate(50_000_001)
    assert read_error_code(path) is Code.TOO_LARGE
    small = tmp_path / "small.txt"
    small.write_text("A report of exactly enough words to pass a tiny limit.", "utf-8")
    assert read_error_code(small, max_bytes=10) is Code.TOO_LARGE


def test_read_article_refuses_many_article_files(readers_dir: Path) -> None:
    assert read_error_code_many(readers_dir / "articles.jsonl") is Code.UNKNOWN_FORMAT


def read_error_code_many(path: Path) -> Code:
    with pytest.raises(ReadError) as caught:
        read_article(path)
    return caught.value.code


# --- batches, dispatch, ids -----------------------------------------------------------------


def test_batch_goes_on_after_bad_items(tmp_path: Path, readers_dir: Path) -> None:
    (tmp_path / "a.txt").write_text("The first report.", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_text("The last report.", "utf-8")
    sources = [
        tmp_path / "a.txt",
        tmp_path / "missing.txt",
        tmp_path / "b.txt",
        tmp_path / "c.txt",
        readers_dir / "articles.jsonl",
        tmp_path / "d.txt",
    ]
    items = list(iter_articles(sources))
    assert isinstance(items[0], Article) and items[0].text == "The first report."
    assert isinstance(items[-1], Article) and items[-1].text == "The last report."
    codes = [item.code for item in skipped_of(items)]
    assert codes[:3] == [Code.NOT_FOUND, Code.BINARY, Code.EMPTY]
    assert len(articles_of(items)) == 5


def test_directory_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story.", "utf-8")
    (tmp_path / "a.txt").write_text("First story.", "utf-8")
    (tmp_path / ".secret.txt").write_text("Hidden story.", "utf-8")
    (tmp_path / ".hidden" / "three.txt").write_text("Hidden too.", "utf-8")
    (tmp_path / "notes.json").write_text('{"not": "an article"}', "utf-8")
    (tmp_path / "c").write_text("No extension story.", "utf-8")
    texts = [a.text for a in articles_of(list(iter_articles([tmp_path])))]
    assert texts == ["First story.", "Second story.", "No extension story."]


def test_glob_source(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Story {name}.", "utf-8")
    texts = [a.text for a in articles_of(list(iter_articles([str(tmp_path / "x*.txt")])))]
    assert texts == ["Story x1.txt.", "Story x2.txt."]


def test_sniffing_unknown_extension(tmp_path: Path, readers_dir: Path) -> None:
    page = tmp_path / "page.download"
    page.write_bytes((readers_dir / "page.html").read_bytes())
    feed = tmp_path / "feed"
    feed.write_bytes((readers_dir / "feed.atom").read_bytes())
    note = tmp_path / "note.md"
    note.write_text("A short note about the harvest.", "utf-8")
    items = articles_of(list(iter_articles([page, feed, note])))
    assert [a.title for a in items] == [
        "Ministers agree on new rail link",
        "Storm damages harbour wall",
        "Ferry timetable changes",
        None,
    ]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Title: From a pipe\nDate: 3 March 2024\n\nA report read from standard input."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    [article] = list(iter_articles(["-"]))
    assert isinstance(article, Article)
    assert article.title == "From a pipe"
    assert article.published == dt.date(2024, 3, 3)
    assert article.text == "A report read from standard input."


def test_same_article_read_twice_has_the_same_id(tmp_path: Path, readers_dir: Path) -> None:
    path = readers_dir / "article_header.txt"
    assert read_article(path).id == read_article(path).id
    plain = readers_dir / "article_plain.txt"
    first, second = articles_of(list(iter_articles([plain, plain])))
    assert first.id == second.id
    # the same story without a URL hashes alike from another format
    line = json.dumps({"text": plain.read_text("utf-8")})
    (tmp_path / "one.jsonl").write_text(line + "\n", "utf-8")
    [from_jsonl] = articles_of(list(iter_articles([tmp_path / "one.jsonl"])))
    assert from_jsonl.id == first.id


def test_crlf_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Title: Windows file\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
    article = read_article(path)
    assert article.title == "Windows file"
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_warc_limit_applies_per_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    items = list(iter_articles([path], max_bytes=300))
    assert [item.code for item in skipped_of(items)] == [Code.TOO_LARGE] * 3
    assert not articles_of(items)
