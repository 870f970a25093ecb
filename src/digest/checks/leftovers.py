"""leftovers: template syntax or MJML tags left in the digest, and parts-match: a folder's
digest.html and digest.txt are the message's parts."""

from __future__ import annotations

import re

from digest.checks.registry import (
    CheckResult,
    Loaded,
    check,
    clip,
    failure,
    first,
    lineno,
    passed,
    plural,
)
from digest.outbox import names

_TEMPLATE = re.compile(r"\{\{(?:[^\n]*?\}\})?|\{%(?:[^\n]*?%\})?|\{#(?:[^\n]*?#\})?|\}\}|%\}")
_MJML_TAG = re.compile(r"</?mj-[a-z][^<>\n]*>?|<mjml\b[^<>\n]*>?", re.IGNORECASE)


def _leftover(where: str, line: int, match: re.Match[str]) -> str:
    return f"{where} line {line}: {clip(match.group(), 40)!r}"


def _article_words(manifest: dict[str, object] | None) -> str:
    """Every string the digest's articles contribute (from its manifest), whitespace
    collapsed: an article may well contain ``{{`` as text, which is no leftover."""
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    if manifest is not None:
        collect([manifest.get("articles"), manifest.get("more_stories")])
    return " ".join(" ".join(strings).split())


@check("leftovers")
def leftovers(loaded: Loaded) -> CheckResult:
    """Template syntax in the text part or in the HTML's text and attribute values (never in
    CSS, where ``}}`` is normal), and MJML tags anywhere in the HTML. Syntax that is part of
    an article's own words (``articles``, see :func:`_article_words`) is the article's."""
    html, text = loaded.html, loaded.text
    scan = loaded.scan if html is not None else None
    articles = _article_words(loaded.digest.manifest())
    found: list[str] = []

    def own(match: re.Match[str]) -> bool:
        words = " ".join(match.group(0).split())
        return bool(articles and words and words in articles)

    if text is not None:
        for match in _TEMPLATE.finditer(text):
            if not own(match):
                found.append(_leftover("text", lineno(text, match.start()), match))
    if scan is not None:
        for line, chunk in scan.texts:
            for match in _TEMPLATE.finditer(chunk):
                if not own(match):
                    at = line + chunk.count("\n", 0, match.start())
                    found.append(_leftover("HTML", at, match))
    if html is not None:
        for match in _MJML_TAG.finditer(html):
            found.append(_leftover("HTML", lineno(html, match.start()), match))
    if found:
        return failure(
            "leftovers",
            f"{plural(len(found), 'leftover')} of template syntax or MJML: {first(found)}",
        )
    return passed("leftovers", "no template syntax or MJML tags left over")


@check("parts-match")
def parts_match(loaded: Loaded) -> CheckResult | None:
    """In a folder: digest.html and digest.txt (when there) are the message's parts."""
    files = [n for n in (loaded.html_from, loaded.text_from) if n in (names.HTML, names.TEXT)]
    if loaded.mismatches:
        return failure("parts-match", "; ".join(loaded.mismatches))
    if files:
        return passed("parts-match", f"{' and '.join(files)} match the parts of {names.EML}")
    return None
