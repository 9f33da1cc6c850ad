"""The gold format of GUIDELINES.md: its vocabularies, and reading and checking a gold file.

:func:`load_gold` reads one file and :func:`check_gold` says exactly what is wrong with one that
does not follow the format (a :class:`~dateline.errors.GoldError` naming the item and field).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import GoldError

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
SECTORS = frozenset(
    ["GOV", "MIL", "REB", "OPP", "MED", "BUS", "NGO", "IGO", "JUD", "LEG", "COP", "CVL"]
)
MODALITIES = frozenset({"asserted", "negated", "intended", "hypothetical", "generic"})
QUOTE_KINDS = frozenset({"direct", "partial", "indirect"})
#: How far (km) a system place may lie from the gold coordinates and still be right.
PLACE_KM = 50.0

COLUMNS = [
    "ev_P",
    "ev_R",
    "ev_F1",
    "ev_req",
    "ev_false",
    "ev_dup",
    "mode",
    "mode_len",
    "date",
    "place",
    "q_P",
    "q_R",
    "q_F1",
    "speaker",
    "act_found",
    "act_country",
    "act_sector",
]

_COUNTRY = re.compile(r"^(?:[A-Z]{3})$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check a gold file; raise :class:`~dateline.errors.GoldError` naming the field
    that breaks ``GUIDELINES.md``. ``path`` may be the file or the folder holding gold.json."""
    path = Path(path)
    if path.is_dir():
        path = path / "gold.json"
    if not path.is_file():
        raise GoldError(f"no gold file at {path}; give a gold.json or a folder holding one")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path} is not valid UTF-8 JSON ({error}); fix the file") from error
    check_gold(gold, where=str(path))
    return gold


def check_gold(gold: Any, where: str = "gold") -> None:
    """Check a parsed gold object; raise :class:`GoldError` on the first wrong field."""
    if not isinstance(gold, dict):
        raise GoldError(f"{where}: the gold file must hold one JSON object")
    for key in ("article", "actors", "events", "quotes"):
        if key not in gold:
            raise GoldError(f"{where}: field {key!r} is missing (see GUIDELINES.md, Format)")
    article = gold["article"]
    if not isinstance(article, dict):
        raise GoldError(f"{where}: field 'article' must be an object with 'file' and 'published'")
    if "file" in article and not isinstance(article["file"], str):
        raise GoldError(
            f"{where}: field 'article.file' must be a file name, got {article['file']!r}"
        )
    published = article.get("published")
    if published is not None and not _is_iso_day(published):
        raise GoldError(
            f"{where}: field 'article.published' is {published!r}; write a date as YYYY-MM-DD"
        )
    for key in ("actors", "events", "quotes"):
        if not isinstance(gold[key], list):
            raise GoldError(f"{where}: field {key!r} must be a list")
    for i, actor in enumerate(gold["actors"]):
        _check_actor(actor, f"{where}: actors[{i}]")
    seen: set[str] = set()
    for i, event in enumerate(gold["events"]):
        label = f"{where}: events[{i}]"
        _check_event(event, label)
        if event["id"] in seen:
            raise GoldError(f"{label}: field 'id' {event['id']!r} is used twice; ids must differ")
        seen.add(event["id"])
    seen = set()
    for i, quote in enumerate(gold["quotes"]):
        label = f"{where}: quotes[{i}]"
        _check_quote(quote, label)
        if quote["id"] in seen:
            raise GoldError(f"{label}: field 'id' {quote['id']!r} is used twice; ids must differ")
        seen.add(quote["id"])


