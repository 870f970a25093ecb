"""Saved HTML article pages (``.html``, ``.htm``) to an :class:`~digest.readers.base.Entry`.

The main text comes from trafilatura (the optional ``html`` extra, imported only when a page is
read), which leaves out navigation, footers, comments, share bars and related-story boxes.
Metadata comes from the page itself: title, author, site name, tags, the canonical URL and the
publication time. Nothing is ever fetched: the page is parsed once from the text given.

The date is the page's own statement (``article:published_time``, JSON-LD ``datePublished``,
``<time itemprop="datePublished">``, ...) with its time of day and offset when it has one, else
the day htmldate finds in the page's markup, else (a last resort) the day htmldate's extensive
search of the visible text finds. No date found means ``date=None``, and the caller falls back
to the file's mtime.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from digest.errors import ArticleError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.readers.decode import decode
from digest.readers.feed_entry import headline_from
from digest.text import clean_line
from digest.urls import absolute, is_http, untrack

HTML_EXTRA = "html"
MISSING_EXTRA = (
    f"reading saved HTML pages needs the '{HTML_EXTRA}' extra: pip install 'digest[{HTML_EXTRA}]'"
)
NO_TEXT = "no article text found in the page"
MIN_TEXT_CHARS = 100  # less main text than this is a menu, a login form or an error page

# Consent and cookie banners, removed before extraction: on a page with little else,
# trafilatura's fallback extractors would otherwise take the banner for the article.
_PRUNE = (
    "//*[self::div or self::section or self::aside or self::dialog or self::form]"
    "[contains(@id, 'cookie') or contains(@class, 'cookie')"
    " or contains(@id, 'consent') or contains(@class, 'consent')"
    " or contains(@id, 'gdpr') or contains(@class, 'gdpr')"
    " or contains(@id, 'onetrust') or contains(@class, 'onetrust')]"
)
# <meta> names and properties that state when the article was first published, best first.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "published_time",
    "article.published",
    "publishdate",
    "publish-date",
    "pubdate",
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.created",
    "dc.date.created",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
_LANGUAGE_META = ("content-language", "og:locale", "language", "dc.language")
_URL_META = ("og:url", "twitter:url")
_BULLET = re.compile(r"^[-•*]\s+")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def html_supported() -> bool:
    """Whether the ``html`` extra (trafilatura) is installed, without importing it."""
    if "trafilatura" in sys.modules:
        return sys.modules["trafilatura"] is not None
    return importlib.util.find_spec("trafilatura") is not None


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise ArticleError(MISSING_EXTRA) from None
    return trafilatura


def read_page(html: str, label: str) -> Entry:
    """One saved article page as an :class:`Entry`. ``label`` names the page (its file).

    Raises :class:`ArticleError` when the ``html`` extra is missing or the page has no main
    text (a menu, a login form, an error page).
    """
    trafilatura = _trafilatura()
    html = html.lstrip("\ufeff")
    if not html.strip():
        raise ArticleError(NO_TEXT)
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise ArticleError(NO_TEXT)
        doc = _extract(trafilatura, tree)
        metas = _metas(tree)
        title = _title(tree, metas, doc)
        paragraphs = _paragraphs(doc.text, title) if doc is not None and doc.text else ()
        if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:  # precision found too little
            doc = _extract(trafilatura, tree, recall=True)
            title = _title(tree, metas, doc)
            paragraphs = _paragraphs(doc.text, title) if doc is not None and doc.text else ()
        if doc is None or sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:
            raise ArticleError(NO_TEXT)
        published = _published(tree, metas) or doc.date or _searched_date(tree, html)
        title = title or headline_from(paragraphs)  # a page with no title at all
    except ArticleError:
        raise
    except Exception as exc:  # a third-party parser on any page: a message, not a traceback
        raise ArticleError(f"cannot read the page: {type(exc).__name__}: {exc}") from None
    return Entry(
        title=title,
        paragraphs=paragraphs,
        dek=_dek(doc.description, paragraphs),
        date=published,
        date_origin="page metadata" if published else "",
        needs_date=False,
        url=_page_url(tree, metas, doc.url),
        author=clean_line(doc.author or "") or None,
        source=clean_line(doc.sitename or "") or None,
        language=_language(tree, metas),
        tags=tuple(dict.fromkeys(t for t in (clean_line(t) for t in doc.tags or ()) if t)),
        extra={"label": label},
    )


def _extract(trafilatura: Any, tree: Any, recall: bool = False) -> Any:
    """trafilatura's main text and metadata, offline: nothing is fetched, the page is all.
    Precision first (no menus or related-story boxes); ``recall`` for a page where precision
    finds too little (trafilatura's own default leans that way)."""
    tomorrow = date.today() + timedelta(days=1)
    return trafilatura.bare_extraction(
        tree,  # trafilatura works on a copy: the tree stays whole for the metadata read here
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=not recall,
        favor_recall=recall,
        prune_xpath=_PRUNE,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,  # it takes a footer's "© 2026" for a date
            "max_date": tomorrow.isoformat(),
        },
    )


