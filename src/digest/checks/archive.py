"""The archive's checks: ``archive-index`` (``OUT/index.html``) and ``archive-feed``
(``OUT/feed.xml``), run by ``digest check OUT`` (or on either file) and by ``make`` after it
rewrites them.

Both compare the file with the editions the outbox holds (read as
:func:`digest.outbox.archive.editions` reads them): the page must parse, say its language, run
no script, link every edition newest first, and every link must resolve inside the outbox to a
digest (or to the feed); the feed must parse with feedparser as Atom 1.0, with one entry per
edition, unique ids, and links that resolve to those digests (absolute links through the
feed's own ``rel="self"`` address).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.checks.registry import CheckResult, failure, first, passed, plural
from digest.outbox import editions, names

INDEX_CHECK, FEED_CHECK = "archive-index", "archive-feed"
ARCHIVE_CHECKS = (INDEX_CHECK, FEED_CHECK)
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_OPTIONAL_END = {"li", "p", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"}


def target(path: Path) -> tuple[Path, tuple[str, ...]] | None:
    """``(outbox, checks)`` when ``path`` is an archive file (both checks' outbox, only its own
    check) or an outbox (a folder that is no digest but holds an archive file or an edition);
    None for anything else (a digest folder, an .eml)."""
    if path.name in names.ARCHIVE_FILES and not path.is_dir() and path.parent.is_dir():
        return path.parent, (INDEX_CHECK if path.name == names.ARCHIVE_INDEX else FEED_CHECK,)
    if not path.is_dir() or (path / names.EML).exists():
        return None
    try:
        entries = [entry.name for entry in path.iterdir()]
    except OSError:
        return None
    if any(n in names.ARCHIVE_FILES or names.edition(n) for n in entries):
        return path, ARCHIVE_CHECKS
    return None


def check(
    out: Path,
    which: tuple[str, ...] = ARCHIVE_CHECKS,
    found: list[editions.Edition] | None = None,
) -> list[CheckResult]:
    """The archive checks of ``out`` (``which`` of them, in :data:`ARCHIVE_CHECKS` order);
    ``found``: its editions, when the caller has read them already."""
    found = editions.read_editions(out) if found is None else found
    results = []
    if INDEX_CHECK in which:
        results.append(check_index(out, found))
    if FEED_CHECK in which:
        results.append(check_feed(out, found))
    return results


def _read(path: Path, name: str) -> str | CheckResult:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return failure(name, f"{path} does not exist (digest make writes it)")
    except OSError as exc:
        return failure(name, f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        return failure(name, f"{path} is not valid UTF-8 (byte {exc.start})")


def _edition_of(out: Path, link: str) -> str | None:
    """The edition a link relative to the outbox leads to (its ``digest.html``), or None."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or parts.query or link.startswith("/"):
        return None
    pieces = unquote(parts.path).split("/")
    if len(pieces) != 2 or pieces[1] != names.HTML or names.edition(pieces[0]) is None:
        return None
    folder = out / pieces[0]
    if not (folder / names.HTML).is_file() or not (folder / names.EML).is_file():
        return None
    return pieces[0]


def _order(linked: list[str], found: list[editions.Edition]) -> list[str]:
    """What is wrong with the editions linked (first appearance order) against the outbox's."""
    problems = []
    expected = [e.name for e in found]
    missing = [name for name in expected if name not in linked]
    if missing:
        problems.append(f"{plural(len(missing), 'edition')} not listed: {first(missing)}")
    shown = [name for name in linked if name in expected]
    if not missing and shown != expected:
        problems.append("the editions are not newest first")
    return problems


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.links: list[tuple[int, str]] = []
        self.scripts = 0
        self.problems: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html" and self.lang is None:
            self.lang = (values.get("lang") or "").strip()
        if tag == "script" or any(a.startswith("on") for a in values):
            self.scripts += 1
        if tag in ("a", "link") and "href" in values:
            self.links.append((self.getpos()[0], values["href"] or ""))
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag not in self._open:
            self.problems.append(f"</{tag}> at line {line} closes nothing open")
            return
        while (top := self._open.pop()) != tag:
            if top not in _OPTIONAL_END:
                self.problems.append(f"never closed: <{top}> (before </{tag}> at line {line})")

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.title += data

    def close(self) -> None:
        super().close()
        unclosed = [t for t in self._open if t not in _OPTIONAL_END]
        if unclosed:
            self.problems.append(f"never closed: {first([f'<{t}>' for t in unclosed])}")


