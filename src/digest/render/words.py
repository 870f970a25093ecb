"""How text is cut and tidied for the page: blurbs within a word budget, pull quotes capped,
stray quote marks dropped, and each story's language and direction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from digest.model import Article
from digest.settings import language_code

QUOTE_WORDS = 30  # a pull quote longer (4 lines on a phone) is cut, at a sentence if one ends

_SENTENCE_END = re.compile(r"[.!?…][’'”\")\]]*$")


def blurb(summary: Iterable[str], words: int) -> str:
    """The summary's first sentences within ``words`` (one or two: a blurb), or the first
    sentence cut at a word when even it is longer."""
    sentences = [s for s in summary if s.strip()]
    if not sentences:
        return ""
    kept: list[str] = []
    used = 0
    for sentence in sentences[:2]:
        n = len(sentence.split())
        if kept and used + n > words:
            break
        kept.append(sentence)
        used += n
    text = " ".join(kept)
    return text if used <= words else _cut_words(text, words)


def _cut_words(text: str, words: int) -> str:
    kept = text.split()[:words]
    return " ".join(kept).rstrip(",;:–—-") + "…"


def capped(text: str, words: int = QUOTE_WORDS) -> str:
    """A pull quote of at most ``words`` words: cut after the last sentence that ends within
    them, or at a word with an ellipsis."""
    parts = text.split()
    if len(parts) <= words:
        return text
    for end in range(words, max(words // 2, 1), -1):
        if _SENTENCE_END.search(parts[end - 1]):
            return " ".join(parts[:end])
    return _cut_words(text, words)


def tidy(text: str) -> str:
    """A quotation as the page shows it between “ ”: no stray single quote mark at the end
    (one whose opening mark the quote does not hold), no doubled full stop around one
    (``.'.`` and ``'.``)."""
    text = text.strip()
    text = re.sub(r"([.!?])(['’])\.$", r"\1\2", text)  # .'. -> .'
    opened = sum(text.count(c) for c in "‘‚") + len(re.findall(r"(?:^|\s)'", text))
    closed = sum(text.count(c) for c in "’") + len(re.findall(r"'(?:$|[\s.,;:!?])", text))
    for _ in range(2):
        trailing = re.search(r"(['’])([.,;:]?)$", text)
        if trailing is None or opened >= closed:
            break
        # the closing mark has no opening one in the quote: the quote began inside another
        text = text[: trailing.start()] + trailing.group(2)
        closed -= 1
    return text.rstrip(",;: ")


_RTL = ("R", "AL")


def direction(text: str) -> str:
    """ "rtl" when most strong letters of ``text`` are right-to-left (Arabic, Hebrew...)."""
    rtl = ltr = 0
    for char in text[:400]:
        bidi = unicodedata.bidirectional(char)
        if bidi in _RTL:
            rtl += 1
        elif bidi == "L":
            ltr += 1
    return "rtl" if rtl > ltr else "ltr"


_SCRIPTS = {"ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el"}


def lang(article: Article) -> str:
    """The story's language code: its stated language, unless its letters are mostly of
    another script (an Arabic story read with the default English)."""
    code = language_code(article.language)
    counts: dict[str, int] = {}
    sample = article.title + " " + " ".join(article.paragraphs[:1])
    for char in sample[:300]:
        if char.isalpha():
            script = unicodedata.name(char, "LATIN").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return code
    script = max(counts, key=lambda k: counts[k])
    if script in _SCRIPTS and _latin(code):
        return _SCRIPTS[script]
    return code


def dir_of(article: Article) -> str:
    return direction(article.title + " " + " ".join(article.paragraphs[:1]))


def _latin(code: str) -> bool:
    return code not in ("ru", "uk", "el", "ar", "he", "fa")


def long_date(day: date) -> str:
    """A day as the subject, the archive and the templates write it: "27 November 2026"."""
    return f"{day.day} {day:%B %Y}"
