"""Shape analysed stories into the :class:`Digest` the templates render."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from digest.analysis.keyquote import interest
from digest.model import Digest, Footer, Skipped, Story, Window

PREHEADER_CHARS = 140


def preheader(stories: Iterable[Story], limit: int = PREHEADER_CHARS) -> str:
    """The inbox preview line: the top headlines, as many as fit."""
    text = ""
    for story in stories:
        candidate = f"{text} · {story.article.title}" if text else story.article.title
        if len(candidate) > limit:
            if not text:
                text = candidate[: limit - 1].rstrip() + "…"
            break
        text = candidate
    return text


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
) -> Digest:
    """Stories stay in the order selection gave them (newest first, the rank). With ``shown``,
    only the first ``shown`` get a full card; the rest are listed as "more stories", or with
    ``listed`` only that many of them, the others counted as unlisted."""
    ordered = tuple(stories)
    cut = len(ordered) if shown is None else max(1, shown)
    end = len(ordered) if listed is None else cut + max(0, listed)
    return Digest(
        title=title,
        window=window,
        generated=generated,
        stories=ordered[:cut],
        preheader=preheader(ordered),
        skipped=tuple(skipped),
        more=ordered[cut:end],
        unlisted=ordered[end:],
        quote_of_day=quote_of_day(ordered[:cut]),
        footer=footer,
        lang=lang,
    )
