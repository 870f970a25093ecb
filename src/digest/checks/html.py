"""The HTML part: html-size (Gmail clipping), accessibility, absolute-links,
outlook-conditionals, dark-mode and preheader."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from digest.checks.registry import (
    HTML,
    CheckResult,
    Loaded,
    check,
    clip,
    failure,
    first,
    lineno,
    passed,
    plural,
    warned,
)
from digest.render.fit import GMAIL_CLIP_BYTES, HTML_WARN_BYTES
from digest.urls import safe_link


@check("html-size", needs=(HTML,))
def html_size(loaded: Loaded) -> CheckResult:
    html = loaded.html or ""
    size = len(html.encode("utf-8"))
    detail = f"{size / 1000:.1f} KB of HTML (Gmail clips at {GMAIL_CLIP_BYTES // 1000} KB)"
    if size > GMAIL_CLIP_BYTES:
        return failure("html-size", f"{detail}: Gmail will cut the message short")
    if size >= HTML_WARN_BYTES:
        return warned("html-size", f"{detail}: close to the limit")
    return passed("html-size", detail)


# --- 6. accessibility ------------------------------------------------------------------------


@check("accessibility", needs=(HTML,))
def accessibility(loaded: Loaded) -> CheckResult:
    scan = loaded.scan
    problems: list[str] = []
    if not scan.seen_html:
        problems.append("no <html> element (so no lang)")
    elif not (scan.html_lang or "").strip():
        problems.append("<html> has no lang attribute")
    tables = [t for t in scan.tags if t.name == "table"]
    bare = [f"line {t.line}" for t in tables if not (t.attrs.get("role") or "").strip()]
    if bare:
        problems.append(
            f"{len(bare)} of {plural(len(tables), 'table')} "
            f'{"has" if len(bare) == 1 else "have"} no role="presentation" ({first(bare)})'
        )
    images = [t for t in scan.tags if t.name == "img"]
    no_alt = [
        f"{clip(t.attrs.get('src') or '(no src)', 50)} (line {t.line})"
        for t in images
        if "alt" not in t.attrs
    ]
    if no_alt:
        problems.append(
            f"{len(no_alt)} of {plural(len(images), 'image')} "
            f"{'has' if len(no_alt) == 1 else 'have'} no alt: {first(no_alt)}"
        )
    if problems:
        return failure("accessibility", "; ".join(problems))
    lang = (scan.html_lang or "").strip()
    return passed(
        "accessibility",
        f'lang="{lang}", {plural(len(tables), "table")} with a role, '
        f"{plural(len(images), 'image')} with alt",
    )


# --- 7. absolute-links -----------------------------------------------------------------------

_LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src"}


def _link_problem(value: str, ids: frozenset[str] = frozenset()) -> str | None:
    """Why a link is not one an email may carry (None when it is: urls.safe_link's rule, or an
    in-page anchor whose target is in the page)."""
    url = value.strip()
    if safe_link(url, mailto=True):
        return None
    if not url:
        return "empty"
    if url.startswith("#"):
        # "In this issue" links to its stories' headings: fine when the target is there (a
        # client without in-page links does nothing); a dangling one is a broken link
        return None if url[1:] in ids else "an in-page anchor to no element of the page"
    if url.startswith("//"):
        return "protocol-relative"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed"
    scheme = parts.scheme.lower()
    if scheme == "https":
        return "https: without a host" if not parts.netloc else "malformed"
    if scheme == "mailto":
        return "mailto: without an address"
    if scheme == "http":
        return "http:, not https:"
    if scheme:
        return f"{scheme}: is not allowed"
    return "relative"


@check("absolute-links", needs=(HTML,))
def absolute_links(loaded: Loaded) -> CheckResult:
    scan = loaded.scan
    offenders: list[str] = []
    checked = 0
    ids = frozenset(scan.ids)
    for tag in scan.tags:
        attr = _LINK_ATTRS.get(tag.name)
        if attr is None or attr not in tag.attrs:
            continue
        checked += 1
        value = tag.attrs[attr] or ""
        problem = _link_problem(value, ids)
        if problem:
            offenders.append(f'<{tag.name} {attr}="{clip(value, 50)}"> line {tag.line}: {problem}')
    if offenders:
        return failure(
            "absolute-links",
            f"{len(offenders)} of {checked} links {'is' if len(offenders) == 1 else 'are'} "
            "not absolute https:/mailto: — "
            f"{first(offenders)}",
        )
    return passed(
        "absolute-links",
        f"{checked} links and image sources, all https:, mailto: or to a heading of the page",
    )


# --- 9. outlook-conditionals -----------------------------------------------------------------

_IF_ENDIF = re.compile(r"(<!--\[if\b)|<!\[endif\]-->", re.IGNORECASE)


@check("outlook-conditionals", needs=(HTML,))
def outlook_conditionals(loaded: Loaded) -> CheckResult:
    html = loaded.html or ""
    opened: list[int] = []
    total = 0
    for match in _IF_ENDIF.finditer(html):
        line = lineno(html, match.start())
        if match.group(1):
            opened.append(line)
            total += 1
        elif opened:
            opened.pop()
        else:
            return failure(
                "outlook-conditionals",
                f"<![endif]--> at line {line} closes no <!--[if ...]>",
            )
    if opened:
        return failure(
            "outlook-conditionals",
            f"{plural(len(opened), '<!--[if ...]>', '<!--[if ...]>s')} never closed "
            f"(line {first([str(n) for n in opened])})",
        )
    if not total:
        return passed("outlook-conditionals", "no Outlook conditional comments")
    return passed("outlook-conditionals", f"{plural(total, 'conditional comment')}, all closed")


# --- 10. dark-mode ---------------------------------------------------------------------------

_DARK_MEDIA = re.compile(r"@media[^{]*\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.IGNORECASE)
_SCHEME_METAS = ("color-scheme", "supported-color-schemes")


@check("dark-mode", needs=(HTML,))
def dark_mode(loaded: Loaded) -> CheckResult:
    scan = loaded.scan
    problems: list[str] = []
    metas = [m for m in scan.metas if (m.get("name") or "").strip().lower() in _SCHEME_METAS]
    contents = [(m.get("content") or "").strip() for m in metas]
    if not metas:
        problems.append('no <meta name="color-scheme" content="light dark">')
    elif not any("dark" in c.lower() for c in contents):
        problems.append(f"the color-scheme meta ({first(contents) or 'empty'!r}) omits dark")
    rules = sum(len(_DARK_MEDIA.findall(style)) for style in scan.styles)
    if not rules:
        problems.append("no @media (prefers-color-scheme: dark) rule in a <style> block")
    if problems:
        return failure("dark-mode", "; ".join(problems))
    return passed(
        "dark-mode",
        f"color-scheme {contents[0]!r} and {plural(rules, 'prefers-color-scheme: dark rule')}",
    )


# --- 11. preheader ---------------------------------------------------------------------------


@check("preheader", needs=(HTML,))
def preheader(loaded: Loaded) -> CheckResult:
    scan = loaded.scan
    if scan.preheader is None:
        return warned(
            "preheader",
            "no hidden preheader (a display:none <div> before the first table): inboxes will "
            "show the first words of the email instead; add <mj-preview>",
        )
    return passed("preheader", f"hidden preheader: {clip(scan.preheader)!r}")
