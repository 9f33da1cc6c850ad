"""Human-readable views of a record for ``--format table``."""

from __future__ import annotations

import re
from typing import Any

# Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides:
# printed raw, they move the cursor, recolour or reorder a terminal (an article may hold any).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: Any) -> str:
    """``text`` safe for a terminal: white space becomes a space, other control characters
    their ``\\x..`` / ``\\u....`` escape."""
    value = "" if text is None else str(text)

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in "\t\n\r\v\f\u2028\u2029":
            return " "
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNPRINTABLE.sub(escape, value)


def render_table(record: dict[str, Any]) -> str:
    text = record["article"]["text"]
    actors = {a["id"]: a for a in record["actors"]}

    def names(ids: list[str]) -> str:
        return (
            ", ".join(
                f"{actors[i]['name']} ({actors[i]['country'] or '?'} {actors[i]['sector'] or '-'})"
                for i in ids
                if i in actors
            )
            or "-"
        )

    art = record["article"]
    lines = [
        f"{art['title'] or '(no title)'}",
        f"{art['site'] or '-'} | published {art['published'] or '?'} ({art['published_source'] or '-'})",
        "",
        "EVENTS",
    ]
    for event in record["events"]:
        start, end = event["evidence"]["trigger"]
        date = event["date"]["value"] if event["date"] else "-"
        place = event["place"]["name"] if event["place"] else "-"
        lines.append(
            f"  {event['id']:>4} {event['type']:<9} {'/'.join(event['mode']) or '-':<14} "
            f"{event['modality']:<12} {date:<11} {place:<12} {names(event['actor'])} -> "
            f"{names(event['recipient'])}  [{text[start:end]}] conf={event['confidence']}"
        )
    lines.append("")
    lines.append("QUOTES")
    for quote in record["quotes"]:
        speaker = (
            actors[quote["speaker"]]["name"]
            if quote["speaker"] in actors
            else (quote["speaker_text"] or "?")
        )
        snippet = quote["text"] if len(quote["text"]) < 80 else quote["text"][:77] + "..."
        lines.append(f"  {quote['id']:>4} {quote['kind']:<8} {speaker}: {snippet}")
    lines.append("")
    lines.append("ACTORS")
    for actor in record["actors"]:
        lines.append(
            f"  {actor['id']:>4} {actor['name']:<30} {actor['country'] or '-':<4} "
            f"{actor['sector'] or '-':<4} {actor['kind']:<12} x{len(actor['mentions'])}"
        )
    return "\n".join(printable(line) for line in lines)
