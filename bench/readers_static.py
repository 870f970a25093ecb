"""The readers (and the analysis) over every real-world set in ../shared/corpus/real-world.

    python bench/readers_static.py                 # every set, each article analysed too
    python bench/readers_static.py jekyll-posts    # one set
    python bench/readers_static.py --no-analyse    # readers only (faster)
    python bench/readers_static.py --corpus DIR    # another copy of the sets

For each set (feed-parser test suites, real feeds, Jekyll posts, saved pages: see that folder's
README), every file a reader is registered for is read as `digest make` reads it, and each
article is analysed (quotes, key quote, summary) in its language, as a worker would. The table
gives files, articles, skipped files or entries by reason (the reason's words before any
detail), and internal errors: any exception other than the ArticleError a bad file is skipped
with. Internal errors must be 0; each is listed below the table with its file.

Issue 14 (static sites, languages) added this; bench/readers.py covers the feeds, pages and
new sources in more depth.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from collections import Counter
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.analysis.workers import analyse  # noqa: E402
from digest.readers.scan import ReadOptions, inventory, read_file  # noqa: E402

SETS = ("feedparser", "rss-parser", "feedjira", "jekyll-posts", "pages")


def find_corpus() -> Path | None:
    """../shared/corpus/real-world from the checkout (or from a worktree beside it)."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpus" / "real-world"
        if candidate.is_dir():
            return candidate
    return None


_DETAIL = re.compile(r"[:(\[{'\"0-9].*$")


def reason_kind(reason: str) -> str:
    """A skip reason without its details: 'malformed front matter (line 2): ...' ->
    'malformed front matter'; 'unpublished: draft: true' keeps its first detail."""
    if reason.startswith("unpublished"):
        return ":".join(reason.split(":")[:2])
    return _DETAIL.sub("", reason).strip() or reason[:40]


def run(folder: Path, analyse_too: bool) -> dict[str, object]:
    options = ReadOptions(UTC)
    files = articles = 0
    skipped: Counter[str] = Counter()
    errors: list[str] = []
    languages: Counter[str] = Counter()
    started = time.perf_counter()
    for item in inventory([folder]):
        if isinstance(item, str):
            continue
        files += 1
        try:
            found, failed = read_file(item.path, options)
        except Exception:  # an internal error: what this bench is here to find
            errors.append(f"{item.key}: read: {traceback.format_exc(limit=-2).strip()}")
            continue
        articles += len(found)
        skipped.update(reason_kind(s.reason) for s in failed)
        for article in found:
            languages[article.language] += 1
            if not analyse_too:
                continue
            try:
                analyse(article, 3, "news")
            except Exception:
                errors.append(
                    f"{item.key} ({article.title[:40]!r}, {article.language}): analyse: "
                    f"{traceback.format_exc(limit=-2).strip()}"
                )
    return {
        "files": files,
        "articles": articles,
        "skipped": skipped,
        "errors": errors,
        "languages": languages,
        "seconds": time.perf_counter() - started,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--no-analyse", action="store_true")
    args = parser.parse_args()
    corpus = args.corpus or find_corpus()
    if corpus is None or not corpus.is_dir():
        print("skipped: ../shared/corpus/real-world is not here (test data, not shipped)")
        return 0
    print(f"corpus: {corpus}; analysed: {not args.no_analyse}\n")
    print("| set | files | articles | skipped (by reason) | internal errors | languages | s |")
    print("|---|---:|---:|---|---:|---|---:|")
    failures: list[str] = []
    for name in args.sets:
        folder = corpus / name
        if not folder.is_dir():
            print(f"| {name} | – | – | (not here) | – | – | – |")
            continue
        result = run(folder, not args.no_analyse)
        skipped: Counter[str] = result["skipped"]  # type: ignore[assignment]
        errors: list[str] = result["errors"]  # type: ignore[assignment]
        languages: Counter[str] = result["languages"]  # type: ignore[assignment]
        reasons = "; ".join(f"{why} {n}" for why, n in skipped.most_common(8)) or "–"
        if len(skipped) > 8:
            reasons += f"; {len(skipped) - 8} more kinds"
        spoken = ", ".join(f"{lang} {n}" for lang, n in languages.most_common(6))
        print(
            f"| {name} | {result['files']} | {result['articles']} | {reasons} | {len(errors)} "
            f"| {spoken} | {result['seconds']:.1f} |"
        )
        failures += errors
    for failure in failures:
        print(f"\nINTERNAL ERROR {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
