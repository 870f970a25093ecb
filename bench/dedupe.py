"""What near-duplicate grouping does on real news (../shared/corpus): BBC and PolNeAR.

    python bench/dedupe.py

For each set and a few thresholds around the default (digest.selection.SIMILARITY, a Jaccard of
word 5-shingles), prints how many articles fall into groups of two or more, and a sample of
the groups at the default so a reader can judge whether they are really the same story.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.errors import ArticleError  # noqa: E402
from digest.readers.scan import read_article  # noqa: E402
from digest.selection import SIMILARITY, similar_groups  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = {
    "bbc": ("bbc/News Articles", "*/*.txt"),
    "polnear": ("polnear/train/text", "*.txt"),
}
THRESHOLDS = (0.3, 0.4, SIMILARITY, 0.7, 0.9)


def load(folder: Path, pattern: str) -> list:
    articles = []
    for path in sorted(folder.glob(pattern)):
        try:
            articles.append(read_article(path, UTC))
        except ArticleError:
            continue  # e.g. BBC sport/199.txt is cp1252
    return articles


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here (it is evaluation data, not shipped)")
        return 0
    print("| set | articles | threshold | articles in groups | groups | largest | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    samples = {}
    for name, (folder, pattern) in SETS.items():
        articles = load(CORPUS / folder, pattern)
        for threshold in THRESHOLDS:
            started = time.perf_counter()
            groups = [g for g in similar_groups(articles, threshold) if len(g) > 1]
            seconds = time.perf_counter() - started
            grouped = sum(len(g) for g in groups)
            largest = max((len(g) for g in groups), default=0)
            mark = " (default)" if threshold == SIMILARITY else ""
            print(
                f"| {name} | {len(articles)} | {threshold}{mark} | {grouped} | {len(groups)} "
                f"| {largest} | {seconds:.1f} |"
            )
            if threshold == SIMILARITY:
                samples[name] = [[articles[i] for i in g] for g in groups[:6]]
    for name, groups in samples.items():
        print(f"\nsample of {name} groups at {SIMILARITY}:")
        for group in groups:
            print(
                "  - "
                + "\n    ".join(
                    f"{a.path.parent.name}/{a.path.name}: {a.title[:70]}" for a in group
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
