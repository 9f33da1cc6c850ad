"""The JSON API (`dateline serve`): FastAPI's test client against a real DuckDB file (and a
PostgreSQL schema when DATELINE_TEST_POSTGRES is set), one error envelope, the token and the
size limit on writes, and an OpenAPI description with every field described."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's test client warns about its httpx transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.errors import DatelineError
from helpers_api import build_store, hostile_record
from helpers_store import FakePipeline

POSTGRES = os.environ.get("DATELINE_TEST_POSTGRES")
TOKEN = "test-token-5d1f"


@pytest.fixture(scope="module")
def postgres_db() -> Iterator[str]:
    if not POSTGRES:
        pytest.skip("DATELINE_TEST_POSTGRES is not set (run .ci/postgres.sh)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in POSTGRES else "?"
    yield f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store for all the read tests (they do not write)."""
    target = (
        str(tmp_path_factory.mktemp("api") / "api.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_db")
    )
    return build_store(target)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token="")) as opened:
        yield opened


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(str(tmp_path / "w.duckdb"), pipeline=FakePipeline(), token=TOKEN)
    with TestClient(app) as opened:
        yield opened


def _error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    return str(body["error"]["message"])


# --- reads -----------------------------------------------------------------------------------


def test_events_page_with_total_and_next_offset(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3}).json()
    assert first["total"] == 8 and len(first["items"]) == 3 and first["next_offset"] == 3
    rest = client.get("/api/events", params={"limit": 10, "offset": 3}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 5
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert len(set(ids)) == 8
    days = [e["day"] for e in first["items"] + rest["items"]]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "assault"}, 3),
        ({"actor": "russia"}, 4),
        ({"actor": "KEN"}, 3),
        ({"country": "PER"}, 1),
        ({"mode": "visit"}, 3),
        ({"since": "2025-05-01", "until": "2025-05-01"}, 3),
        ({"place": "kupiansk"}, 3),
        ({"text": "grain"}, 0),
        ({"text": "talks number 1"}, 1),
        ({"modality": "asserted"}, 8),
        ({"modality": "denied"}, 0),
        ({"min_confidence": 0.9}, 0),
        ({"min_confidence": 0.8}, 8),
    ],
)
def test_every_filter_of_the_events_command(
    client: TestClient, params: dict[str, Any], expected: int
) -> None:
    page = client.get("/api/events", params=params).json()
    assert page["total"] == expected, page
    assert len(page["items"]) == expected


def test_every_event_says_where_its_date_came_from(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "date_source" in spec["components"]["schemas"]["Event"]["properties"]
    items = client.get("/api/events", params={"limit": 10}).json()["items"]
    assert {e["date_source"] for e in items} <= {"text", "context", "publication", None}
    assert any(e["date_source"] == "text" for e in items), items


def test_sorting_by_a_key_both_ways(client: TestClient) -> None:
    down = client.get("/api/events", params={"sort": "type", "order": "desc"}).json()["items"]
    types = [e["type"] for e in down]
    assert types == sorted(types, reverse=True)


def test_event_comes_with_its_evidence_and_article(client: TestClient) -> None:
    event = client.get("/api/events", params={"type": "ACCUSE"}).json()["items"][0]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["event"]["trigger"] == "accused"
    text = detail["article"]["article"]["text"]
    assert text[detail["event"]["trigger_start"] : detail["event"]["trigger_end"]] == "accused"
    assert event["id"] in {e["id"] for e in detail["article"]["events"]}


def test_article_has_text_and_every_span_with_stored_ids(client: TestClient) -> None:
    event = client.get("/api/events", params={"place": "lima"}).json()["items"][0]
    view = client.get(f"/api/articles/{event['article_id']}").json()
    text = view["article"]["text"]
    assert view["events"][0]["id"] == event["id"]
    assert view["events"][0]["actor"] == [event["actors"][0]["id"]]
    start, end = view["events"][0]["evidence"]["trigger"]
    assert text[start:end] == "met"
    mention = view["actors"][0]["mentions"][0]
    assert text[mention[0] : mention[1]] == "Chile"
    assert view["quotes"][0]["id"].startswith(event["article_id"] + ":")


def test_article_text_is_returned_as_data_not_markup(client: TestClient) -> None:
    event = client.get("/api/events", params={"place": "lima"}).json()["items"][0]
    response = client.get(f"/api/articles/{event['article_id']}")
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" in response.json()["article"]["text"]  # JSON carries it, the page escapes it
    assert hostile_record()["article"]["title"] == response.json()["article"]["title"]


def test_quotes_by_speaker_and_words(client: TestClient) -> None:
    assert client.get("/api/quotes", params={"speaker": "syniehubov"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"text": "deliberate strike"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"text": "no such words"}).json()["total"] == 0
    page = client.get("/api/quotes", params={"limit": 1}).json()
    assert page["total"] == 2 and page["next_offset"] == 1


def test_actors_clusters_network_and_stats(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"country": "FRA"}).json()
    assert actors["items"][0]["name"] == "France" and actors["items"][0]["events"] == 3
    clusters = client.get("/api/clusters").json()
    shelling = [c for c in clusters["items"] if c["type"] == "ASSAULT"][0]
    assert shelling["n_articles"] == 3
    assert {f["value"] for f in shelling["conflicts"]["killed"]} == {12, 15}
    network = client.get("/api/network", params={"type": "ASSAULT"}).json()
    assert network == [
        {
            "source": "Russia",
            "source_country": "RUS",
            "target": "Ukraine",
            "target_country": "UKR",
            "type": "ASSAULT",
            "events": 3,
        }
    ]
    stats = client.get("/api/stats").json()
    assert stats["counts"]["articles"] == 7 and stats["event_types"]["ASSAULT"] == 3
    assert stats["first_day"] == "2025-03-14" and stats["last_day"] == "2025-05-02"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/events/no-such-event", 404, "E071"),
        ("/api/articles/no-such-article", 404, "E071"),
        ("/api/no-such-path", 404, "E071"),
        ("/api/events?since=yesterday", 422, "E070"),
        ("/api/events?limit=0", 422, "E070"),
        ("/api/events?limit=100000", 422, "E070"),
        ("/api/events?sort=colour", 422, "E070"),
        ("/api/events?min_confidence=2", 422, "E070"),
    ],
)
def test_one_error_envelope(client: TestClient, path: str, status: int, code: str) -> None:
    assert _error(client.get(path), status, code)


