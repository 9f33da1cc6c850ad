"""Progress of a long command on stderr: a live line with totals on a terminal; in a log
(not a terminal) a line every ``every`` articles, so a log neither floods nor stays silent."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, what: str, total: int, every: int = 50, stream: TextIO | None = None):
        self.what = what
        self.total = total
        self.every = every
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.last_drawn = 0.0
        self.done = 0
        self.articles = 0

    def _line(self) -> str:
        elapsed = time.monotonic() - self.start
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        return (
            f"{self.what}: {self.done} of {self.total} input(s), {self.articles} article(s), "
            f"{rate:.1f} articles/s"
        )

    def article(self) -> None:
        self.articles += 1
        if self.tty:
            now = time.monotonic()
            if now - self.last_drawn >= 0.5:
                self.last_drawn = now
                self.stream.write("\r" + self._line() + "\x1b[K")
                self.stream.flush()
        elif self.articles % self.every == 0:
            self.stream.write(self._line() + "\n")
            self.stream.flush()

    def input_done(self) -> None:
        self.done += 1

    def close(self) -> None:
        if self.tty and self.last_drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
