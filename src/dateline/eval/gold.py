"""Score dateline's records against gold files written to ``eval/GUIDELINES.md``.

A gold file (``gold.json``) sits beside its article (``article.txt``). :func:`load_gold`
checks it, :func:`score_article` compares one record (the JSON contract of ``DESIGN.md``)
with it, :func:`evaluate` does this for many articles and returns an
:class:`~dateline.eval.report.EvalReport`, and :func:`explain` lists what matched and what
did not, for a developer improving the system.

How each figure is computed
---------------------------
Events
    A system event is *compatible* with a gold event when the types are equal, the system
    actor countries overlap the gold ``actor`` list (an empty gold list means the actor is
    unknown and any actor is accepted), and the system recipient countries overlap the gold
    ``recipient`` list (a ``null`` or empty gold recipient accepts any recipient). A system
    event's countries are those of the record ``actors`` its ``actor`` / ``recipient`` ids
    name; actors without a country add nothing. Gold lists the patron state beside a
    self-proclaimed authority, so the overlap accepts either.

    Gold and system events are then paired one to one by :func:`max_weight_matching`: first as
    many required gold events as possible, then as many gold events in all, then as many
    correct modes, dates and places. ``tp`` is the number of required gold events paired;
    ``false`` the number of system events compatible with no gold event at all. System events
    paired with an optional gold event, and system events left over that are compatible with
    some gold event (a second report of an event already paired: ``dup``), are neither
    rewarded nor punished. Precision = tp / (tp + false); recall = tp / required.

    On the required pairs: *mode* is right when the system mode set equals the gold set
    (*mode_len*: the sets overlap, or both are empty); *date* is right when the system
    ``date.value`` equals the gold date or one of the gold list (``null`` equals ``null``);
    *place* is right when both are ``null``, or both have coordinates and the system place is
    in the gold place's country within 50 km of it, or the names are equal (case, accents and
    punctuation ignored; a gold name "Palace, City" also accepts each comma-separated part).

Quotes
    Texts are cut into word tokens (:func:`~dateline.eval.matching.word_tokens`: lower case,
    accents removed, runs of letters and digits, all punctuation dropped). A system quote is
    compatible with a gold quote when the shared tokens (counted as a multiset) are at least
    half of the gold tokens and at least half of the system tokens. Pairs are one to one,
    most pairs first, then the largest token overlap. P = pairs / system quotes, R = pairs /
    gold quotes. *speaker* is the share of pairs whose speaker is right (:func:`speaker_correct`).

Actors
    A gold actor is *found* when some system actor's name or one of its mention texts matches
    (:func:`~dateline.eval.matching.names_match`) the gold name or one of its aliases
    (pronoun aliases are ignored). The best system actor (a name match before a mention match,
    then the most mentions) is checked: its country is right when it equals the gold country
    or the gold ``patron_country`` (``null`` must be ``null``); its sector is checked only where
    the gold sector is not ``null``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatelineError
from .gold_format import (
    COLUMNS,
    MODALITIES,
    PLACE_KM,
    PLOVER_TYPES,
    QUOTE_KINDS,
    SECTORS,
    check_gold,
    load_gold,
)
from .matching import (
    haversine_km,
    is_pronoun,
    max_weight_matching,
    name_tokens,
    names_match,
    token_overlap,
    word_tokens,
)
from .report import EvalReport, prf, ratio

__all__ = [
    "COLUMNS",
    "MODALITIES",
    "PLACE_KM",
    "PLOVER_TYPES",
    "QUOTE_KINDS",
    "SECTORS",
    "check_gold",
    "evaluate",
    "explain",
    "load_gold",
    "score_article",
]

# --------------------------------------------------------------------------- scoring


@dataclass
class EventPair:
    gold: dict[str, Any]
    system: dict[str, Any]
    mode_exact: bool
    mode_lenient: bool
    date_ok: bool
    place_ok: bool


@dataclass
class QuotePair:
    gold: dict[str, Any]
    system: dict[str, Any]
    speaker_ok: bool


@dataclass
class ActorResult:
    gold: dict[str, Any]
    system: dict[str, Any] | None
    country_ok: bool | None = None
    sector_ok: bool | None = None  # None: not found, or the gold sector is null


@dataclass
class ArticleScore:
    """What one record got right and wrong against one gold file."""

    name: str = ""
    n_required: int = 0
    n_system_events: int = 0
    matched_required: list[EventPair] = field(default_factory=list)
    matched_optional: list[EventPair] = field(default_factory=list)
    missed_required: list[dict[str, Any]] = field(default_factory=list)
    false_events: list[dict[str, Any]] = field(default_factory=list)
    duplicate_events: list[dict[str, Any]] = field(default_factory=list)
    quote_pairs: list[QuotePair] = field(default_factory=list)
    missed_quotes: list[dict[str, Any]] = field(default_factory=list)
    false_quotes: list[dict[str, Any]] = field(default_factory=list)
    n_gold_quotes: int = 0
    n_system_quotes: int = 0
    actors: list[ActorResult] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        """The raw counts behind every figure; sum them over articles for micro averages."""
        pairs = self.matched_required
        found = [a for a in self.actors if a.system is not None]
        return Counter(
            {
                "ev_tp": len(pairs),
                "ev_false": len(self.false_events),
                "ev_dup": len(self.duplicate_events),
                "ev_optional": len(self.matched_optional),
                "ev_required": self.n_required,
                "ev_system": self.n_system_events,
                "mode_ok": sum(p.mode_exact for p in pairs),
                "mode_len_ok": sum(p.mode_lenient for p in pairs),
                "date_ok": sum(p.date_ok for p in pairs),
                "place_ok": sum(p.place_ok for p in pairs),
                "q_tp": len(self.quote_pairs),
                "q_system": self.n_system_quotes,
                "q_gold": self.n_gold_quotes,
                "speaker_ok": sum(p.speaker_ok for p in self.quote_pairs),
                "act_gold": len(self.actors),
                "act_found": len(found),
                "act_country_ok": sum(bool(a.country_ok) for a in found),
                "act_sector_n": sum(a.sector_ok is not None for a in found),
                "act_sector_ok": sum(bool(a.sector_ok) for a in found),
            }
        )

    def metrics(self) -> dict[str, Any]:
        return metrics(self.counts())


def metrics(counts: Mapping[str, int]) -> dict[str, Any]:
    """Every column of the report from raw counts (see the module docstring)."""
    c = Counter(counts)
    ev_p, ev_r, ev_f = prf(c["ev_tp"], c["ev_tp"] + c["ev_false"], c["ev_required"])
    q_p, q_r, q_f = prf(c["q_tp"], c["q_system"], c["q_gold"])
    return {
        "ev_P": ev_p,
        "ev_R": ev_r,
        "ev_F1": ev_f,
        "ev_req": f"{c['ev_tp']}/{c['ev_required']}",
        "ev_false": c["ev_false"],
        "ev_dup": c["ev_dup"],
        "mode": ratio(c["mode_ok"], c["ev_tp"]),
        "mode_len": ratio(c["mode_len_ok"], c["ev_tp"]),
        "date": ratio(c["date_ok"], c["ev_tp"]),
        "place": ratio(c["place_ok"], c["ev_tp"]),
        "q_P": q_p,
        "q_R": q_r,
        "q_F1": q_f,
        "speaker": ratio(c["speaker_ok"], c["q_tp"]),
        "act_found": ratio(c["act_found"], c["act_gold"]),
        "act_country": ratio(c["act_country_ok"], c["act_found"]),
        "act_sector": ratio(c["act_sector_ok"], c["act_sector_n"]),
        "counts": dict(sorted(c.items())),
    }


def _actor_index(record: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in record.get("actors") or [] if isinstance(a, dict) and "id" in a}


def _countries(ids: Iterable[str] | None, index: Mapping[str, dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for actor_id in ids or []:
        actor = index.get(actor_id)
        if actor and actor.get("country"):
            out.add(actor["country"])
    return out


def event_compatible(
    system: Mapping[str, Any], gold: Mapping[str, Any], index: Mapping[str, dict[str, Any]]
) -> bool:
    """Types equal, actor countries overlap, recipient countries overlap (see module doc)."""
    if system.get("type") != gold["type"]:
        return False
    if gold["actor"] and not _countries(system.get("actor"), index) & set(gold["actor"]):
        return False
    return not gold["recipient"] or bool(
        _countries(system.get("recipient"), index) & set(gold["recipient"])
    )


def mode_correct(system: Mapping[str, Any], gold: Mapping[str, Any]) -> tuple[bool, bool]:
    """(exact, lenient): sets equal; sets overlap or both empty."""
    sys_modes = set(system.get("mode") or [])
    gold_modes = set(gold.get("mode") or [])
    return sys_modes == gold_modes, bool(sys_modes & gold_modes) or not (sys_modes or gold_modes)


def date_correct(system_date: Any, gold_date: Any) -> bool:
    """The system ``date.value`` equals the gold date or one of a gold list; null = null."""
    value = system_date.get("value") if isinstance(system_date, dict) else system_date
    if gold_date is None:
        return value is None
    accepted = gold_date if isinstance(gold_date, list) else [gold_date]
    return value in accepted


def place_correct(system_place: Any, gold_place: Any) -> bool:
    """Both null; or same country within :data:`PLACE_KM` km of the gold coordinates; or the
    same name (the gold name or one of its comma-separated parts)."""
    if not system_place and not gold_place:
        return True
    if not system_place or not gold_place:
        return False
    coords = (
        gold_place.get("lat"),
        gold_place.get("lon"),
        system_place.get("lat"),
        system_place.get("lon"),
    )
    if (
        all(isinstance(v, int | float) for v in coords)
        and system_place.get("country") == gold_place.get("country")
        and haversine_km(*coords) <= PLACE_KM  # type: ignore[arg-type]
    ):
        return True
    sys_name = name_tokens(system_place.get("name") or "")
    gold_name = gold_place.get("name") or ""
    candidates = [gold_name, *gold_name.split(",")]
    return bool(sys_name) and any(name_tokens(c) == sys_name for c in candidates)


def _gold_names(name: str | None, gold_actors: Iterable[Mapping[str, Any]]) -> list[str]:
    """The name, plus the name and aliases of every gold actor it names (pronouns left out)."""
    if not name:
        return []
    names = [name]
    key = name_tokens(name)
    for actor in gold_actors:
        own = [actor["name"], *(actor.get("aliases") or [])]
        if any(name_tokens(n) == key for n in own):
            names.extend(own)
    return [n for n in dict.fromkeys(names) if not is_pronoun(n)]


def is_description(speaker: str | None) -> bool:
    """An unnamed gold speaker ("a source", "officials", "the Kremlin"): it starts in lower case."""
    if not speaker:
        return True
    first = next((c for c in speaker if c.isalpha()), "")
    return first.islower()


def speaker_correct(
    system_quote: Mapping[str, Any],
    gold_quote: Mapping[str, Any],
    index: Mapping[str, dict[str, Any]],
    gold_actors: Iterable[Mapping[str, Any]] = (),
) -> bool:
    """Whether the system got the speaker of a matched quote right.

    The system speaker is the record actor its ``speaker`` id names (its canonical ``name``);
    without one, its ``speaker_text``. It is right when that name matches
    (:func:`names_match`) the gold speaker or, through the gold ``actors`` list, the name or an
    alias of the gold actor the speaker names. For an unnamed gold speaker
    (:func:`is_description`) it is also right when the system speaker's country equals the
    gold ``speaker_country`` or ``speaker_patron_country`` (null must be null) and, where the
    gold ``speaker_sector`` is not null, the sectors are equal; a system quote with no speaker
    at all is never right.
    """
    actor = index.get(system_quote.get("speaker") or "")
    sys_name = actor.get("name") if actor else system_quote.get("speaker_text")
    if not sys_name and actor is None:
        return False
    gold_speaker = gold_quote.get("speaker")
    if sys_name and any(names_match(sys_name, g) for g in _gold_names(gold_speaker, gold_actors)):
        return True
    if not is_description(gold_speaker):
        return False
    country = actor.get("country") if actor else None
    sector = actor.get("sector") if actor else None
    accepted = {gold_quote.get("speaker_country"), gold_quote.get("speaker_patron_country")}
    if gold_quote.get("speaker_country") is not None:
        accepted.discard(None)
    if country not in accepted:
        return False
    gold_sector = gold_quote.get("speaker_sector")
    return gold_sector is None or sector == gold_sector


def _score_events(record: Mapping[str, Any], gold: Mapping[str, Any], score: ArticleScore) -> None:
    index = _actor_index(record)
    system = [e for e in record.get("events") or [] if isinstance(e, dict)]
    gold_events = gold["events"]
    score.n_system_events = len(system)
    score.n_required = sum(1 for g in gold_events if g["required"])
    compatible = [[event_compatible(s, g, index) for s in system] for g in gold_events]
    k = min(len(gold_events), len(system)) + 1
    w_any = 4 * k  # more than all attribute points of any matching together
    w_required = w_any * k  # more than all other points together
    weights: list[list[int]] = []
    for gi, g in enumerate(gold_events):
        row = []
        for si, s in enumerate(system):
            if not compatible[gi][si]:
                row.append(0)
                continue
            attrs = (
                mode_correct(s, g)[0]
                + date_correct(s.get("date"), g["date"])
                + place_correct(s.get("place"), g.get("place"))
            )
            row.append((w_required if g["required"] else 0) + w_any + 1 + attrs)
        weights.append(row)
    pairs = max_weight_matching(weights)
    paired_gold = {gi for gi, _ in pairs}
    paired_system = {si for _, si in pairs}
    for gi, si in pairs:
        g, s = gold_events[gi], system[si]
        exact, lenient = mode_correct(s, g)
        pair = EventPair(
            g,
            s,
            exact,
            lenient,
            date_correct(s.get("date"), g["date"]),
            place_correct(s.get("place"), g.get("place")),
        )
        (score.matched_required if g["required"] else score.matched_optional).append(pair)
    score.missed_required = [
        g for gi, g in enumerate(gold_events) if g["required"] and gi not in paired_gold
    ]
    for si, s in enumerate(system):
        if si in paired_system:
            continue
        if any(compatible[gi][si] for gi in range(len(gold_events))):
            score.duplicate_events.append(s)
        else:
            score.false_events.append(s)


def _score_quotes(record: Mapping[str, Any], gold: Mapping[str, Any], score: ArticleScore) -> None:
    index = _actor_index(record)
    system = [q for q in record.get("quotes") or [] if isinstance(q, dict)]
    gold_quotes = gold["quotes"]
    score.n_gold_quotes = len(gold_quotes)
    score.n_system_quotes = len(system)
    sys_tokens = [word_tokens(q.get("text") or "") for q in system]
    big = 1000 * (min(len(gold_quotes), len(system)) + 1)
    weights: list[list[int]] = []
    for g in gold_quotes:
        g_tokens = word_tokens(g["text"])
        row = []
        for s_tokens in sys_tokens:
            shared = token_overlap(s_tokens, g_tokens)
            if (
                s_tokens
                and g_tokens
                and 2 * shared >= len(g_tokens)
                and 2 * shared >= len(s_tokens)
            ):
                row.append(big + round(1000 * 2 * shared / (len(s_tokens) + len(g_tokens))))
            else:
                row.append(0)
        weights.append(row)
    pairs = max_weight_matching(weights)
    paired_gold = {gi for gi, _ in pairs}
    paired_system = {si for _, si in pairs}
    for gi, si in pairs:
        g, s = gold_quotes[gi], system[si]
        score.quote_pairs.append(QuotePair(g, s, speaker_correct(s, g, index, gold["actors"])))
    score.missed_quotes = [g for gi, g in enumerate(gold_quotes) if gi not in paired_gold]
    score.false_quotes = [s for si, s in enumerate(system) if si not in paired_system]


def _mention_texts(actor: Mapping[str, Any], text: str) -> list[str]:
    out = []
    for span in actor.get("mentions") or []:
        if isinstance(span, list | tuple) and len(span) == 2:
            start, end = span
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                out.append(text[start:end])
    return out


def _score_actors(record: Mapping[str, Any], gold: Mapping[str, Any], score: ArticleScore) -> None:
    text = (record.get("article") or {}).get("text") or ""
    system = [a for a in record.get("actors") or [] if isinstance(a, dict)]
    mentions = [_mention_texts(a, text) for a in system]
    for g in gold["actors"]:
        names = [n for n in [g["name"], *(g.get("aliases") or [])] if not is_pronoun(n)]
        best: tuple[int, int] | None = None
        best_actor: dict[str, Any] | None = None
        for actor, texts in zip(system, mentions, strict=True):
            by_name = any(names_match(actor.get("name") or "", n) for n in names)
            by_mention = by_name or any(names_match(t, n) for t in texts for n in names)
            if not by_mention:
                continue
            rank = (int(by_name), len(actor.get("mentions") or []))
            if best is None or rank > best:
                best, best_actor = rank, actor
        result = ActorResult(g, best_actor)
        if best_actor is not None:
            accepted = {g["country"], g.get("patron_country")} if g["country"] else {None}
            result.country_ok = best_actor.get("country") in accepted
            if g["sector"] is not None:
                result.sector_ok = best_actor.get("sector") == g["sector"]
        score.actors.append(result)


def score_article(
    record: Mapping[str, Any], gold: Mapping[str, Any], name: str = ""
) -> ArticleScore:
    """Compare one record (the JSON contract) with one checked gold object."""
    score = ArticleScore(name=name)
    _score_events(record, gold, score)
    _score_quotes(record, gold, score)
    _score_actors(record, gold, score)
    return score


# --------------------------------------------------------------------------- evaluate

EMPTY_RECORD: dict[str, Any] = {"article": {"text": ""}, "actors": [], "events": [], "quotes": []}


def report_folders(paths: Iterable[Path]) -> list[Path]:
    """``paths`` with each folder that holds no gold.json but report folders that do (a corpus
    such as ``reports-2023-26/``) replaced by those report folders, sorted by name."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir() and not (path / "gold.json").exists():
            inner = sorted(p for p in path.iterdir() if (p / "gold.json").is_file())
            if inner:
                found.extend(inner)
                continue
        found.append(path)
    return found


