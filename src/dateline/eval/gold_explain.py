"""A readable account of one scored article: what matched, what was missed, what was false.

Used by ``dateline eval --details`` on the parts of the development data one may read case by
case (never on a check part).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .gold import _actor_index, _countries, score_article

# --------------------------------------------------------------------------- explain


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sys_event_line(event: Mapping[str, Any], index: Mapping[str, dict[str, Any]]) -> str:
    actors = ",".join(sorted(_countries(event.get("actor"), index))) or "?"
    recipients = ",".join(sorted(_countries(event.get("recipient"), index))) or "-"
    date = (event.get("date") or {}).get("value") if isinstance(event.get("date"), dict) else None
    return f"{event.get('id')} {event.get('type')} {actors} -> {recipients} date={date}"


def _gold_event_line(event: Mapping[str, Any]) -> str:
    recipients = ",".join(event["recipient"]) if event["recipient"] else "-"
    return (
        f"{event['id']} {event['type']} {','.join(event['actor']) or '?'} -> {recipients} "
        f"date={event['date']}"
    )


def _sentence(record: Mapping[str, Any], event: Mapping[str, Any]) -> str:
    text = (record.get("article") or {}).get("text") or ""
    span = (event.get("evidence") or {}).get("sentence")
    if isinstance(span, list | tuple) and len(span) == 2:
        return _short(text[span[0] : span[1]])
    return ""


def _speaker_label(quote: Mapping[str, Any], index: Mapping[str, dict[str, Any]]) -> str:
    actor = index.get(quote.get("speaker") or "")
    if actor:
        return f"{actor.get('name')} ({actor.get('country')}/{actor.get('sector')})"
    return f"{quote.get('speaker_text')!r} (no actor)"


def explain(record: Mapping[str, Any], gold: Mapping[str, Any], name: str = "") -> str:
    """A readable list of matched, missed and false events, quotes and actors."""
    score = score_article(record, gold, name=name)
    index = _actor_index(record)
    m = score.metrics()
    lines = [
        f"== {name or 'article'}: events P={m['ev_P']:.2f} R={m['ev_R']:.2f} "
        f"({m['ev_req']} required), quotes P={m['q_P']:.2f} R={m['q_R']:.2f}"
    ]
    lines.append("-- events matched (required):")
    for p in score.matched_required:
        flags = []
        if not p.mode_exact:
            flags.append(f"mode {p.system.get('mode')} != {p.gold.get('mode')}")
        if not p.date_ok:
            flags.append(f"date {(p.system.get('date') or {}).get('value')} != {p.gold['date']}")
        if not p.place_ok:
            flags.append(
                f"place {(p.system.get('place') or {}).get('name')} != "
                f"{(p.gold.get('place') or {}).get('name')}"
            )
        lines.append(
            f"   {_gold_event_line(p.gold)}  <=  {p.system.get('id')}"
            + (f"  [{'; '.join(flags)}]" if flags else "")
        )
    if score.matched_optional:
        lines.append("-- events matched (optional, not counted):")
        lines.extend(
            f"   {_gold_event_line(p.gold)}  <=  {p.system.get('id')}"
            for p in score.matched_optional
        )
    lines.append("-- required gold events missed:")
    for g in score.missed_required:
        lines.append(f"   {_gold_event_line(g)}")
        lines.append(f"      evidence: {_short(str(g.get('evidence') or ''))}")
    lines.append("-- false system events (compatible with no gold event):")
    for s in score.false_events:
        lines.append(f"   {_sys_event_line(s, index)}")
        lines.append(f"      sentence: {_sentence(record, s)}")
    if score.duplicate_events:
        lines.append("-- extra system events compatible with a gold event already paired:")
        lines.extend(f"   {_sys_event_line(s, index)}" for s in score.duplicate_events)
    lines.append("-- quotes matched:")
    for q in score.quote_pairs:
        mark = "ok " if q.speaker_ok else "BAD"
        lines.append(
            f"   [{mark}] {q.gold['id']} {_short(q.gold['text'], 70)!r}: gold speaker "
            f"{q.gold['speaker']!r}, system {_speaker_label(q.system, index)}"
        )
    lines.append("-- gold quotes missed:")
    lines.extend(
        f"   {g['id']} {g['kind']} {_short(g['text'], 100)!r} ({g['speaker']})"
        for g in score.missed_quotes
    )
    lines.append("-- false system quotes:")
    lines.extend(
        f"   {s.get('id')} {s.get('kind')} {_short(s.get('text') or '', 100)!r} "
        f"({_speaker_label(s, index)})"
        for s in score.false_quotes
    )
    lines.append("-- gold actors not found / wrong:")
    for a in score.actors:
        g = a.gold
        if a.system is None:
            lines.append(f"   not found: {g['name']} ({g['country']}/{g['sector']})")
        elif a.country_ok is False or a.sector_ok is False:
            lines.append(
                f"   wrong: {g['name']} gold {g['country']}/{g['sector']}, system "
                f"{a.system.get('name')} {a.system.get('country')}/{a.system.get('sector')}"
            )
    return "\n".join(lines)
