"""JSON exports and JSON Lines (``.json``, ``.jsonl``, ``.ndjson``) to entries.

An export is a list of article objects, or an object holding that list under a key such as
``items``, ``articles``, ``entries`` or ``data`` (one level deeper is looked at too:
``{"response": {"results": [...]}}``). JSON Lines holds one object a line; a line that is not
valid JSON is skipped with its reason and the others are still read.

Which member holds what is configurable (:data:`DEFAULT_FIELDS`); a field may be a dotted path
(``author.name``, ``authors.0.name``). The body is ``body``, else ``content``: a string (plain
text or HTML), a list of paragraph strings, or an object with the text under ``rendered``,
``html``, ``text`` or ``value`` (WordPress's ``{"rendered": "<p>..."}``).

A JSON Feed (https://jsonfeed.org/version/1.1) is not an export: :func:`is_json_feed` tells, and
:func:`read_export` refuses one so the caller can hand it to the feed reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime

from digest.errors import ArticleError, ConfigError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.readers.decode import decode
from digest.readers.feeds import is_json_feed_object, parse_feed
from digest.text import markup_line, markup_paragraphs
from digest.urls import is_http

DEFAULT_FIELDS: dict[str, str] = {
    "title": "title",
    "date": "date",
    "url": "url",
    "body": "body",
    "content": "content",
    "author": "author",
    "source": "source",
    "id": "id",
    "language": "language",
    "tags": "tags",
    "dek": "dek",
}
# Where an export object keeps its list of articles, most likely first.
LIST_KEYS = (
    "items",
    "articles",
    "entries",
    "data",
    "results",
    "posts",
    "stories",
    "documents",
    "records",
    "news",
)
NOT_A_LIST = (
    "no list of articles found: expected a list of objects, or an object with one under "
    + ", ".join(f"'{k}'" for k in LIST_KEYS[:4])
)

_TEXT_KEYS = ("rendered", "html", "text", "value", "name", "title", "label", "term", "#text")
_DATE_KEYS = ("$date", "date", "value", "iso")


def is_json_feed(text: str) -> bool:
    """Whether the text is a JSON Feed document (top-level ``version`` on jsonfeed.org)."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return _is_feed(data)


def _is_feed(data: object) -> bool:
    return is_json_feed_object(data)


def read_export(
    text: str,
    label: str,
    fields: Mapping[str, str] | None = None,
    jsonl: bool | None = None,
) -> list[Entry | EntrySkip]:
    """Every article object in a JSON export or JSON Lines text, in order.

    ``label`` names the file. ``fields`` maps our field names (:data:`DEFAULT_FIELDS`) to the
    export's member names; unnamed fields keep their defaults, and an empty name switches a field
    off. ``jsonl``: True for JSON Lines, False for one JSON document, None to tell from the text.
    An object without a title or a body becomes an :class:`EntrySkip` naming it by position
    ("item 3", or "line 7" in JSON Lines).

    Raises :class:`ArticleError` for a malformed JSON document (with its line and column), for
    one without a list of articles, and for a JSON Feed; :class:`ConfigError` for a field name
    that is not one of ours.
    """
    names = _fields(fields)
    text = text.lstrip("\ufeff")
    rows: Iterable[tuple[str, object]]
    if jsonl:
        rows = _lines(text)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if jsonl is None and _lines_of_objects(text):
                rows = _lines(text)
            else:
                raise ArticleError(
                    f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
                ) from None
        except RecursionError:
            raise ArticleError("malformed JSON: nested too deeply") from None
        else:
            if _is_feed(data):
                raise ArticleError("this is a JSON Feed")
            items = _items(data, names)
            rows = ((f"item {n}", obj) for n, obj in enumerate(items, 1))
    return [_entry(obj, position, label, names) for position, obj in rows]


