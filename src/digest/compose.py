"""Shape analysed stories into the :class:`Digest` the templates render.

Stories are ranked by news value (or by time, or by source), and laid out like a morning
newsletter: the top story leads with a full card, the next few get a blurb of a sentence or
two, the rest are one-line headlines; every listed story is numbered for "In this issue", and
the blurbs and headlines are grouped by section when the stories fall into more than one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from digest.analysis.keyquote import interest
from digest.model import Digest, Footer, Skipped, Story, Window

PREHEADER_CHARS = 140
DEFAULT_BLURBS = 8
DEFAULT_BLURB_WORDS = 60


@dataclass(frozen=True)
class Layout:
    """How the stories are ordered and laid out (the settings behind it: order,
    source_weights, blurbs, blurb_words, sections, section_order, intro, locale)."""

    order: str = "news"
    source_weights: Mapping[str, float] = field(default_factory=dict)
    blurbs: int = DEFAULT_BLURBS  # stories after the lead that get a blurb
    blurb_words: int = DEFAULT_BLURB_WORDS
    sections: Mapping[str, str] = field(default_factory=dict)  # source/tag/folder -> section
    section_order: tuple[str, ...] = ()
    intro: str = ""
    locale: str = ""  # "" the digest's language


# --- ranking --------------------------------------------------------------------------------


def news_value(story: Story, window: Window, weights: Mapping[str, float] | None = None) -> float:
    """How newsworthy a story is: coverage (how many sources carried it) counts most, then the
    source's weight (points from the settings), recency within the window and substance
    (length, a key quote, named people). A story with no summary sinks."""
    article = story.article
    coverage = 1 + len({(a.source or str(a.path)) for a in story.also})
    value = 6.0 * math.log2(coverage)  # two sources: +6, four: +12
    if weights and article.source:
        value += _weight(weights, article.source)
    span = (window.until - window.since).total_seconds()
    if span > 0:
        value += max(0.0, min(1.0, (article.published - window.since).total_seconds() / span))
    value += min(article.words, 800) / 800
    if story.key_quote is not None:
        value += 0.5
    speakers = {q.speaker for q in story.quotes if q.speaker}
    value += 0.25 * min(len(speakers), 2)
    if not story.summary:
        value -= 10
    elif article.words < 40:  # a headline with a line or two: a stub
        value -= 1
    return value


def _weight(weights: Mapping[str, float], source: str) -> float:
    key = source.casefold()
    return next((w for name, w in weights.items() if name.casefold() == key), 0.0)


def clamped_since(since: datetime, stories: Iterable[Story]) -> datetime:
    """The window's start, never before the oldest story, in the window's zone: a --since 2000
    window would make every story equally recent, and reads as the span of its stories."""
    published = [s.article.published for s in stories]
    return max(since, min(published).astimezone(since.tzinfo)) if published else since


def ranked(stories: Iterable[Story], window: Window, layout: Layout = Layout()) -> list[Story]:
    """The stories in the layout's order: ``news`` (news value, the newest first on a tie),
    ``time`` (the newest first) or ``source`` (by source name, news value within each)."""
    items = list(stories)
    window = Window(clamped_since(window.since, items), window.until)  # the start for recency
    by_time = sorted(items, key=lambda s: s.article.published, reverse=True)  # stable on a tie
    if layout.order == "time":
        return by_time
    values = {id(s): news_value(s, window, layout.source_weights) for s in by_time}
    by_news = sorted(by_time, key=lambda s: -values[id(s)])  # stable: newest first on a tie
    if layout.order == "source":
        return sorted(by_news, key=lambda s: (s.article.source or "\uffff").casefold())
    return by_news


# --- sections -------------------------------------------------------------------------------


def _folder(story: Story) -> str:
    path = story.article.path
    return path.parent.name if isinstance(path, Path) else ""


def section_of(story: Story, mapping: Mapping[str, str], folders: bool = False) -> str:
    """The story's section: the configured mapping (matched against its source, each of its
    tags and its folder name), else its first tag (front matter tags, a feed's category,
    an export's tags field), else with ``folders`` the folder it was read from."""
    article = story.article
    folder = _folder(story)
    keys = [article.source or "", *article.tags, folder]
    folded = {k.casefold(): v for k, v in mapping.items()}
    for key in keys:
        if key and key.casefold() in folded:
            return folded[key.casefold()]
    if article.tags:
        return _label(article.tags[0])
    return _label(folder) if folders else ""


def _label(text: str) -> str:
    text = " ".join(text.replace("_", " ").replace("-", " ").split())
    return text[:1].upper() + text[1:]


def _sectioned(stories: list[Story], layout: Layout) -> tuple[list[Story], bool]:
    """The stories with their sections, and whether sections are shown: only with two or more
    sections of which one at least holds two stories (a section per story is no grouping)."""
    folders = len({_folder(s) for s in stories}) > 1  # folders name sections only if several
    named = [replace(s, section=section_of(s, layout.sections, folders)) for s in stories]
    counts: dict[str, int] = {}
    for story in named:
        counts[story.section] = counts.get(story.section, 0) + 1
    on = len(counts) - ("" in counts) >= 2 and max(counts.values()) >= 2
    return (named if on else [replace(s, section="") for s in stories]), on


def _section_rank(names: Iterable[str], order: tuple[str, ...]) -> dict[str, int]:
    """Sections named in ``order`` first, in that order; the others as they first appear."""
    wanted = [o.casefold() for o in order]
    rank: dict[str, int] = {}
    for i, name in enumerate(dict.fromkeys(names)):
        key = name.casefold()
        rank[name] = wanted.index(key) if key in wanted else len(wanted) + i
    if "" in rank:
        rank[""] = len(rank) + len(wanted)  # the stories of no section come last
    return rank


def _by_section(stories: list[Story], rank: dict[str, int]) -> list[Story]:
    return sorted(stories, key=lambda s: rank.get(s.section, 0))  # stable: rank order within


# --- framing --------------------------------------------------------------------------------


def headline(title: str) -> str:
    """A headline as a headline shows: no trailing full stop (an ellipsis, and the stop of an
    abbreviation such as "U.S." or "a.m.", stay)."""
    text = title.rstrip()
    if text.endswith(".") and not text.endswith(".."):
        last = text.rsplit(" ", 1)[-1]
        if "." not in last[:-1]:
            text = text[:-1].rstrip()
    return text or title


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word with an ellipsis when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    if " " in room:
        room = room.rsplit(" ", 1)[0]
    return room.rstrip(" ,;:–—-") + "…"


def preheader(stories: Iterable[Story], limit: int = PREHEADER_CHARS) -> str:
    """The inbox preview line, which the subject (the lead's headline) comes before: the
    lead's standfirst or first summary sentence, then the next headlines, as many as fit."""
    ordered = list(stories)
    if not ordered:
        return ""
    lead = ordered[0]
    title = headline(lead.article.title).casefold()
    teasers = [lead.article.dek, *lead.summary[:1]]
    teaser = next((t for t in teasers if t and headline(t).casefold() != title), "")
    text = cut(teaser, limit - 40 if len(ordered) > 1 else limit) if teaser else ""
    for story in ordered[1:]:
        more = headline(story.article.title)
        candidate = f"{text} · {more}" if text else more
        if len(candidate) > limit:
            break
        text = candidate
    return text or cut(headline(lead.article.title), limit)


def quote_of_day(stories: Iterable[Story]) -> Story | None:
    """The story whose key quote is strongest by its content (:func:`interest`), not by the
    story's rank or time, when two or more stories have one: with a single quote there is
    nothing to choose between. A tie goes to the quote's own text, so reordering the stories
    never changes the pick."""
    quoted = [s for s in stories if s.key_quote is not None]
    if len(quoted) < 2:
        return None
    return max(
        quoted,
        key=lambda s: (interest(s.key_quote), s.key_quote.text) if s.key_quote else (0.0, ""),
    )


def compose(
    title: str,
    window: Window,
    generated: datetime,
    stories: Iterable[Story],
    skipped: Iterable[Skipped] = (),
    *,
    footer: Footer | None = None,
    lang: str = "en",
    shown: int | None = None,
    listed: int | None = None,
    layout: Layout = Layout(),
    edition: int = 1,
) -> Digest:
    """Rank the stories and lay them out: the top story with a summary leads, the next
    ``layout.blurbs`` get a blurb (together at most ``shown`` cards: Gmail's clip), the rest
    are headlines, or with ``listed`` only that many of them, the others counted as unlisted.
    A story with no summary is only ever a headline."""
    order = ranked(stories, window, layout)
    wanted = 1 + max(0, layout.blurbs)
    cards_n = wanted if shown is None else max(1, min(shown, wanted))
    summarised = [s for s in order if s.summary]
    cards = summarised[:cards_n] or order[:1]
    chosen = {id(s) for s in cards}
    rest = [s for s in order if id(s) not in chosen]
    end = len(rest) if listed is None else max(0, listed)
    more, unlisted = rest[:end], rest[end:]

    # sections: the blurbs and the headlines (the lead stands above them)
    grouped, sectioned = _sectioned([*cards[1:], *more], layout)
    if sectioned:
        rank = _section_rank((s.section for s in grouped), layout.section_order)
        blurbs = _by_section(grouped[: len(cards) - 1], rank)
        more = _by_section(grouped[len(cards) - 1 :], rank)
    else:
        blurbs, more = grouped[: len(cards) - 1], grouped[len(cards) - 1 :]
    listed_stories = [*cards[:1], *blurbs, *more]
    numbered = [replace(s, number=i) for i, s in enumerate(listed_stories, 1)]
    cards_out = tuple(numbered[: len(cards)])
    lead = cards_out[0] if cards_out else None
    return Digest(
        title=title,
        window=window,
        generated=generated,
        stories=cards_out,
        preheader=preheader(numbered),
        skipped=tuple(skipped),
        more=tuple(numbered[len(cards) :]),
        unlisted=tuple(unlisted),
        quote_of_day=quote_of_day(cards_out),
        footer=footer,
        lang=lang,
        locale=layout.locale or lang,
        intro=layout.intro,
        sectioned=sectioned,
        hook=headline(lead.article.title) if lead else "",
        blurb_words=layout.blurb_words,
        edition=edition,
    )
