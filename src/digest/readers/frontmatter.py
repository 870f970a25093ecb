"""Static-site metadata at the top of a text or Markdown file, as the site generators write it.

* YAML between ``---`` lines (Jekyll, Hugo, Eleventy, Astro, Nuxt Content, ...);
* TOML between ``+++`` lines (Hugo, Zola);
* a JSON object (Hugo);
* ``Key: value`` lines up to the first blank line (Pelican, MultiMarkdown), recognised only when
  every line of that first block is one and they name a title or a date, so a headline such as
  ``Breaking: storm hits the coast`` stays a headline.

Keys are read in lower case. :func:`publication_date` knows the date keys these generators use,
and :func:`unpublished` their draft flags (Hugo/Astro/Zola ``draft``, Jekyll ``published:
false``, Pelican ``Status: draft``, Jekyll's ``_drafts`` folder).
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import PurePath

import yaml

from digest.errors import ArticleError

_YAML = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_TOML = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9 _-]{0,30}):[ \t]*(.*)")
_INDENTED = re.compile(r"[ \t]+\S")  # a MultiMarkdown value going on on the next line
# the keys a Pelican or MultiMarkdown header is made of (one of the first two must be there)
HEADER_KEYS = frozenset(
    {
        "title", "date", "author", "authors", "category", "tags", "keywords", "slug", "summary",
        "status", "modified", "lang", "language", "url", "save_as", "template", "base header level",
        "css", "subtitle", "copyright", "affiliation", "email", "address", "web", "translation",
        "series", "image", "description", "source",
    }
)  # fmt: skip

# Where the publication date is, most specific first: Jekyll/Hugo/Eleventy/Zola/Pelican
# ``date``, Astro ``pubDate``, Hugo ``publishDate``, Nuxt ``createdAt``, and the rest.
DATE_KEYS = (
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "published",
    "published_at",
    "publishedat",
    "date_published",
    "datepublished",
    "pub_date",
    "createdat",
    "created_at",
    "created",
)


def split(text: str) -> tuple[dict[str, object], str]:
    """The front matter (keys in lower case) and the rest of the text. Raises ArticleError for
    front matter that does not parse."""
    if text.startswith("---"):
        match = _YAML.match(text)
        if match:
            return _keyed(_yaml(match.group(1)), "YAML"), text[match.end() :]
    elif text.startswith("+++"):
        match = _TOML.match(text)
        if match:
            try:
                data = tomllib.loads(match.group(1))
            except tomllib.TOMLDecodeError as exc:
                raise ArticleError(f"malformed front matter (TOML): {exc}") from None
            return _keyed(data, "TOML"), text[match.end() :]
    elif text.startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return {}, text  # a body that happens to open with a brace
        line_end = text.find("\n", end)
        if (
            isinstance(data, dict)
            and not text[end : len(text) if line_end < 0 else line_end].strip()
        ):
            return _keyed(data, "JSON"), text[end:]
        return {}, text
    return _header(text)


def _yaml(source: str) -> object:
    try:
        return yaml.safe_load(source) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(
            f"malformed front matter{where}: {getattr(exc, 'problem', exc)}"
        ) from None


def _keyed(data: object, kind: str) -> dict[str, object]:
    if not isinstance(data, dict):
        raise ArticleError(f"malformed front matter ({kind}): expected 'key: value' lines")
    return {str(k).lower(): v for k, v in data.items()}


def _header(text: str) -> tuple[dict[str, object], str]:
    """Pelican / MultiMarkdown ``Key: value`` lines up to the first blank line, if the whole
    first block is made of them and it names a title or a date."""
    meta: dict[str, object] = {}
    offset = 0
    last = ""
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            break
        match = _HEADER_LINE.fullmatch(stripped)
        if match and not _INDENTED.match(line) and match.group(1).lower() in HEADER_KEYS:
            last = match.group(1).lower()
            meta[last] = match.group(2).strip()
        elif last and _INDENTED.match(line):  # MultiMarkdown: a value over several lines
            meta[last] = f"{meta[last]} {stripped}"
        else:
            return {}, text
        offset += len(line)
    if "title" not in meta and "date" not in meta:
        return {}, text
    rest = text[offset:]
    return meta, rest[len(rest) - len(rest.lstrip("\r\n")) :]


def publication_date(meta: dict[str, object]) -> tuple[str, object] | None:
    """The first date key with a value (``published: false`` is a draft flag, not a date)."""
    for key in DATE_KEYS:
        value = meta.get(key)
        if value is None or isinstance(value, bool) or value == "":
            continue
        if isinstance(value, (str, date)):  # (a datetime is a date)
            return key, value
    return None


def _false(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() in ("false", "no"))


def _true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes"))


def unpublished(meta: dict[str, object], path: PurePath | None = None) -> str | None:
    """Why the post is not published (a draft, ``published: false``, a draft status, a file
    in Jekyll's ``_drafts``), or None."""
    for key in ("draft", "_draft", "drafts"):
        if _true(meta.get(key)):
            return f"{key}: true"
    for key in ("published", "publish"):
        if _false(meta.get(key)):
            return f"{key}: false"
    status = meta.get("status")
    if isinstance(status, str) and status.strip().lower() in (
        "draft",
        "hidden",
        "private",
        "unpublished",
        "pending",
        "future",
    ):
        return f"status: {status.strip().lower()}"
    if path is not None and "_drafts" in path.parts[:-1]:
        return "in _drafts/"
    return None
