"""What a run did: the :class:`Result` of ``make``, its JSON summary (``digest make --json``),
and the :class:`Report` the kept-digest record stores so that a run which keeps a digest
reports what the run that made it reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypedDict

from digest.files import Fields
from digest.model import Digest, Skipped, Window, as_source


@dataclass(frozen=True)
class Result:
    """What a run did. ``folder`` is None when no article fell in the window."""

    window: Window
    folder: Path | None
    digest: Digest | None
    skipped: tuple[Skipped, ...]
    considered: int
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # what `digest check` found wrong with the written digest
    seen: int = 0  # articles in the window left out because an earlier digest had them
    count: int = 0  # stories with a full card
    more_count: int = 0  # stories listed by headline only
    unlisted_count: int = 0  # stories only counted (a window too wide for Gmail's clip)
    kept: bool = False  # the digest already written was kept (``digest`` is then None)

    def summary(self) -> dict[str, object]:
        """The run as JSON data (``digest make --json``)."""
        return {
            "folder": str(self.folder) if self.folder else None,
            "window": {"since": iso(self.window.since), "until": iso(self.window.until)},
            "stories": self.count,
            "more_stories": self.more_count,
            "unlisted_stories": self.unlisted_count,
            "kept": self.kept,
            "articles_read": self.considered,
            "already_sent_before": self.seen,
            "skipped": [skip_record(s) for s in self.skipped],
            "warnings": list(self.warnings),
            "check": list(self.problems),
        }


@dataclass(frozen=True)
class Report:
    """What the run that wrote a digest reported, and the ids of the articles it showed:
    what a later run that keeps the digest says again (see :mod:`digest.outbox.kept`)."""

    skipped: tuple[Skipped, ...]
    considered: int
    warnings: tuple[str, ...]
    problems: tuple[str, ...]
    seen: int
    count: int
    more_count: int
    unlisted_count: int
    ids: tuple[str, ...]

    @classmethod
    def of(cls, result: Result, ids: tuple[str, ...]) -> Report:
        return cls(
            skipped=result.skipped,
            considered=result.considered,
            warnings=result.warnings,
            problems=result.problems,
            seen=result.seen,
            count=result.count,
            more_count=result.more_count,
            unlisted_count=result.unlisted_count,
            ids=ids,
        )

    def result(self, window: Window, folder: Path) -> Result:
        """The result of a run that keeps the digest in ``folder`` for ``window``."""
        return Result(
            window=window,
            folder=folder,
            digest=None,
            skipped=self.skipped,
            considered=self.considered,
            warnings=self.warnings,
            problems=self.problems,
            seen=self.seen,
            count=self.count,
            more_count=self.more_count,
            unlisted_count=self.unlisted_count,
            kept=True,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "skipped": [skip_record(s) for s in self.skipped],
            "articles_read": self.considered,
            "warnings": list(self.warnings),
            "check": list(self.problems),
            "already_sent_before": self.seen,
            "stories": self.count,
            "more_stories": self.more_count,
            "unlisted_stories": self.unlisted_count,
            "ids": list(self.ids),
        }

    @classmethod
    def from_json(cls, data: object) -> Report:
        """Raises ValueError when ``data`` is not what :meth:`to_json` gives."""
        fields = Fields(data)
        skips = [Fields(item) for item in fields.items("skipped")]
        return cls(
            skipped=tuple(Skipped(as_source(s.text("path")), s.text("reason")) for s in skips),
            considered=fields.number("articles_read"),
            warnings=fields.texts("warnings"),
            problems=fields.texts("check"),
            seen=fields.number("already_sent_before"),
            count=fields.number("stories"),
            more_count=fields.number("more_stories"),
            unlisted_count=fields.number("unlisted_stories"),
            ids=fields.texts("ids"),
        )


def iso(moment: datetime) -> str:
    """A moment as the outbox's JSON writes it."""
    return moment.isoformat(timespec="seconds")


class SkipRecord(TypedDict):
    path: str
    reason: str


def skip_record(skip: Skipped) -> SkipRecord:
    return {"path": skip.path.as_posix(), "reason": skip.reason}