def _fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    names = dict(DEFAULT_FIELDS)
    for key, value in (fields or {}).items():
        if key not in DEFAULT_FIELDS:
            raise ConfigError(
                f"unknown export field {key!r}: the fields are {', '.join(DEFAULT_FIELDS)}"
            )
        names[key] = (value or "").strip()
    return names


# --- JSON and JSON Lines -------------------------------------------------------------------


def _items(data: object, names: dict[str, str]) -> list[object]:
    """The list of article objects in a parsed export document."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ArticleError(NOT_A_LIST)
    for holder in (data, *(v for v in data.values() if isinstance(v, dict))):
        lowered = {str(k).lower(): v for k, v in holder.items()}
        for key in LIST_KEYS:
            if isinstance(lowered.get(key), list):
                return lowered[key]
    if _get(data, names["title"]) is not None:
        return [data]  # a single article
    lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(lists) == 1:
        return lists[0]
    raise ArticleError(NOT_A_LIST)


def _lines_of_objects(text: str) -> bool:
    """Whether text that is not one JSON document is JSON Lines: most lines are objects."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    objects = sum(1 for line in lines if line.startswith("{") and line.endswith("}"))
    return objects >= 2 and objects * 2 >= len(lines)


def _lines(text: str) -> Iterator[tuple[str, object]]:
    """Each non-blank line's position and object; a line that does not parse, as its skip.

    Lines end at "\n" only: JSON strings may hold U+2028 and other line separators as they are.
    """
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                f"line {number}",
                EntrySkip(f"line {number}", f"not valid JSON: {exc.msg} (column {exc.colno})"),
            )
        except RecursionError:
            yield f"line {number}", EntrySkip(f"line {number}", "not valid JSON: nested too deeply")


# --- one article object --------------------------------------------------------------------


def _entry(obj: object, position: str, label: str, names: dict[str, str]) -> Entry | EntrySkip:
    if isinstance(obj, EntrySkip):
        return obj
    if not isinstance(obj, dict):
        return EntrySkip(position, "not a JSON object")

    def field(name: str) -> object:
        return _get(obj, names[name])

    def known(name: str) -> object:
        """Our field, else (when its name is the default) the other names real exports use
        for it: NewsAPI's and WordPress REST's."""
        value = field(name)
        if value is None and names[name] == DEFAULT_FIELDS[name]:
            for other in ALSO.get(name, ()):
                value = _get(obj, other)
                if value is not None:
                    break
        return value

    status = obj.get("status")
    if isinstance(status, str) and status.lower() in UNPUBLISHED:  # WordPress REST
        return EntrySkip(position, f"{status.lower()} (not published)")
    title = markup_line(_text(field("title")))
    if not title:
        return EntrySkip(position, "no title")
    paragraphs = _clip_marker(_body(field("body")) or _body(field("content")))
    if not paragraphs:
        return EntrySkip(position, "no body text")
    when = _date(_utc(obj.get("date_gmt")) if _is_default(names, "date") else None) or _date(
        known("date")
    )
    url = _text(known("url")).strip()
    dek = markup_line(_text(known("dek")))
    if dek and dek.rstrip(".…").removesuffix("[…]").strip() in " ".join(paragraphs[:2]):
        dek = ""  # only the opening again (an excerpt, NewsAPI's description)
    return Entry(
        title=title,
        paragraphs=paragraphs,
        dek=dek,
        date=when,
        date_origin="export" if when is not None else "",
        needs_date=False,
        url=url if is_http(url) else None,
        id=_ident(field("id"), url),
        # WordPress REST gives the author as a user number: no name
        author=None
        if isinstance(field("author"), int)
        else markup_line(_text(field("author"))) or None,
        source=markup_line(_text(field("source"))) or None,
        language=markup_line(_text(field("language"))) or None,
        tags=_tags(field("tags")),
        extra={"label": f"{label}: {position}"},
    )


