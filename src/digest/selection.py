"""Choose the articles a digest covers: inside the window, not sent before, each story once.

Exact duplicates share an id or a normalised URL (tracking parameters, fragment, ``www.`` and
a trailing slash ignored). Near-duplicates (the same story from two sources, or a lightly
edited re-post) share at least ``SIMILARITY`` of their word 5-shingles (Jaccard); each group
shows once, from its best source, with the others as "also reported by".
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from digest.model import Article, Window
from digest.urls import normalise

SIMILARITY = 0.5  # Jaccard of word 5-shingles: see bench/dedupe.py for what it groups
SHINGLE = 5
COMMON_SHINGLE = 50  # a shingle in more articles than this is boilerplate, not evidence
CLOCK_SKEW = timedelta(minutes=15)


_WORD = re.compile(r"\w+")
_MULTIPLIERS = [((0x9E3779B97F4A7C15 * (k + 1)) | 1) & 0xFFFFFFFFFFFFFFFF for k in range(SHINGLE)]


def shingles(article: Article, vocabulary: dict[str, int] | None = None) -> Any:
    """The article's word 5-shingles as a sorted array of unique 64-bit hashes. Words become
    numbers first (in the order met) and each window of five mixes them with fixed odd
    multipliers, so the hashes are the same in every process and every run."""
    import numpy as np  # loaded with the first selection, not with the command line

    vocabulary = {} if vocabulary is None else vocabulary
    words = _WORD.findall(f"{article.title} {article.body}".lower())
    # a new word takes the next number; "" (never a word) keeps where numbering goes on
    start = vocabulary.get("", 1)
    ids = np.array(list(map(vocabulary.setdefault, words, itertools.count(start))), np.uint64)
    vocabulary[""] = start + len(words)
    if len(ids) < SHINGLE:
        ids = np.concatenate([ids, np.zeros(SHINGLE - len(ids), np.uint64)])
    count = len(ids) - SHINGLE + 1
    mixed = np.zeros(count, np.uint64)
    with np.errstate(over="ignore"):
        for k, multiplier in enumerate(_MULTIPLIERS):
            mixed += (ids[k : k + count] + np.uint64(1)) * np.uint64(multiplier)
        mixed ^= mixed >> np.uint64(29)
    return _sorted_unique(np.sort(mixed))


SAMPLE = 4  # candidate pairs come from one shingle in SAMPLE; their Jaccard uses them all
# ... but an article with at most FULL shingles offers every one: two short articles sharing
# only a few shingles (a headline-only item has one) would otherwise miss each other whenever
# none of those few is sampled. A pair with a longer article shares over FULL / 2 shingles when
# it reaches SIMILARITY, so at least one is sampled all but (3/4)^33 of the time.
FULL = 64


def similar_groups(articles: list[Article], threshold: float = SIMILARITY) -> list[list[int]]:
    """Indexes of articles grouped by near-duplicate text (groups of one included). Candidate
    pairs share a sampled shingle that is not boilerplate (in at most COMMON_SHINGLE
    articles; every shingle of an article with at most FULL); a pair joins when the Jaccard of
    all their shingles reaches ``threshold``."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    sets = [shingles(a, vocabulary) for a in articles]
    parent = list(range(len(articles)))
    if len(articles) > 1:
        sampled = [h if len(h) <= FULL else h[h % np.uint64(SAMPLE) == 0] for h in sets]
        hashes = np.concatenate(sampled)
        owners = np.repeat(np.arange(len(sets)), [len(h) for h in sampled])
        order = np.lexsort((owners, hashes))
        hashes, owners = hashes[order], owners[order]
        starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
        sizes = np.diff(np.r_[starts, len(hashes)])
        candidates: set[tuple[int, int]] = set()
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
            if 1 < size <= COMMON_SHINGLE:
                members = owners[start : start + size].tolist()
                candidates.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in sorted(candidates):
            common = len(np.intersect1d(sets[a], sets[b], assume_unique=True))
            union = len(sets[a]) + len(sets[b]) - common
            if union and common / union >= threshold:
                parent[root(b)] = root(a)
    else:

        def root(i: int) -> int:
            return i

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


@dataclass(frozen=True)
class Placer:
    """Where a publication time (POSIX seconds) falls for a window: "in" it, "outside" it,
    or "future" (past the end of a window that ends now, by more than the clock skew)."""

    since: float
    until: float
    horizon: float | None  # set when the window ends now: later than this is the future
    include_future: bool = False

    @classmethod
    def of(cls, window: Window, now: datetime | None, include_future: bool = False) -> Placer:
        horizon = window.until + CLOCK_SKEW if now is not None and window.until >= now else None
        return cls(
            window.since.timestamp(),
            window.until.timestamp(),
            None if horizon is None else horizon.timestamp(),
            include_future,
        )

    def __call__(self, published: float) -> str:
        if self.horizon is not None and published >= self.horizon and published >= self.since:
            return "in" if self.include_future else "future"
        if not (self.since <= published < (self.horizon or self.until)):
            return "outside"
        return "in"


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
    place = Placer.of(window, now, include_future)
    for index, article in enumerate(listed):
        where = place(article.published.timestamp())
        if where == "future":
            considered[index] = Considered(
                article, "future", f"dated {article.published.isoformat()}, after now"
            )
            continue
        if where == "outside":
            considered[index] = Considered(article, "outside window")
            continue
        pool.append(article)
    # exact duplicates: same id or same normalised URL (the first read is kept)
    unique: list[Article] = []
    keys: dict[str, Article] = {}
    for article in pool:
        own = _keys(article)
        found = [keys[k] for k in own if k in keys]
        if found:
            considered[position[id(article)]] = Considered(
                article, "duplicate", f"same story as {found[0].path}"
            )
            continue
        for key in own:
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
        keys.append(f"url:{normalise(article.url)}")
    return keys


def _sorted_unique(ordered: Any) -> Any:
    """``np.unique`` of an already sorted array, without it: ``np.unique`` asks ``np.ma``
    whether the array is masked, and importing ``numpy.ma`` costs ``digest ls`` 40 ms."""
    import numpy as np

    return (
        ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered
    )
