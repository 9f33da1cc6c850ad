"""Docs that run and docs that are complete: every example program in docs/examples runs, and
docs/usage.md mentions every command, every option of each command and every setting."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

import pytest
import typer

from dateline.cli import app
from dateline.settings import SETTINGS, Setting

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLES = sorted((DOCS / "examples").glob("*.py"))


def _commands() -> dict[str, Any]:
    """The app's commands by name (typer ships its own copy of click, so no isinstance)."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _sections(text: str) -> dict[str, str]:
    """The usage page's ``### `dateline NAME` ...`` sections by command name."""
    parts = re.split(r"^### `dateline ([a-z-]+)`.*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_there_are_examples() -> None:
    assert {p.name for p in EXAMPLES} >= {"extract_one.py", "ingest_and_query.py"}


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip(), f"{path.name} printed nothing"


def test_every_command_has_a_section() -> None:
    sections = _sections((DOCS / "usage.md").read_text(encoding="utf-8"))
    assert set(_commands()) == set(sections), "commands and usage.md sections differ"
    for name, section in sections.items():
        assert f"dateline {name}" in section.replace("```", ""), f"{name} has no example"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_is_documented(command: str) -> None:
    section = _sections((DOCS / "usage.md").read_text(encoding="utf-8")).get(command, "")
    options = [
        param.opts[0]
        for param in _commands()[command].params
        if param.param_type_name == "option" and param.opts[0] != "--help"
    ]
    missing = [option for option in options if option not in section]
    assert not missing, f"docs/usage.md does not mention {missing} for dateline {command}"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_with_its_default(setting: Setting) -> None:
    usage = (DOCS / "usage.md").read_text(encoding="utf-8")
    rows = [line for line in usage.splitlines() if line.startswith(f"| `{setting.name}` |")]
    assert rows, f"docs/usage.md has no row for the setting {setting.name}"
    default = rows[0].split("|")[2].strip().strip("`")
    assert default == str(setting.default), (setting.name, default)


def test_accuracy_page_lists_every_gated_command() -> None:
    floors = Path(__file__).resolve().parent / "quality_floors.tsv"
    accuracy = (DOCS / "accuracy.md").read_text(encoding="utf-8")
    rows = [
        line.split("\t")
        for line in floors.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    for run, item, metric, _floor, _lowered, command in rows:
        assert command in accuracy, f"docs/accuracy.md lacks the command of {run}"
        assert f"`{metric}`" in accuracy, f"docs/accuracy.md lacks {run} {item} {metric}"