# The names NewsAPI (publishedAt, description) and the WordPress REST API (link, date_gmt,
# excerpt; title and content as {"rendered": ...}) give our fields, read when the export
# has no member under our field's default name.
ALSO: dict[str, tuple[str, ...]] = {
    "date": ("publishedAt", "published_at", "pubDate", "published", "datePublished"),
    "url": ("link", "permalink", "webUrl"),
    "dek": ("description", "excerpt", "summary", "standfirst"),
}
UNPUBLISHED = frozenset({"draft", "pending", "private", "future", "trash", "auto-draft"})
# NewsAPI cuts "content" at 200 characters and says how much is left: "… [+2377 chars]".
_CLIPPED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def _ident(value: object, url: str) -> str | None:
    """The export's id; a bare number (a database row: WordPress's post 42) only when there
    is no URL to tell the article apart from another site's post 42."""
    ident = _text(value).strip()
    if ident.isdigit() and is_http(url):
        return None
    return ident or None


def _is_default(names: dict[str, str], name: str) -> bool:
    return names[name] == DEFAULT_FIELDS[name]


def _utc(value: object) -> object:
    """WordPress's ``date_gmt`` ("2026-11-26T10:00:00", no zone: UTC) as an aware string."""
    if isinstance(value, str) and value.strip() and value[:4] != "0000":
        return value.strip() + "+00:00" if not value.strip().endswith("Z") else value.strip()
    return None


def _clip_marker(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The body without NewsAPI's "[+2377 chars]" marker (and the ellipsis before it)."""
    if not paragraphs or not _CLIPPED.search(paragraphs[-1]):
        return paragraphs
    last = _CLIPPED.sub("", paragraphs[-1]).rstrip()
    return (*paragraphs[:-1], last + "…") if last else paragraphs[:-1]


def _get(obj: dict[str, object], path: str) -> object:
    """The member at ``path``: an exact key first, then a dotted path (``author.name``,
    ``authors.0.name``); keys match case-insensitively when no key matches exactly."""
    if not path:
        return None
    if path in obj:
        return obj[path]
    current: object = obj
    for part in path.split("."):
        if isinstance(current, dict):
            if part in current:
                current = current[part]
                continue
            folded = {str(k).casefold(): v for k, v in current.items()}
            if part.casefold() not in folded:
                return None
            current = folded[part.casefold()]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def _text(value: object) -> str:
    """A member as text: strings and numbers as they are, an object by its text-like member
    (``rendered``, ``name``, ...), a list as its items' texts joined with commas."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        key = next((k for k in _TEXT_KEYS if k in value), None)
        return _text(value[key]) if key else ""
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v).strip() for v in value) if t)
    return ""


def _body(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(p for v in value for p in _body(v))
    text = _text(value)
    if not text.strip():
        return ()
    return markup_paragraphs(text)


def _date(value: object) -> object:
    """The date as found (a string, for the caller's date rules); Unix times (seconds, or
    milliseconds) as UTC datetimes; ``{"$date": ...}`` as its value."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= 100_000_000_000 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dict):
        key = next((k for k in _DATE_KEYS if k in value), None)
        return _date(value[key]) if key else None
    if isinstance(value, str):
        return value.strip() or None
    return None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[object] = list(value.split(","))
    elif isinstance(value, list):
        items = value
    else:
        return ()
    return tuple(dict.fromkeys(t for t in (markup_line(_text(v)) for v in items) if t))


class _JsonReader:
    """A JSON Feed (handed to the feed reader), or an export: a JSON list of objects or JSON
    Lines."""

    extensions: tuple[str, ...] = (".json", ".jsonl", ".ndjson")

    def enabled(self) -> str | None:
        return None

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        label = location.as_posix()
        text = decode(data)
        if is_json_feed(text):
            return parse_feed(data, label, base_url=label if is_http(label) else None)
        jsonl = True if label.lower().endswith((".jsonl", ".ndjson")) else None
        return read_export(text, label, dict(options.fields) or None, jsonl=jsonl)


EXPORTS = register(_JsonReader())
