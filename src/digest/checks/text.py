"""The plain-text part: text-lines (line lengths, trailing spaces) and links-in-text (every
link in the HTML is in the text too)."""

from __future__ import annotations

import re

from digest.checks.registry import (
    HTML,
    TEXT,
    CheckResult,
    Loaded,
    check,
    clip,
    failure,
    first,
    passed,
    plural,
    warned,
)

TEXT_MAX = 78
TEXT_SOFT = 72

_LONE_URL = re.compile(r" *(?:\[\d+\] ?)?<?((?:https?://|mailto:)\S+?)>?")
_SIGNATURE = "-- "  # RFC 3676: the signature separator keeps its trailing space


@check("text-lines", needs=(TEXT,))
def text_lines(loaded: Loaded) -> CheckResult:
    text = loaded.text or ""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not "".join(lines).strip():
        return failure("text-lines", "the text part is empty")
    too_long: list[str] = []
    lone_urls: list[str] = []
    trailing: list[str] = []
    over_soft = 0
    for number, line in enumerate(lines, start=1):
        if line != _SIGNATURE and line.endswith((" ", "\t")):
            trailing.append(str(number))
        url = _LONE_URL.fullmatch(line)
        if url and len(line) > TEXT_MAX and len(url.group(1)) > TEXT_MAX:
            lone_urls.append(str(number))
            continue
        if len(line) > TEXT_SOFT:
            over_soft += 1
        if len(line) > TEXT_MAX:
            too_long.append(f"line {number} ({len(line)})")
    problems: list[str] = []
    if too_long:
        problems.append(
            f"{plural(len(too_long), 'line')} over {TEXT_MAX} characters: {first(too_long)}"
        )
    if trailing:
        problems.append(
            f"trailing spaces on {plural(len(trailing), 'line')}: line {first(trailing)}"
        )
    if problems:
        return failure("text-lines", "; ".join(problems))
    notes: list[str] = []
    if lone_urls:
        notes.append(
            f"{plural(len(lone_urls), 'line')} over {TEXT_MAX} characters "
            f"{'is a URL' if len(lone_urls) == 1 else 'are URLs'} too long to wrap "
            f"(line {first(lone_urls)})"
        )
    if over_soft * 10 > len(lines):
        notes.append(
            f"{over_soft} of {len(lines)} lines are over {TEXT_SOFT} characters (more than 10%)"
        )
    if notes:
        return warned("text-lines", "; ".join(notes))
    return passed(
        "text-lines",
        f"{plural(len(lines), 'line')}, none over {TEXT_MAX} characters or with trailing spaces",
    )


# --- 5. links-in-text ------------------------------------------------------------------------

_URL_CONTINUES = re.compile(r"[A-Za-z0-9/?#&=%_~+\-]")


def _appears(url: str, text: str) -> bool:
    """``url`` occurs in ``text`` and is not merely the start of a longer URL."""
    start = text.find(url)
    while start != -1:
        end = start + len(url)
        if end == len(text) or not _URL_CONTINUES.match(text[end]):
            return True
        start = text.find(url, start + 1)
    return False


@check("links-in-text", needs=(HTML, TEXT))
def links_in_text(loaded: Loaded) -> CheckResult:
    scan, text = loaded.scan, loaded.text or ""
    hrefs: list[str] = []
    for tag in scan.tags:
        href = (tag.attrs.get("href") or "").strip()
        if tag.name in ("a", "area") and re.match(r"(?i)(https?://|mailto:)", href):
            hrefs.append(href)
    hrefs = list(dict.fromkeys(hrefs))
    if not hrefs:
        return passed("links-in-text", "no links in the HTML")
    missing = []
    for href in hrefs:
        found = _appears(href, text)
        if not found and href.lower().startswith("mailto:"):
            # a mail link may show as the bare address in plain text
            address = href[len("mailto:") :].split("?", 1)[0]
            found = bool(address) and _appears(address, text)
        if not found:
            missing.append(href)
    if missing:
        return failure(
            "links-in-text",
            f"{len(missing)} of {plural(len(hrefs), 'link')} in the HTML "
            f"{'is' if len(missing) == 1 else 'are'} missing from the text part: "
            f"{first([clip(m) for m in missing])}",
        )
    every = "the 1 link appears" if len(hrefs) == 1 else f"all {len(hrefs)} links appear"
    return passed("links-in-text", f"{every} in the text part too")