def test_wrong_method_gets_the_envelope(client: TestClient) -> None:
    _error(client.delete("/api/events"), 405, "E070")


def test_bad_database_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as caught:
        create_app("mysql://somewhere/db")
    assert caught.value.code.value == "E040"


# --- writes -----------------------------------------------------------------------------------

ARTICLE = (
    "Title: Ministers meet\nURL: https://testwire.example/api-post\nPublished: 2025-06-01\n\n"
    "Ministers of Norway and Chile met in Oslo on Monday to discuss fishing rights."
)


def _post(client: TestClient, body: str | bytes, token: str | None = TOKEN, media: str = "") -> Any:
    headers = {"content-type": media or "text/plain; charset=utf-8"}
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    return client.post("/api/articles", content=body, headers=headers)


def test_post_stores_an_article_once(writer: TestClient) -> None:
    first = _post(writer, ARTICLE)
    assert first.status_code == 201, first.text
    result = first.json()
    assert result["stored"] is True and result["events"] == 1
    again = _post(writer, ARTICLE).json()
    assert again == {**result, "stored": False}
    view = writer.get(f"/api/articles/{result['article_id']}").json()
    assert view["article"]["title"] == "Ministers meet"


def test_post_reads_html_with_the_html_reader(writer: TestClient) -> None:
    page = (
        "<html><head><title>Harbour deal</title></head><body><article><h1>Harbour deal</h1>"
        "<p>Officials of Ghana and Togo signed a harbour agreement in Accra on Tuesday, "
        "after two years of talks about fees and shipping lanes along the coast.</p>"
        "<p>Both sides said the deal would cut waiting times for ships and lower costs for "
        "traders who move goods between the two ports every week.</p></article></body></html>"
    )
    response = _post(writer, page, media="text/html")
    assert response.status_code == 201, response.text


def test_post_refused_when_the_server_has_no_token(client: TestClient) -> None:
    assert "DATELINE_TOKEN" in _error(_post(client, ARTICLE), 403, "E073")


@pytest.mark.parametrize("token", [None, "wrong", ""])
def test_post_needs_the_right_token(writer: TestClient, token: str | None) -> None:
    response = _post(writer, ARTICLE, token=token)
    _error(response, 401, "E072")
    assert response.headers["www-authenticate"] == "Bearer"


def test_post_token_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_TOKEN", TOKEN)
    app = create_app(str(tmp_path / "env.duckdb"), pipeline=FakePipeline())
    with TestClient(app) as opened:
        assert _post(opened, ARTICLE).status_code == 201


def test_post_size_limit(tmp_path: Path) -> None:
    app = create_app(
        str(tmp_path / "s.duckdb"), pipeline=FakePipeline(), token=TOKEN, max_body_bytes=200
    )
    with TestClient(app) as opened:
        _error(_post(opened, ARTICLE + " more" * 100), 413, "E005")
        assert _post(opened, ARTICLE).status_code == 201


@pytest.mark.parametrize(
    ("body", "media", "code"),
    [
        ("", "text/plain", "E002"),
        ("   \n\n  ", "text/plain", "E002"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "text/plain", "E003"),
        (b"\xff\xfeT\x00a\x00\x00", "text/plain", "E004"),
        ("<html><body><div></div><script>var a = 1;</script></body></html>", "text/html", "E006"),
        ('{"text": "x"}', "application/json", "E070"),
    ],
)
def test_post_bad_input_gets_the_cli_codes(
    writer: TestClient, body: str | bytes, media: str, code: str
) -> None:
    _error(_post(writer, body, media=media), 400, code)


# --- page, headers, description ----------------------------------------------------------------


def test_page_and_assets_are_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("app.js", "app.css", "world-110m.geojson", "type-families.json"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


def test_page_code_never_parses_html_from_data() -> None:
    web = Path(__file__).resolve().parents[1] / "src" / "dateline" / "web"
    for script in web.glob("*.js"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{script.name} uses {sink}"
    assert "http" not in (web / "index.html").read_text(encoding="utf-8").replace(
        "http://www.w3.org", ""
    ), "index.html loads something from elsewhere"


def _undescribed(schema: dict[str, Any]) -> list[str]:
    missing = []
    for name, component in schema["components"]["schemas"].items():
        if name in ("HTTPValidationError", "ValidationError"):
            continue
        for field_name, field in component.get("properties", {}).items():
            if not field.get("description"):
                missing.append(f"{name}.{field_name}")
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    missing.append(f"{method} {path} {parameter['name']}")
    return missing


def test_openapi_describes_every_field_and_parameter(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/quotes"} <= set(
        schema["paths"]
    )
    assert _undescribed(schema) == []


def test_serve_command_refuses_a_database_it_cannot_open() -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", "mysql://somewhere/db"])
    assert result.exit_code == 2
    assert "Error: [E040]" in result.output


def test_actors_by_words_of_the_name(client: TestClient) -> None:
    page = client.get("/api/actors", params={"name": "chile"}).json()
    assert [row["name"] for row in page["items"]] == ["Chile"]
