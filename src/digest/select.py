"""Choose the articles a digest covers: inside the window, each story once."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Article, Window


def select(articles: Iterable[Article], window: Window) -> list[Article]:
    """Articles published in ``window``, one per id (the first read wins), newest first."""
    chosen: dict[str, Article] = {}
    for article in articles:
        if article.published in window:
            chosen.setdefault(article.id, article)
    return sorted(chosen.values(), key=lambda a: (-a.published.timestamp(), a.title, str(a.path)))
