"""Plain text (``.txt``, ``.text``) and Markdown (``.md``, ``.markdown``, ``.mdown``, ``.mkd``,
``.mkdn``): one article a file.

Metadata precedence: what the file's front matter states (YAML, TOML, JSON or a Pelican /
MultiMarkdown header: :mod:`digest.readers.frontmatter`), then a ``YYYY-MM-DD`` in the file
name for the date (also when the front matter's date does not parse, with a note), then
(applied by :func:`~digest.readers.article.to_article`) the file's mtime. A draft or unpublished
post is skipped with the reason ``unpublished: ...``. Markdown is read by a real parser
(:mod:`digest.readers.markdown`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from digest import dates
from digest.errors import ArticleError
from digest.model import UNPUBLISHED, Source
from digest.readers import markdown
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.readers.decode import decode
from digest.readers.frontmatter import publication_date, split, unpublished
from digest.text import block_paragraphs, blocks, clean_line, is_also_read

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*$", re.M)


def _after_first_block(text: str, start: int) -> int:
    """The offset just past the first blank-line separated block at or after ``start``."""
    first = re.compile(r"\S").search(text, start)
    if first is None:
        return len(text)
    blank = _BLANK_LINE.search(text, first.start())
    return blank.end() if blank else len(text)


def _body(found: list[list[str]]) -> tuple[str, ...]:
    return _kept(block_paragraphs(found))


def _text_field(meta: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ", ".join(value)  # Hugo's authors = ["A", "B"]
        if value is None or isinstance(value, (dict, list, bool)):
            continue
        text = clean_line(str(value))
        if text:
            return text
    return None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (clean_line(str(v)) for v in value) if t)


def meta_entry(
    meta: dict[str, object], title: str, paragraphs: tuple[str, ...], body_start: int, dek: str = ""
) -> Entry:
    """What the front matter states, with the text's headline, standfirst and body."""
    found = publication_date(meta)
    why = unpublished(meta)
    return Entry(
        title=title,
        paragraphs=paragraphs,
        dek=dek,
        date=found[1] if found else None,
        date_origin="front matter" if found else "",
        url=_text_field(meta, "url", "link", "permalink"),
        author=_text_field(meta, "author", "authors"),
        source=_text_field(meta, "source"),
        language=_text_field(meta, "language", "lang"),
        # a stated section or category leads the tags: the digest's section (#16)
        tags=tuple(
            dict.fromkeys(
                (*_tags(meta.get("section") or meta.get("category")), *_tags(meta.get("tags")))
            )
        ),
        body_start=body_start,
        extra={"unpublished": why} if why else {},
    )


def read_text(text: str) -> Entry:
    """Plain text: headline, standfirst lines up to the first blank line, then paragraphs.

    With front matter, its ``title`` stands for the headline and the whole rest is body.
    """
    meta, rest = split(text)
    base = len(text) - len(rest)
    found = blocks(rest)
    if meta.get("title"):
        return meta_entry(meta, str(meta["title"]), _body(found), base)
    if not found:
        return meta_entry(meta, "", (), len(text))
    head, *others = found
    return meta_entry(
        meta,
        head[0],
        _body(others),
        _after_first_block(text, base),
        dek=clean_line(" ".join(head[1:])),
    )


def read_markdown(text: str) -> Entry:
    """Markdown, usually with front matter. Title: front matter, else a leading ``# heading``,
    else the first line."""
    meta, rest = split(text)
    if meta.get("title"):  # data: its Markdown formatting goes, template code stays text
        start = len(text) - len(rest)
        title = markdown.line(str(meta["title"]), templates=False)
        return meta_entry(meta, title, _kept(markdown.paragraphs(rest)), start)
    title = ""
    match = _MD_TITLE.match(rest)
    if match:
        title, rest = match.group(1), rest[match.end() :]
    start = len(text) - len(rest)
    if not title and rest.strip():
        first = rest.lstrip()
        line_end = first.find("\n")
        title = first if line_end < 0 else first[:line_end]
        line_end = text.find("\n", start + len(rest) - len(first))
        start = len(text) if line_end < 0 else line_end + 1
        rest = text[start:]
    return meta_entry(meta, markdown.line(title), _kept(markdown.paragraphs(rest)), start)


def _kept(paragraphs: Iterable[str]) -> tuple[str, ...]:
    return tuple(p for p in paragraphs if not is_also_read(p))


class OneArticleReader:
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
        why = entry.extra.get("unpublished") or (
            unpublished({}, location) if isinstance(location, Path) else None
        )
        if why:
            raise ArticleError(f"{UNPUBLISHED}: {why}")
        date: object = entry.date
        origin = entry.date_origin
        notes: tuple[str, ...] = ()
        if date is not None:
            try:
                date = dates.parse_date(date, options.zone)
            except ValueError as exc:
                named = (
                    dates.date_in_filename(location, options.zone)
                    if isinstance(location, Path)
                    else None
                )
                if named is None:
                    raise ArticleError(f"front matter date: {exc}") from None
                date, origin = named, "filename"
                notes = (f"front matter date: {exc}; dated by the file name",)
        elif isinstance(location, Path):
            date = dates.date_in_filename(location, options.zone)
            origin = "filename" if date is not None else ""
        return [
            replace(
                entry,
                text=text,
                body_start=entry.body_start + bom,
                date=date,
                date_origin=origin,
                notes=notes,
            )
        ]


TEXT = register(OneArticleReader(read_text, ".txt", ".text"))
MARKDOWN = register(
    OneArticleReader(read_markdown, ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")
)