def _searched_date(tree: Any, html: str) -> str | None:
    """The date htmldate's extensive search finds in the page's visible text (its last
    resort, before the file's time): a day it reads in the text, not a footer's year (the
    search wants a whole date, and none later than tomorrow)."""
    from htmldate import find_date  # trafilatura's own date finder, installed with it

    tomorrow = date.today() + timedelta(days=1)
    try:
        found = find_date(
            tree,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%d",
            max_date=tomorrow.isoformat(),
        )
    except Exception:  # its heuristics on any page: no date is the answer, not a traceback
        return None
    if not isinstance(found, str) or not found:
        return None
    if found.endswith("-01-01") and found not in html:
        return None  # a bare year ("© 2026") read as its first day
    return found


# "Headline | Site", "Headline - Site", "Site: Headline": the site's name around a title.
_TITLE_PARTS = re.compile(r"\s+[|–—·•»›:-]\s+|\s*[|»›]\s*|:\s+")
_MENU_WORDS = frozenset(
    w.casefold()
    for w in (
        "Hauptmenü",
        "Menü",
        "Menu",
        "Main menu",
        "Navigation",
        "Home",
        "Startseite",
        "Skip to content",
        "Zum Inhalt springen",
        "Search",
        "Suche",
    )
)


def _title(tree: Any, metas: dict[str, str], doc: Any) -> str:
    """The article's headline: ``og:title`` (else twitter:title, the first ``<h1>``,
    trafilatura's, ``<title>``) without the site's name appended or prepended, never a menu
    word, and two words or more when any candidate has them."""
    site = clean_line(
        metas.get("og:site_name")
        or metas.get("application-name")
        or getattr(doc, "sitename", "")
        or ""
    )
    candidates = [metas.get("og:title", ""), metas.get("twitter:title", "")]
    candidates += [" ".join(h.itertext()) for h in tree.iter("h1")][:2]
    candidates.append(getattr(doc, "title", "") or "")
    candidates += [" ".join(t.itertext()) for t in tree.iter("title")][:1]
    titles = [_without_site(clean_line(c), site) for c in candidates]
    titles = [t for t in titles if t and t.casefold() not in _MENU_WORDS]
    return next((t for t in titles if len(t.split()) >= 2), titles[0] if titles else "")


def _without_site(title: str, site: str) -> str:
    """The title without the site's name at either end ("Headline | Site")."""
    if not site or not title:
        return title
    parts = _TITLE_PARTS.split(title)
    if len(parts) < 2:
        return title
    if _names_site(parts[-1], site):
        parts = parts[:-1]
    elif _names_site(parts[0], site):
        parts = parts[1:]
    else:
        return title
    separators = _TITLE_PARTS.findall(title)
    kept = parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        kept += separator + part
    return kept.strip() or title