def check_index(out: Path, found: list[editions.Edition]) -> CheckResult:
    name = INDEX_CHECK
    text = _read(out / names.ARCHIVE_INDEX, name)
    if isinstance(text, CheckResult):
        return text
    page = _Page()
    page.feed(text)
    page.close()
    problems = list(page.problems)
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("no <!doctype html>")
    if not page.lang:
        problems.append("<html> has no lang attribute")
    if not page.title.strip():
        problems.append("no <title>")
    if page.scripts:
        problems.append(f"{plural(page.scripts, 'script')} (the page must work without)")
    linked, broken = [], []
    for line, href in page.links:
        edition = _edition_of(out, href)
        if edition is not None:
            linked.append(edition)
        elif href != names.FEED or not (out / names.FEED).is_file():
            broken.append(f"{href!r} (line {line})")
    if broken:
        problems.append(f"{plural(len(broken), 'link')} lead to no digest: {first(broken)}")
    problems += _order(linked, found)
    if problems:
        return failure(name, f"{names.ARCHIVE_INDEX}: {'; '.join(problems)}")
    return passed(
        name,
        f"{names.ARCHIVE_INDEX}: {plural(len(found), 'edition')} newest first, "
        f"every link leads to a digest",
    )


def _local(link: str, base: str | None) -> str | None:
    """An entry's link as a link relative to the outbox: relative links as they are, absolute
    ones under the feed's base; None for an absolute link outside it."""
    if not urlsplit(link).scheme:
        return link
    if base is not None and link.startswith(base):
        return link[len(base) :]
    return None


def check_feed(out: Path, found: list[editions.Edition]) -> CheckResult:
    name = FEED_CHECK
    text = _read(out / names.FEED, name)
    if isinstance(text, CheckResult):
        return text
    # imported here: feedparser loads only when a feed is checked (it takes about 0.1 s)
    import feedparser

    parsed = feedparser.parse(text.encode("utf-8"), resolve_relative_uris=False)
    if parsed.get("bozo"):
        return failure(name, f"{names.FEED} does not parse: {parsed.get('bozo_exception')}")
    if parsed.get("version") != "atom10":
        return failure(name, f"{names.FEED} is not an Atom 1.0 feed ({parsed.get('version')!r})")
    feed = parsed.get("feed", {})
    problems = [f"no feed {key}" for key in ("id", "title", "updated") if not feed.get(key)]
    selves = [link.get("href", "") for link in feed.get("links", []) if link.get("rel") == "self"]
    base = selves[0][: -len(names.FEED)] if selves and selves[0].endswith(names.FEED) else None
    entries = parsed.get("entries", [])
    ids = [entry.get("id") for entry in entries]
    if len(set(ids)) != len(ids) or not all(ids):
        problems.append("entry ids are missing or repeated")
    linked, broken = [], []
    for number, entry in enumerate(entries, start=1):
        if not entry.get("updated_parsed"):
            problems.append(f"entry {number} has no updated time")
        link = entry.get("link", "")
        local = _local(link, base)
        edition = None if local is None else _edition_of(out, local)
        if edition is None:
            broken.append(f"{link!r} (entry {number})")
        else:
            linked.append(edition)
    if broken:
        problems.append(f"{plural(len(broken), 'link')} lead to no digest: {first(broken)}")
    if len(entries) != len(found):
        problems.append(
            f"{plural(len(entries), 'entry', 'entries')} for {plural(len(found), 'edition')}"
        )
    problems += _order(linked, found)
    if problems:
        return failure(name, f"{names.FEED}: {'; '.join(problems)}")
    where = "absolute" if base else "relative"
    return passed(
        name,
        f"{names.FEED}: Atom, {plural(len(entries), 'entry', 'entries')} for "
        f"{plural(len(found), 'edition')}, {where} links to each",
    )