def _is_iso_day(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_country(value: Any, label: str, name: str, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise GoldError(
            f"{label}: field {name!r} is {value!r}; use an ISO 3166-1 alpha-3 code or IGO"
            + (" (or null)" if nullable else "")
        )


def _check_sector(value: Any, label: str, name: str) -> None:
    if value is not None and value not in SECTORS:
        raise GoldError(
            f"{label}: field {name!r} is {value!r}; use one of {', '.join(sorted(SECTORS))} or null"
        )


def _check_str_list(value: Any, label: str, name: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{label}: field {name!r} must be a list of strings, got {value!r}")


def _require(item: Any, keys: Iterable[str], label: str) -> None:
    if not isinstance(item, dict):
        raise GoldError(f"{label}: must be a JSON object, got {type(item).__name__}")
    for key in keys:
        if key not in item:
            raise GoldError(f"{label}: field {key!r} is missing (see GUIDELINES.md, Format)")


def _check_actor(actor: Any, label: str) -> None:
    _require(actor, ("name", "country", "sector"), label)
    if not isinstance(actor["name"], str) or not actor["name"].strip():
        raise GoldError(f"{label}: field 'name' must be a non-empty string")
    label = f"{label} ({actor['name']})"
    _check_country(actor["country"], label, "country")
    _check_sector(actor["sector"], label, "sector")
    _check_str_list(actor.get("aliases", []), label, "aliases")
    _check_country(actor.get("patron_country"), label, "patron_country")


def _check_event(event: Any, label: str) -> None:
    _require(event, ("id", "type", "actor", "recipient", "date", "required"), label)
    if not isinstance(event["id"], str) or not event["id"]:
        raise GoldError(f"{label}: field 'id' must be a non-empty string")
    label = f"{label} (id {event['id']})"
    if event["type"] not in PLOVER_TYPES:
        raise GoldError(
            f"{label}: field 'type' is {event['type']!r}; use one of the 16 PLOVER types: "
            + ", ".join(PLOVER_TYPES)
        )
    for key in ("mode", "context", "actor_names", "recipient_names"):
        if key in event and event[key] is not None:
            _check_str_list(event[key], label, key)
    _check_str_list(event["actor"], label, "actor")
    for code in event["actor"]:
        _check_country(code, label, "actor", nullable=False)
    if event["recipient"] is not None:
        _check_str_list(event["recipient"], label, "recipient")
        for code in event["recipient"]:
            _check_country(code, label, "recipient", nullable=False)
    date = event["date"]
    dates = date if isinstance(date, list) else [date]
    if isinstance(date, list) and not date:
        raise GoldError(f"{label}: field 'date' is an empty list; write null or one or two dates")
    for value in dates:
        if value is not None and not (isinstance(value, str) and _DATE.match(value)):
            raise GoldError(
                f"{label}: field 'date' is {date!r}; write YYYY-MM-DD, a list of such dates, or null"
            )
    place = event.get("place")
    if place is not None:
        if not isinstance(place, dict):
            raise GoldError(f"{label}: field 'place' must be null or an object with name/country")
        _check_country(place.get("country"), label, "place.country")
        for key in ("lat", "lon"):
            value = place.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise GoldError(f"{label}: field 'place.{key}' must be a number or null")
    modality = event.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise GoldError(
            f"{label}: field 'modality' is {modality!r}; use one of {', '.join(sorted(MODALITIES))}"
        )
    if not isinstance(event["required"], bool):
        raise GoldError(f"{label}: field 'required' must be true or false")
    if "quantities" in event and not isinstance(event["quantities"], list):
        raise GoldError(f"{label}: field 'quantities' must be a list")
    _check_country(event.get("reported_by"), label, "reported_by")


def _check_quote(quote: Any, label: str) -> None:
    _require(quote, ("id", "kind", "text", "speaker"), label)
    label = f"{label} (id {quote['id']})"
    if quote["kind"] not in QUOTE_KINDS:
        raise GoldError(
            f"{label}: field 'kind' is {quote['kind']!r}; use direct, partial or indirect"
        )
    if not isinstance(quote["text"], str) or not quote["text"].strip():
        raise GoldError(f"{label}: field 'text' must be the quoted words, not empty")
    if quote["speaker"] is not None and not isinstance(quote["speaker"], str):
        raise GoldError(f"{label}: field 'speaker' must be a name or description")
    _check_country(quote.get("speaker_country"), label, "speaker_country")
    _check_sector(quote.get("speaker_sector"), label, "speaker_sector")
    _check_country(quote.get("speaker_patron_country"), label, "speaker_patron_country")
