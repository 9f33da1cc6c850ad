"""The stages, in pipeline order. Each reads some fields of a :class:`~dateline.document.Document`
and writes others, as its ``requires`` and ``assigns`` say; :func:`check_order` verifies that
every field a stage requires was assigned by an earlier one. :class:`BaseStage` is the common
ground of a stage: the initialize check and the empty-document guard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .base import BaseStage

if TYPE_CHECKING:
    from ..document import Document
    from ..knowledge import Knowledge


class Stage(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]:
        """The document fields this stage reads."""

    @property
    def assigns(self) -> tuple[str, ...]:
        """The document fields this stage writes (and no other stage writes)."""

    def initialize(self, knowledge: Knowledge) -> None:
        """Load tables once; called by the pipeline before the first document."""

    def __call__(self, document: Document) -> Document: ...


__all__ = ["BaseStage", "Stage", "check_order", "default_stages"]


def check_order(stages: list[Stage]) -> None:
    assigned = {"article", "doc"}
    for stage in stages:
        missing = [f for f in stage.requires if f not in assigned]
        if missing:
            raise ValueError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                f"order the stages so that these come first"
            )
        assigned.update(stage.assigns)


def default_stages() -> list[Stage]:
    from .actor_places import ActorPlaceStage
    from .actors import ActorStage
    from .events import EventStage
    from .places import PlaceStage
    from .quotes import QuoteStage
    from .time import TimeStage

    return [
        ActorStage(),
        TimeStage(),
        PlaceStage(),
        ActorPlaceStage(),
        QuoteStage(),
        EventStage(),
    ]