def _locate(path: Path) -> tuple[str, Path, Path]:
    """(name, gold file, article file) for a folder holding gold.json, or a gold file."""
    path = Path(path)
    gold_path = path / "gold.json" if path.is_dir() else path
    return gold_path.parent.name, gold_path, gold_path.parent


def evaluate(paths: list[Path], pipeline: Any = None, **options: Any) -> EvalReport:
    """Score many articles: one row per article and a micro-averaged TOTAL row.

    Each path is a folder holding ``gold.json`` and the article it names (``article.file``,
    default ``article.txt``), a gold file itself, or a folder of such folders
    (:func:`report_folders`); rows are named by the folder. Options:

    - ``records``: ``{folder name: record}`` to score given records instead of running the
      pipeline (an article missing from it is scored as an empty record, with a note, unless a
      pipeline is given).
    - ``details``: add :func:`explain`'s listing of every article to the report's notes.
    - ``limit``: score only the first N paths.

    Without records the pipeline is ``pipeline`` or :meth:`dateline.pipeline.Pipeline.load`,
    and each article is read with ``pipeline.extract_file``. An article the pipeline cannot
    read or finish (a coded :class:`~dateline.errors.DatelineError`) is listed in the notes
    with its code and left out of the scores; the other articles are scored.
    """
    records: Mapping[str, Mapping[str, Any]] | None = options.get("records")
    details = bool(options.get("details", False))
    limit = options.get("limit")
    paths = report_folders(paths)
    if limit is not None:
        paths = paths[: max(0, int(limit))]
    report = EvalReport(task="gold", columns=list(COLUMNS))
    totals: Counter[str] = Counter()
    explanations: list[str] = []
    for path in paths:
        name, gold_path, folder = _locate(Path(path))
        gold = load_gold(gold_path)
        record: Mapping[str, Any]
        if records is not None and name in records:
            record = records[name]
        elif records is not None and pipeline is None:
            report.notes.append(f"{name}: no record given; scored as an empty record")
            record = EMPTY_RECORD
        else:
            if pipeline is None:
                from ..pipeline import Pipeline

                pipeline = Pipeline.load()
            article_file = folder / (gold["article"].get("file") or "article.txt")
            try:
                record = pipeline.extract_file(article_file)
            except DatelineError as error:  # that article alone; the others are scored
                report.notes.append(f"{name}: skipped, not scored: {error}")
                continue
        score = score_article(record, gold, name=name)
        counts = score.counts()
        totals.update(counts)
        report.rows.append({"item": name, **metrics(counts)})
        if details:
            explanations.append(explain(record, gold, name=name))
    report.total = metrics(totals)
    report.notes.append(
        "events: P = tp/(tp+false), R = tp/required; optional and duplicate events not counted. "
        "mode/date/place: accuracy on matched required events."
    )
    report.notes.extend(explanations)
    return report


def explain(record: Mapping[str, Any], gold: Mapping[str, Any], name: str = "") -> str:
    """A readable list of matched, missed and false events, quotes and actors
    (:func:`dateline.eval.gold_explain.explain`)."""
    from .gold_explain import explain as explain_article

    return explain_article(record, gold, name)
