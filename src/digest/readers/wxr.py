"""WordPress export files (WXR: RSS 2.0 with the ``wp:`` namespace), the published posts.

A WXR file (Tools > Export in WordPress) holds every post, page, attachment, menu item and
draft of a site. Only published posts are articles: anything else is skipped with what it is
(``WordPress draft``, ``WordPress page, not a post``). A post's date is ``wp:post_date_gmt``
(UTC; ``0000-00-00 00:00:00`` on a post never published), else its ``pubDate``, else
``wp:post_date`` (the site's time, read in the run's zone). Its body is ``content:encoded``,
which WordPress stores without ``<p>`` tags (paragraphs are blank-line separated, as its
``wpautop`` filter expects) and with shortcodes such as ``[caption]``; its standfirst is
``excerpt:encoded``. The reader of ``.xml`` feeds hands a WXR document here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from digest.errors import ArticleError
from digest.readers.base import Entry, EntrySkip
from digest.text import clean_line, html_to_paragraphs
from digest.urls import absolute

__all__ = ["is_wxr", "parse_wxr"]

WP_NAMESPACE = "http://wordpress.org/export/"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_BLOCKS = re.compile(r"<(?:p|div|h[1-6]|ul|ol|blockquote|table|figure|pre)[\s>]", re.I)
_BLANK = re.compile(r"\n[ \t\r]*\n")
# WordPress's own shortcodes (a bracketed name with attributes, or a closing one); the text
# between an opening and closing one (a caption) stays.
_SHORTCODE = re.compile(
    r"\[/?(?:caption|gallery|embed|audio|video|playlist|wp_caption|vc_[a-z_]+|et_pb_[a-z_]+)"
    r"\b[^\]]*\]",
    re.I,
)
NEVER = "0000-00-00 00:00:00"


def is_wxr(data: bytes) -> bool:
    """Whether an RSS document is a WordPress export (it declares the ``wp:`` namespace)."""
    return WP_NAMESPACE.encode() in data[:65536]


def _wp(element: ElementTree.Element, name: str) -> str:
    """The text of the child ``wp:<name>`` (of any WXR version), stripped; "" when absent."""
    for child in element:
        if child.tag.startswith("{" + WP_NAMESPACE) and child.tag.endswith("}" + name):
            return (child.text or "").strip()
    return ""


def _child(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _excerpt(item: ElementTree.Element) -> str:
    for child in item:
        if child.tag.endswith("}encoded") and "excerpt" in child.tag:
            return child.text or ""
    return ""


_CAPTION = re.compile(r"\[(wp_)?caption\b[^\]]*\].*?\[/(wp_)?caption\]", re.I | re.S)


def autop(content: str) -> str:
    """WordPress post content as HTML paragraphs: blank lines end a paragraph and single line
    breaks are ``<br>`` where the content has no block markup of its own (wpautop's rule).
    Captions go (an image's, not the article's text), and other shortcodes' brackets."""
    content = _SHORTCODE.sub("", _CAPTION.sub("", content))
    if _BLOCKS.search(content):
        return content
    paragraphs = [p.strip() for p in _BLANK.split(content.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + p.replace("\n", "<br>\n") + "</p>" for p in paragraphs)


def parse_wxr(data: bytes, label: str) -> list[Entry | EntrySkip]:
    """Every item of a WXR file: an :class:`Entry` for each published post, an
    :class:`EntrySkip` saying what each other item is. Raises ArticleError when malformed."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ArticleError(f"malformed WordPress export: {exc}") from None
    channel = root.find("channel")
    if channel is None:
        raise ArticleError("malformed WordPress export: no <channel>")
    source = clean_line(_child(channel, "title")) or None
    base = absolute(_child(channel, "link"), None)
    language = clean_line(_child(channel, "language")) or None
    out: list[Entry | EntrySkip] = []
    for number, item in enumerate(channel.findall("item"), 1):
        title = clean_line(_child(item, "title"))
        label_ = _child(item, "guid") or _child(item, "link") or f"item {number}"
        kind = _wp(item, "post_type") or "post"
        status = _wp(item, "status") or "publish"
        if kind != "post":
            out.append(EntrySkip(label_, f"WordPress {kind}, not a post"))
            continue
        if status != "publish":
            out.append(EntrySkip(label_, f"WordPress {status} (not published)"))
            continue
        paragraphs = html_to_paragraphs(autop(_child(item, _CONTENT)))
        if not paragraphs:
            out.append(EntrySkip(label_, "no text"))
            continue
        gmt = _wp(item, "post_date_gmt")
        if gmt and gmt != NEVER:
            date: object = gmt.replace(" ", "T") + "+00:00"
            origin = "export"
        elif _child(item, "pubDate"):
            date, origin = _child(item, "pubDate"), "export"
        else:
            local = _wp(item, "post_date")
            date, origin = (local or None), ("export" if local and local != NEVER else "")
            if local == NEVER:
                date = None
        tags = tuple(
            dict.fromkeys(
                t
                for t in (clean_line(c.text or "") for c in item.findall("category"))
                if t and t.lower() != "uncategorized"
            )
        )
        out.append(
            Entry(
                title=title,
                paragraphs=paragraphs,
                dek=" ".join(html_to_paragraphs(_excerpt(item))),
                date=date,
                date_origin=origin,
                url=absolute(_child(item, "link"), base),
                id=_child(item, "guid") or None,
                author=clean_line(_child(item, _DC_CREATOR)) or None,
                source=source,
                language=language,
                tags=tags,
                extra={"feed": label},
            )
        )
    return out
