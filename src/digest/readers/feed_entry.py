"""What a feed entry's fields mean, as feedparser reports them: its date (feedparser's date
handlers where they know more than ours), its body (decoded, whatever type it claims), a
headline for an entry without one, and what a Blogger export entry is."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from time import struct_time
from typing import Any

from digest import dates
from digest.text import html_to_paragraphs, text_paragraphs

__all__ = [
    "HEADLINE_WORDS",
    "KIND_SCHEME",
    "blogger_kind",
    "body_paragraphs",
    "headline_from",
    "nonempty",
    "xml_dated",
]


def nonempty(value: object) -> str | None:
    """A non-empty string value, stripped, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# Where an XML feed entry's date is, best first (feedparser's names: Atom 0.3's <issued> and
# RSS's <pubDate> are "published", <created> and <dcterms:created> "created").
_XML_DATES = (
    ("published", "feed published"),
    ("created", "feed created"),
    ("updated", "feed updated"),
)
_PROBE = timezone(timedelta(hours=5, minutes=30))  # any zone but UTC: tells a naive reading


def xml_dated(item: dict[str, Any]) -> dict[str, object]:
    """The entry's date as the feed wrote it, or as feedparser's date handlers read it.

    Our reading keeps the offset the feed wrote, and reads a date without a zone in the run's
    zone. Where feedparser's handlers know more (US zone letters such as ``ET`` and ``PT``,
    localized and odd formats), its parsed time (UTC) is used: when ours cannot read the date,
    or reads no zone in it while feedparser's time differs from that reading in UTC.
    """
    for key, origin in _XML_DATES:
        raw = nonempty(dict.get(item, key))  # dict.get: feedparser's get("updated") falls back
        parsed = dict.get(item, f"{key}_parsed")
        theirs = _from_struct(parsed)
        if raw is None:
            if theirs is not None:
                return {"date": theirs, "date_origin": origin}
            continue
        try:
            in_utc = dates.parse_feed_date(raw, UTC)
            naive = in_utc != dates.parse_feed_date(raw, _PROBE)
        except ValueError:
            if theirs is not None:
                return {"date": theirs, "date_origin": origin}
            return {"date": raw, "date_origin": origin}  # unreadable: said so by the caller
        if naive and theirs is not None and theirs != in_utc:
            return {"date": theirs, "date_origin": origin}
        return {"date": raw, "date_origin": origin}
    return {"date": None, "date_origin": ""}


def _from_struct(value: object) -> datetime | None:
    """feedparser's parsed date (a UTC struct_time) as an aware datetime."""
    if not isinstance(value, struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Þ])")
HEADLINE_WORDS = 14  # a headline made from a longer first sentence is cut after this many


def headline_from(paragraphs: tuple[str, ...]) -> str:
    """A headline for an entry that has none: its first sentence, cut at a word with "…"
    when long."""
    first = _SENTENCE_END.split(paragraphs[0], maxsplit=1)[0].strip()
    words = first.split()
    if len(words) > HEADLINE_WORDS:
        return " ".join(words[:HEADLINE_WORDS]).rstrip(",;:–—-") + "…"
    return first


_TAG_TEXT = re.compile(
    r"</?(?:p|a|br|div|span|img|table|tr|td|ul|ol|li|em|strong|b|i|h[1-6]|blockquote|pre|code)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)


def body_paragraphs(value: str, kind: str) -> tuple[str, ...]:
    """A body as feedparser decoded it (base64, escaped or inline markup) as paragraphs, by
    the type it reports. Markup in a "text/plain" body (Atom 0.3's default type, often wrong)
    is read as HTML, and so is HTML escaped twice (it shows as tags once read: a real Reddit
    feed does this)."""
    if "html" in kind or _TAG_TEXT.search(value):
        paragraphs = html_to_paragraphs(value)
    else:
        paragraphs = text_paragraphs(value)
    text = "\n".join(paragraphs)
    if len(_TAG_TEXT.findall(text)) >= 2:  # escaped twice: read the tags it shows
        paragraphs = html_to_paragraphs(text.replace("\n", "<br>\n"))
    return paragraphs


KIND_SCHEME = "schemas.google.com/g/2005#kind"  # Blogger's kind of entry (post, comment, ...)


def blogger_kind(item: Mapping[str, object]) -> str | None:
    """What a Blogger export entry is ("post", "comment", "settings", "template", "page"),
    from its kind category; None for an entry of any other feed."""
    for tag in item.get("tags") or ():  # type: ignore[attr-defined]
        if isinstance(tag, Mapping) and str(tag.get("scheme") or "").endswith(KIND_SCHEME):
            term = str(tag.get("term") or "")
            if "/blogger/" in term:  # (Google's other feeds use the scheme too: Docs lists)
                return term.rpartition("#")[2] or None
    return None