def _names_site(part: str, site: str) -> bool:
    """Whether a part of a title is the site's name ("CNET.de" for "cnet.de", "Caktus Group",
    "MODEPILOT.de" for "Modepilot"): the one holds the other, letters and digits compared, and
    the part is no longer than a name."""
    mine, theirs = re.sub(r"\W", "", part.casefold()), re.sub(r"\W", "", site.casefold())
    if not mine or not theirs or len(part.split()) > 6:
        return False
    return mine in theirs or theirs in mine


def _paragraphs(text: str, title: str) -> tuple[str, ...]:
    """trafilatura's text, one block a line, as paragraphs: list bullets off, template code
    left by a page saved before its scripts ran (``{{ ... }}``) out, and the headline left out
    where the page repeats it at the top of the article."""
    paragraphs = [clean_line(_BULLET.sub("", line)) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p and "{{" not in p and "}}" not in p]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return tuple(paragraphs)


def _dek(description: str | None, paragraphs: tuple[str, ...]) -> str:
    """The page's description as standfirst, unless it only repeats the article's opening."""
    dek = clean_line(description or "")
    stem = dek.rstrip(".…").removesuffix("...").strip().casefold()
    opening = " ".join(paragraphs[:2]).casefold()
    if not stem or stem in opening:
        return ""
    return dek


def _metas(tree: Any) -> dict[str, str]:
    """The page's <meta> values by lower-case name, property, itemprop or http-equiv (first
    one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def _published(tree: Any, metas: dict[str, str]) -> str | None:
    """The publication time the page states, as an ISO 8601 string, when it has a time of day.

    A bare day is left to htmldate, which reads the same markup and more.
    """
    stated = [metas[k] for k in _PUBLISHED_META if k in metas]
    stated += _json_ld_dates(tree)
    for element in tree.iter("time"):
        if element.get("itemprop", "").lower() == "datepublished" or "pubdate" in element.attrib:
            stated.append(element.get("datetime") or "")
    for value in stated:
        moment = _iso_datetime(value)
        if moment is not None:
            return moment
    return None


def _json_ld_dates(tree: Any) -> list[str]:
    dates: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    dates.append(item["datePublished"])
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return dates


def _iso_datetime(value: str) -> str | None:
    """An ISO 8601 date-time (with a time of day) in the standard form, else None."""
    text = value.strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _page_url(tree: Any, metas: dict[str, str], found: str | None) -> str | None:
    """The canonical link, else og:url (or twitter:url), else trafilatura's: absolute http(s)
    only, without tracking parameters. A relative canonical link is read against og:url; one
    that points at the site's home page while og:url names the article is a site's mistake."""
    canonical = [
        link.get("href") or ""
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    stated = [metas[k] for k in _URL_META if k in metas]
    base = next((u for u in [*stated, found or ""] if is_http(u)), None)
    urls = []
    for url in [*canonical, *stated, found or ""]:
        link = absolute(url, base)
        if link is not None:
            urls.append(untrack(link))
    articles = [u for u in urls if urlsplit(u).path.strip("/")]
    return next(iter(articles or urls), None)


def _language(tree: Any, metas: dict[str, str]) -> str | None:
    """The page's language tag as written ('en', 'en-GB'): <html lang>, then <meta>."""
    root = tree.getroottree().getroot()
    values = [root.get("lang") or "", root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""]
    values += [metas[k] for k in _LANGUAGE_META if k in metas]
    for value in values:
        tag = value.split(",")[0].strip()
        if _LANG.match(tag):
            return tag.replace("_", "-")
    return None


class _PageReader:
    """Saved article pages; they need the ``html`` extra."""

    extensions: tuple[str, ...] = (".html", ".htm")

    def enabled(self) -> str | None:
        return None if html_supported() else MISSING_EXTRA

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        return [read_page(decode(data), location.as_posix())]


PAGES = register(_PageReader())
