"""OPML lists of feeds (``.opml``): each outline's ``xmlUrl`` becomes a feed source.

Feed readers export their subscriptions as OPML (http://opml.org/spec2.opml): nested
``<outline>`` elements, a feed's with ``type="rss"`` and its address in ``xmlUrl``. The scan
adds every http(s) ``xmlUrl`` to the sources (each read as a feed URL, once, however many
lists and outlines name it); the list itself gives no articles, and is skipped with the reason
when it is malformed or lists no feed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from digest.errors import ArticleError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register, register_list
from digest.urls import is_http

__all__ = ["OPML", "feed_urls"]


def feed_urls(data: bytes) -> list[str]:
    """Every http(s) feed URL the list names, in document order, each once. Raises
    ArticleError for a document that is not OPML or lists no feed."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ArticleError(f"malformed OPML: {exc}") from None
    if root.tag.rpartition("}")[2].lower() != "opml":
        raise ArticleError("not an OPML list of feeds (no <opml> element)")
    urls: dict[str, None] = {}
    for outline in root.iter():
        if outline.tag.rpartition("}")[2].lower() != "outline":
            continue
        attributes = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attributes.get("xmlurl") or "").strip()
        if is_http(url):
            urls.setdefault(url, None)
    if not urls:
        raise ArticleError("no feeds listed: no outline with an http(s) xmlUrl")
    return list(urls)


class _OpmlReader:
    """A list of feeds: it is read for its problems only (its feeds are sources of their own)."""

    extensions: tuple[str, ...] = (".opml",)

    def enabled(self) -> str | None:
        return None

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        feed_urls(data)
        return []


OPML = register(_OpmlReader())
register_list(".opml", feed_urls)
