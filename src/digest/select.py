"""Choose the articles a digest covers: inside the window, not sent before, each story once.

Exact duplicates share an id or a normalised URL (tracking parameters, fragment, ``www.`` and
a trailing slash ignored). Near-duplicates (the same story from two sources, or a lightly
edited re-post) share at least ``SIMILARITY`` of their word 5-shingles (Jaccard); each group
shows once, from its best source, with the others as "also reported by".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .models import Article, Window

SIMILARITY = 0.5  # Jaccard of word 5-shingles: see bench/dedupe.py for what it groups
SHINGLE = 5
COMMON_SHINGLE = 50  # a shingle in more articles than this is boilerplate, not evidence
CLOCK_SKEW = timedelta(minutes=15)
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|cmpid)$")


def normalize_url(url: str) -> str:
    """The URL as a story's identity: no tracking parameters, fragment, ``www.`` or trailing
    slash; scheme and host in lower case; remaining query parameters sorted."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING.match(k.lower())
    )
    path = parts.path.rstrip("/") or "/"
    scheme = parts.scheme.lower()
    scheme = "https" if scheme in ("http", "https") else scheme  # the same page either way
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def shingles(article: Article, vocabulary: dict[str, int] | None = None) -> frozenset[int]:
    """Hashes of the article's word 5-shingles. Words become numbers first (in the order met,
    so runs are reproducible) and a tuple of numbers hashes the same in every process."""
    vocabulary = {} if vocabulary is None else vocabulary
    ids = [
        vocabulary.setdefault(w, len(vocabulary))
        for w in re.findall(r"\w+", f"{article.title} {article.body}".lower())
    ]
    if len(ids) < SHINGLE:
        return frozenset({hash(tuple(ids))})
    return frozenset(map(hash, zip(*(ids[i:] for i in range(SHINGLE)), strict=False)))


SAMPLE = 4  # candidate pairs come from one shingle in SAMPLE; their Jaccard uses them all


def similar_groups(articles: list[Article], threshold: float = SIMILARITY) -> list[list[int]]:
    """Indexes of articles grouped by near-duplicate text (groups of one included)."""
    vocabulary: dict[str, int] = {}
    sets = [shingles(a, vocabulary) for a in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    for index, items in enumerate(sets):
        for item in items:
            if item % SAMPLE == 0:
                postings[item].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= COMMON_SHINGLE:
            candidates.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(candidates):
        common = len(sets[a] & sets[b])
        union = len(sets[a]) + len(sets[b]) - common
        if union and common / union >= threshold:
            parent[root(b)] = root(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        groups[root(index)].append(index)
    return sorted(groups.values())


def _best(group: list[Article]) -> Article:
    """The source to show: one with a link, then the fullest text, then the earliest."""
    return min(group, key=lambda a: (a.url is None, -a.words, a.published, str(a.path)))


@dataclass(frozen=True)
class Group:
    """One story: the article shown, and the others that report it too."""

    best: Article
    others: tuple[Article, ...] = ()


@dataclass(frozen=True)
class Considered:
    """What selection made of one article (``digest ls``)."""

    article: Article
    status: str  # selected, outside window, future, seen, duplicate
    detail: str = ""


@dataclass(frozen=True)
class Selection:
    groups: tuple[Group, ...]  # newest first
    considered: tuple[Considered, ...]

    @property
    def future(self) -> tuple[Article, ...]:
        return tuple(c.article for c in self.considered if c.status == "future")


def select(
    articles: Iterable[Article],
    window: Window,
    *,
    seen: Callable[[Article], bool] = lambda article: False,
    now: datetime | None = None,
    include_future: bool = False,
) -> Selection:
    """Articles published in ``window`` (a few minutes of clock skew past its end allowed
    when the window ends now), not ``seen``, grouped so each story shows once, newest first."""
    considered: dict[int, Considered] = {}
    pool: list[Article] = []
    listed = list(articles)
    position = {id(article): index for index, article in enumerate(listed)}
    horizon = window.until + CLOCK_SKEW if now is not None and window.until >= now else None
    for index, article in enumerate(listed):
        published = article.published
        if horizon is not None and published >= horizon and published >= window.since:
            if not include_future:
                considered[index] = Considered(
                    article, "future", f"dated {published.isoformat()}, after now"
                )
                continue
        elif not (window.since <= published < (horizon or window.until)):
            considered[index] = Considered(article, "outside window")
            continue
        pool.append(article)
    # exact duplicates: same id or same normalised URL (the first read is kept)
    unique: list[Article] = []
    keys: dict[str, Article] = {}
    for article in pool:
        found = [keys[k] for k in _keys(article) if k in keys]
        if found:
            considered[position[id(article)]] = Considered(
                article, "duplicate", f"same story as {found[0].path}"
            )
            continue
        for key in _keys(article):
            keys[key] = article
        unique.append(article)
    groups = []
    for members in similar_groups(unique):
        group = [unique[i] for i in members]
        if any(seen(a) for a in group):
            for article in group:
                considered[position[id(article)]] = Considered(
                    article, "seen", "an earlier digest had this story"
                )
            continue
        best = _best(group)
        others = tuple(sorted((a for a in group if a is not best), key=lambda a: str(a.path)))
        groups.append(Group(best, others))
        considered[position[id(best)]] = Considered(best, "selected")
        for other in others:
            considered[position[id(other)]] = Considered(
                other, "duplicate", f"also reported: shown from {best.path}"
            )
    groups.sort(key=lambda g: (-g.best.published.timestamp(), g.best.title, str(g.best.path)))
    return Selection(tuple(groups), tuple(considered[i] for i in sorted(considered)))


def _keys(article: Article) -> list[str]:
    keys = [f"id:{article.id}"]
    if article.url:
        keys.append(f"url:{normalize_url(article.url)}")
    return keys
