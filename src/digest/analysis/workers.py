"""Analysing many articles: from the cache where it has them, across worker processes.

Each article's analysis (quotes first, then a summary that leaves out the sentence the pull
quote already shows) is independent, so a large run spreads them over a process pool. The pool
comes from a forkserver (a forked worker would inherit the outbox lock's descriptor and keep
the outbox locked after the run itself was killed), and each worker follows the run's pid, so
no worker outlives a run that was SIGKILLed. A worker gets one :class:`Task` and stores its
result in the cache itself, so the main process stays free.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from pathlib import Path

from digest.analysis.cache import Analysis, AnalysisCache
from digest.analysis.keyquote import opening_of, with_its_point
from digest.errors import ConfigError
from digest.model import Article, Quote, Skipped, Story
from digest.selection import Group
from digest.settings import Settings

PARALLEL_FROM = 16  # fewer articles than this are analysed in this process


@dataclass(frozen=True)
class Task:
    """One article for a worker: what to analyse, how, and where to store the result."""

    article: Article
    sentences: int
    algorithm: str
    cache: Path | None  # the analysis cache's folder (None: nothing stored)
    key: str  # the article's key in that cache


def quotes_of(article: Article) -> tuple[Quote, ...]:
    """Every quotation the digest knows in an article, in text order: the marked ones, and an
    interview's answers (quotations without marks: the interviewee's words)."""
    from digest.analysis.interview import answers
    from digest.analysis.quotes import find_quotes

    return tuple(sorted(find_quotes(article) + answers(article), key=lambda q: q.start))


def analyse(article: Article, sentences: int, algorithm: str) -> Analysis:
    """Quotes first, so the summary can leave out the sentence the pull quote already shows.
    Every language is analysed (one without sentence tables is split by its script)."""
    # imported here: a run whose analyses all come from the cache never loads sumy or NLTK
    from digest.analysis.keyquote import key_quote
    from digest.analysis.quotes import part_texts
    from digest.analysis.summarize import summarize

    quotes = quotes_of(article)
    chosen = key_quote(quotes, headline=article.title, opening=opening_of(article))
    shown = None if chosen is None else with_its_point(chosen, quotes, article.source_text[0])
    avoid = () if shown is None else tuple(p[:40] for p in part_texts(article, shown))
    summary = summarize(article, sentences, algorithm, avoid=avoid)
    return summary, quotes, None if chosen is None else quotes.index(chosen)


def work(task: Task) -> Analysis | str:
    """One article's analysis, stored in the cache; an error comes back as its message."""
    try:
        result = analyse(task.article, task.sentences, task.algorithm)
    except ConfigError as exc:
        return exc.message
    if task.cache is not None and task.article.content_hash:
        AnalysisCache(task.cache).put(task.key, result)
    return result


def _follow(pid: int) -> None:
    """In a worker: exit as soon as the run that started it is gone. A pool's worker waits on
    a queue whose writing end it holds itself, so after a SIGKILLed run it would wait forever
    (and keep the worker server alive with it)."""

    def watch() -> None:
        import select as readiness  # (digest.selection is the article selection)

        try:
            handle = os.pidfd_open(pid)
            readiness.select([handle], [], [])
        except (AttributeError, OSError):  # no pidfd: look every second
            while True:
                time.sleep(1)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="digest-follow").start()


def _context() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["digest.analysis.summarize", __name__])  # loaded once
    return context


def key(article: Article, settings: Settings) -> str:
    """The article's key in the analysis cache under these settings."""
    return AnalysisCache.key(
        article.content_hash, article.language, settings.algorithm, settings.sentences
    )


def start_workers(
    articles: list[Article], settings: Settings, jobs: int, cache: AnalysisCache | None
) -> None:
    """Start the worker server now when :func:`analyse_all` will need it, so it loads sumy
    and NLTK while this process selects (it does not wait for it)."""
    if jobs <= 1 or len(articles) < PARALLEL_FROM:
        return
    todo = 0
    for article in articles:
        todo += cache is None or not article.content_hash or not cache.has(key(article, settings))
        if todo >= PARALLEL_FROM:
            _context()
            forkserver.ensure_running()
            return


def _run(tasks: list[Task], jobs: int) -> list[Analysis | str]:
    """Each task's result, in order: across ``jobs`` processes when there are enough."""
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        return [work(task) for task in tasks]
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_follow, initargs=(os.getpid(),)
    ) as pool:
        chunk = max(1, min(16, len(tasks) // (jobs * 8)))
        return list(pool.map(work, tasks, chunksize=chunk))


def analyse_all(
    items: Iterable[Article | Group],
    settings: Settings,
    *,
    jobs: int = 1,
    cache: AnalysisCache | None = None,
) -> tuple[list[Story], list[Skipped]]:
    """Analyse each article (or each story group's best article, the others kept as "also
    reported by"), from the cache where it has them and across ``jobs`` processes; results
    keep the article order. One in a language without tables is skipped with the reason."""
    groups = [item if isinstance(item, Group) else Group(item) for item in items]
    results: list[Analysis | str | None] = [None] * len(groups)
    keys = [key(g.best, settings) for g in groups]
    todo = []
    for index, article_key in enumerate(keys):
        best = groups[index].best
        cached = cache.get(article_key) if cache is not None and best.content_hash else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append(index)
    folder = None if cache is None else cache.folder
    tasks = [
        Task(_portable(groups[i].best), settings.sentences, settings.algorithm, folder, keys[i])
        for i in todo
    ]
    done = _run(tasks, jobs)
    for position, outcome in zip(todo, done, strict=True):
        results[position] = outcome
    if cache is not None and done:
        cache.prune()  # (the workers wrote to it; only a run that wrote can pass the limit)
    stories: list[Story] = []
    skipped: list[Skipped] = []
    for group, result in zip(groups, results, strict=True):
        if isinstance(result, str) or result is None:
            skipped.append(Skipped(path=group.best.path, reason=str(result)))
            continue
        summary, quotes, chosen = result
        stories.append(
            Story(
                article=group.best,
                summary=summary,
                quotes=quotes,
                key_quote=None
                if chosen is None
                else with_its_point(quotes[chosen], quotes, group.best.source_text[0]),
                also=group.others,
            )
        )
    return stories, skipped


def _portable(article: Article) -> Article:
    """The article as a worker needs it: a zone read from /etc/localtime cannot be pickled."""
    return replace(article, published=article.published.astimezone(UTC))
