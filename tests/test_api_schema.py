"""schemathesis against `/openapi.json`: generated requests to every route, bounded in number,
find no server error and no response that breaks the description.

The operations are driven with Hypothesis directly (schemathesis' pytest plugin does not run
under this pytest version)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dateline.api import create_app  # noqa: E402
from dateline.store import open_store  # noqa: E402
from helpers_api import build_store  # noqa: E402
from helpers_store import FakePipeline  # noqa: E402

EXAMPLES_PER_ROUTE = 20


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = build_store(tmp_path_factory.mktemp("schema") / "schema.duckdb")
    # an open store, so the application's start and stop around each request keep it open
    store = open_store(db)
    app = create_app(store, pipeline=FakePipeline(), token="schema-token")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        found[f"{operation.method.upper()} {operation.path}"] = operation
    yield found
    store.close()


ROUTES = [
    "GET /api/events",
    "GET /api/events/{event_id}",
    "GET /api/articles/{article_id}",
    "POST /api/articles",
    "GET /api/quotes",
    "GET /api/actors",
    "GET /api/network",
    "GET /api/clusters",
    "GET /api/stats",
]


def test_every_route_is_fuzzed(operations: dict[str, Any]) -> None:
    assert sorted(operations) == sorted(ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_generated_requests_get_no_server_error(operations: dict[str, Any], route: str) -> None:
    strategy = operations[route].as_strategy()

    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        case = data.draw(strategy)
        case.call_and_validate()

    check()
