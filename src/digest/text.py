"""The one text kit: display lines, paragraphs from plain text, HTML and Markdown.

Every reader, and whatever else turns outside text into what the digest shows, goes through
these: one set of characters that never reach a reader (:data:`UNSEEN`), one rule for plain
text paragraphs (:func:`text_paragraphs`), one HTML converter (:func:`html_to_paragraphs`,
which hands its lines to the same rule), one Markdown stripper and one "Also read" filter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from html.parser import HTMLParser

__all__ = [
    "UNSEEN",
    "clean_line",
    "html_to_paragraphs",
    "is_also_read",
    "one_line",
    "repair_mojibake",
    "strip_markdown",
    "text_paragraphs",
]

# Never shown: C0/C1 controls (NUL, tab and newline included: they fold to a space), DEL,
# bidi controls, zero-width characters, the byte order mark and the non-characters U+FFFE/FFFF.
UNSEEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]"
)


def one_line(text: str) -> str:
    """The text on one line: unseen characters become spaces, runs of spaces fold to one."""
    return " ".join(UNSEEN.sub(" ", text).split())


# UTF-8 read as Windows-1252 (or Latin-1): "TomÃ¡s", "PeÃ±a", "rÃ©sumÃ©", "itâ€™s". A lead
# byte's character, then the characters of its continuation bytes (0x80-0xBF) as cp1252 shows
# them, or as Latin-1's C1 controls where cp1252 has none.
_CONTINUATION = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" + (
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(
    f"[\xc2-\xdf][{_CONTINUATION}]|[\xe0-\xef][{_CONTINUATION}]{{2}}|[\xf0-\xf4][{_CONTINUATION}]{{3}}"
)


def _as_bytes(text: str) -> bytes:
    return bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in text)


def _plausible(char: str) -> bool:
    """What a repair may give: Latin, Greek and Cyrillic letters and signs, typographic
    punctuation, currency and letterlike signs, emoji. Not a rare script's letter that an
    unlucky pair of accented letters could also spell ("à\xa0»" is French, not U+083B)."""
    point = ord(char)
    return (
        0xA0 <= point <= 0x24F
        or 0x370 <= point <= 0x52F
        or 0x2000 <= point <= 0x215F
        or 0x1F000 <= point <= 0x1FAFF
    )


# what correct text puts right after an accented capital ("LIBERTÉ…", "«SE ACABÓ»", "Ô\xa0Canada",
# "KOÇ’UN", "“GANÓ”"): punctuation and spaces. A sequence whose continuations are all of these
# is read as written; mojibake nearly always has one that is not ("©", "±", "€", "™").
_PUNCTUATION_AFTER = frozenset("\xa0\xab\xbb\u2026\u2018\u2019\u201c\u201d\u2013\u2014")


_SPACED = {"Ã\xa0", "Â\xa0"}  # "à" and a no-break space, broken: common, and never correct text


def _repaired(match: re.Match[str]) -> str:
    if all(c in _PUNCTUATION_AFTER for c in match.group()[1:]) and match.group() not in _SPACED:
        return match.group()
    try:
        char = _as_bytes(match.group()).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()
    return char if _plausible(char) else match.group()


def repair_mojibake(text: str) -> str:
    """Text whose UTF-8 was read as Windows-1252 or Latin-1, read right: "TomÃ¡s" is "Tomás",
    "itâ€™s" is "it’s". Each broken character is mended on its own, only into a letter or sign
    of the scripts such text uses, and never where an accented capital is followed by
    punctuation only (``_PUNCTUATION_AFTER``), so correct text is left as it is."""
    return _MOJIBAKE.sub(_repaired, text)


def clean_line(text: str) -> str:
    """One line of display text from a source: NFC, mojibake repaired (:func:`repair_mojibake`;
    after NFC, as "Ã" may come as "A" and a combining tilde), then :func:`one_line`."""
    return one_line(repair_mojibake(unicodedata.normalize("NFC", text)))


# "Also read: ...", "Read more – ...", "Related stories", "Sign up - ...": links and page
# chrome, not the story. A separator must follow the words (a hyphen only with spaces around
# it, so "Related-party loans ..." is text), or the words stand alone. And a pointer to the
# source's page: "Read the rest of the story at The New York Post.", "Continue reading on …",
# "Read part 1 here, and part 2 here.".
_ALSO_READ = re.compile(
    r"^\s*(?:(?:also read|read more|read also|more to read|see also"
    r"|related(?: stories| story)?|more on this story|recommended|don't miss|follow us|sign up"
    r"|subscribe|click here)\s*(?:[:|»>]|[–—]|\s-\s|$)"
    r"|(?:read|continue reading|see)\s+(?:the\s+)?(?:rest|full|whole|entire|complete|original)\b"
    r"[^.!?]{0,40}?\b(?:at|on|here|over)\b|(?:read more|continue reading)\s+(?:at|on|here)\b"
    r"|read\b[^.!?]{0,40}?\bhere\b)",
    re.I,
)


def is_also_read(line: str) -> bool:
    """Whether a paragraph or sentence is an "Also read" link or similar page chrome."""
    return _ALSO_READ.match(line) is not None


# --- plain text ----------------------------------------------------------------------------

_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’»)\]]$")


def blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, non-empty lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _joined(lines: Iterable[str]) -> list[str]:
    """Lines of one block as paragraphs.

    A line that ends a sentence ends its paragraph (news exports put one paragraph a line);
    a line that stops mid-sentence is hard-wrapped and joins the next one.
    """
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if _ENDS_SENTENCE.search(line):
            out.append(" ".join(pending))
            pending = []
    if pending:
        out.append(" ".join(pending))
    return out


def block_paragraphs(found: Iterable[list[str]]) -> list[str]:
    """Clean paragraphs from :func:`blocks`, by the rules of :func:`text_paragraphs`."""
    paragraphs = (clean_line(p) for block in found for p in _joined(block))
    return [p for p in paragraphs if p]


def text_paragraphs(text: str) -> tuple[str, ...]:
    """Plain text as clean paragraphs: a blank line ends a paragraph, and so does a line that
    ends a sentence; a line that stops mid-sentence joins the next."""
    return tuple(block_paragraphs(blocks(text)))


# --- HTML ----------------------------------------------------------------------------------

# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# Never article text: code, fallbacks, embeds, form controls, image captions, page chrome.
_DROPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head",
    "title", "figcaption", "button", "select", "textarea",
})
# fmt: on
_SPACE = re.compile(r"\s+")


class _TextParser(HTMLParser):
    """The text of an HTML fragment as lines of blocks: a block element ends a block, ``<br>``
    ends a line; the markup's own whitespace is folded."""

    def __init__(self, kept: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.dropped = _DROPPED_TAGS - kept
        self.blocks: list[str] = []  # each block's text, "\n" where a <br> stood
        self.raw: list[str] = []  # all text as written, for markup without structure
        self.structured = False  # whether any block element or <br> was seen
        self._text: list[str] = []
        self._dropping: list[str] = []

    def _flush(self) -> None:
        if self._text:
            self.blocks.append("".join(self._text))
            self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.dropped:
            self._dropping.append(tag)
        elif tag == "br":
            self.structured = True
            self._text.append("\n")
        elif tag in _BLOCK_TAGS:
            self.structured = True
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.dropped:  # <br/>, <hr/>; a self-closed <script/> drops nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._dropping:
            while self._dropping.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS:
            self.structured = True
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.raw.append(data)
            self._text.append(_SPACE.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_paragraphs(markup: str) -> tuple[str, ...]:
    """HTML as plain-text paragraphs: tags gone, entities read, whitespace folded.

    A block element (p, div, li, headings, blockquote, ...) ends a paragraph. ``<br>`` ends a
    line, and lines then follow the plain-text rule: a line that ends a sentence ends its
    paragraph, ``<br><br>`` (a blank line) ends one, a line that stops mid-sentence joins the
    next. Script, style, noscript, figcaption and similar content is dropped (an element of
    these other than script and style that is never closed drops nothing). Markup without
    any block element or ``<br>`` (plain text in an HTML field) is read as plain text.
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    unclosed = frozenset(parser._dropping) - {"script", "style"}
    if unclosed:  # an <object> never closed would drop the rest: it drops nothing instead
        parser = _TextParser(kept=unclosed)
        parser.feed(markup)
        parser.close()
    if not parser.structured:
        return text_paragraphs("".join(parser.raw))
    return tuple(p for block in parser.blocks for p in text_paragraphs(block))


def looks_like_html(text: str) -> bool:
    """Whether text holds a tag (or a comment), so it is read as HTML."""
    return _TAG.search(text) is not None


def has_entities(text: str) -> bool:
    return _ENTITY.search(text) is not None


_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def markup_line(text: str) -> str:
    """One line of display text from a value that may hold HTML or entities."""
    if looks_like_html(text) or has_entities(text):
        text = " ".join(html_to_paragraphs(text))
    return clean_line(text)


def markup_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs from a value that may be HTML (it has tags) or plain text (maybe with
    entities)."""
    if looks_like_html(text):
        return html_to_paragraphs(text)
    if has_entities(text):
        text = unescape(text)
    return text_paragraphs(text)


# --- Markdown ------------------------------------------------------------------------------

_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"<https?://[^>]+>"), ""),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1."),  # headings end a sentence
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # blockquotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),  # rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.S | re.M)


def strip_markdown(text: str) -> str:
    """Markdown to plain text for summarizing: formatting gone, words kept, code dropped."""
    text = _FENCE.sub("", text)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text.replace("\\", "")


def lf(text: str) -> str:
    """CRLF and lone CR line endings as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
