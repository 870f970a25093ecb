"""Shape analysed stories into the :class:`Digest` the templates render."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .models import Digest, Skipped, Story, Window

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


def compose(
    title: str,
    window: Window,
    generated: datetime,
    stories: Iterable[Story],
    skipped: Iterable[Skipped] = (),
) -> Digest:
    """Stories stay in the order selection gave them (newest first)."""
    ordered = tuple(stories)
    return Digest(
        title=title,
        window=window,
        generated=generated,
        stories=ordered,
        preheader=preheader(ordered),
        skipped=tuple(skipped),
    )
