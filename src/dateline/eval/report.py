"""One report shape for every evaluation task: rows per item, a total row, a table and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; 0 where undefined (no predictions or no gold)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ratio(num: int | float, den: int | float) -> float | None:
    return num / den if den else None


@dataclass
class EvalReport:
    task: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "rows": self.rows, "total": self.total, "notes": self.notes}

    def to_table(self) -> str:
        header = ["item", *self.columns]
        lines = [header]
        for row in [*self.rows, {"item": "TOTAL", **self.total}]:
            lines.append([_cell(row.get(c)) for c in header])
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for i, line in enumerate(lines):
            out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
            if i == 0 or i == len(lines) - 2:
                out.append("  ".join("-" * w for w in widths))
        out.extend(self.notes)
        return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
