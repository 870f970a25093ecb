"""Plain text (``.txt``, ``.text``) and Markdown (``.md``, ``.markdown``): one article a file.

Metadata precedence: what the file's YAML front matter states, then a ``YYYY-MM-DD`` in the
file name for the date, then (applied by :func:`~digest.readers.article.to_article`) the
file's mtime.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from digest import dates
from digest.errors import ArticleError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.readers.decode import decode
from digest.text import block_paragraphs, blocks, clean_line, is_also_read, strip_markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*$", re.M)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter between ``---`` lines at the very top, and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(
            f"malformed front matter{where}: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(meta, dict):
        raise ArticleError("malformed front matter: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def _after_first_block(text: str, start: int) -> int:
    """The offset just past the first blank-line separated block at or after ``start``."""
    first = re.compile(r"\S").search(text, start)
    if first is None:
        return len(text)
    blank = _BLANK_LINE.search(text, first.start())
    return blank.end() if blank else len(text)


def _body(found: list[list[str]]) -> tuple[str, ...]:
    return tuple(p for p in block_paragraphs(found) if not is_also_read(p))


def _text_field(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    return clean_line(str(value)) or None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (clean_line(str(v)) for v in value) if t)


def _entry(
    meta: dict[str, object], title: str, paragraphs: tuple[str, ...], body_start: int, dek: str = ""
) -> Entry:
    """What the front matter states, with the text's headline, standfirst and body."""
    date = meta.get("date")
    return Entry(
        title=title,
        paragraphs=paragraphs,
        dek=dek,
        date=date,
        date_origin="front matter" if date is not None else "",
        url=_text_field(meta, "url"),
        author=_text_field(meta, "author"),
        source=_text_field(meta, "source"),
        language=_text_field(meta, "language"),
        # a stated section or category leads the tags: the digest's section (#16)
        tags=tuple(
            dict.fromkeys(
                (*_tags(meta.get("section") or meta.get("category")), *_tags(meta.get("tags")))
            )
        ),
        body_start=body_start,
    )


def read_text(text: str) -> Entry:
    """Plain text: headline, standfirst lines up to the first blank line, then paragraphs.

    With front matter, its ``title`` stands for the headline and the whole rest is body.
    """
    meta, rest = split_front_matter(text)
    base = len(text) - len(rest)
    found = blocks(rest)
    if meta.get("title"):
        return _entry(meta, str(meta["title"]), _body(found), base)
    if not found:
        return _entry(meta, "", (), len(text))
    head, *others = found
    return _entry(
        meta,
        head[0],
        _body(others),
        _after_first_block(text, base),
        dek=clean_line(" ".join(head[1:])),
    )


def read_markdown(text: str) -> Entry:
    """Markdown, usually with front matter. Title: front matter, else a leading ``# heading``."""
    meta, rest = split_front_matter(text)
    title = str(meta.get("title") or "")
    if not title:
        match = _MD_TITLE.match(rest)
        if match:
            title, rest = match.group(1), rest[match.end() :]
    start = len(text) - len(rest)
    found = blocks(strip_markdown(rest))
    if not title and found:
        title, found = found[0][0], [found[0][1:], *found[1:]]
        line_end = text.find("\n", start + len(rest) - len(rest.lstrip()))
        start = len(text) if line_end < 0 else line_end + 1
    return _entry(meta, strip_markdown(title), _body(found), start)


class _OneArticleReader:
    """A file that is one article: the whole decoded text is kept, for quote offsets."""

    def __init__(self, parse: Callable[[str], Entry], *extensions: str) -> None:
        self.parse = parse
        self.extensions = extensions

    def enabled(self) -> str | None:
        return None

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        text = decode(data)
        bom = 1 if text.startswith("\ufeff") else 0
        entry = self.parse(text[bom:])
        date: object = entry.date
        origin = entry.date_origin
        if date is None and isinstance(location, Path):
            date = dates.date_in_filename(location, options.zone)
            origin = "filename" if date is not None else ""
        return [
            replace(
                entry, text=text, body_start=entry.body_start + bom, date=date, date_origin=origin
            )
        ]


TEXT = register(_OneArticleReader(read_text, ".txt", ".text"))
MARKDOWN = register(_OneArticleReader(read_markdown, ".md", ".markdown"))
