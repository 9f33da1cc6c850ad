"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent; tests that need
the spaCy model are marked slow and share one pipeline per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared() -> Path:
    return Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared()
    if not (path / "eval").is_dir():
        pytest.skip(f"../shared/eval is not present at {path}")
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pipeline():
    from dateline.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def knowledge():
    from dateline.knowledge import Knowledge

    return Knowledge.load()


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load_nlp

    return load_nlp()
