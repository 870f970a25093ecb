"""A cache of article analyses (summary, quotes, key quote), so a rerun over unchanged
articles does no summarizing.

The key is a hash of the article's content hash and everything else that changes the result:
the algorithm, the sentence count, the language and the project version. Each entry is one
JSON file written atomically (without fsync: the checksum is what makes it safe) and carrying a
checksum of its payload; an entry that fails the
check (a crash mid-write, a disk error, a hand edit) is never trusted: it is deleted and the
article is analysed again. The cache is bounded: past ``limit`` entries the oldest go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from digest import __version__
from digest.files import write_atomic
from digest.model import Quote

LIMIT = 20_000


def _quote(data: dict[str, object]) -> Quote:
    return Quote(
        text=str(data["text"]),
        speaker=data["speaker"],  # type: ignore[arg-type]
        speaker_as_written=data["speaker_as_written"],  # type: ignore[arg-type]
        start=int(data["start"]),  # type: ignore[call-overload]
        end=int(data["end"]),  # type: ignore[call-overload]
        parts=tuple(tuple(p) for p in data["parts"]),  # type: ignore[union-attr, misc]
        speaker_kind=data.get("speaker_kind"),  # type: ignore[arg-type]
    )


def _quote_data(quote: Quote) -> dict[str, object]:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_as_written": quote.speaker_as_written,
        "start": quote.start,
        "end": quote.end,
        "parts": [list(p) for p in quote.parts],
        "speaker_kind": quote.speaker_kind,
    }


Analysis = tuple[tuple[str, ...], tuple[Quote, ...], int | None]  # summary, quotes, key index


class AnalysisCache:
    def __init__(self, folder: Path, limit: int = LIMIT) -> None:
        self.folder = folder
        self.limit = limit

    @staticmethod
    def key(content_hash: str, language: str, algorithm: str, sentences: int) -> str:
        text = json.dumps([__version__, content_hash, language, algorithm, sentences])
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry is there (``get`` still checks it)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Analysis | None:
        path = self._path(key)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            payload = record["payload"]
            if record["check"] != _check(payload) or payload["key"] != key:
                raise ValueError("checksum mismatch")
            result: Analysis = (
                tuple(payload["summary"]),
                tuple(_quote(q) for q in payload["quotes"]),
                payload["key_quote"],
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                path.unlink()  # never trusted, never read again
            return None
        return result

    def put(self, key: str, analysis: Analysis) -> None:
        summary, quotes, key_index = analysis
        payload = {
            "key": key,
            "summary": list(summary),
            "quotes": [_quote_data(q) for q in quotes],
            "key_quote": key_index,
        }
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            record = {"check": _check(payload), "payload": payload}
            write_atomic(path, json.dumps(record).encode(), durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> int:
        """Drop the oldest entries past the limit; returns how many went."""
        try:
            entries = sorted(self.folder.glob("*/*.json"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return 0
        extra = entries[: max(0, len(entries) - self.limit)]
        for path in extra:
            with contextlib.suppress(OSError):
                path.unlink()
        return len(extra)


def _check(payload: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
