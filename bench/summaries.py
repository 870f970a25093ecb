"""ROUGE of every summarizer (and Lead-3) on the BBC News Summary set, at k sentences.

Usage: ``python bench/summaries.py [--limit N] [--k K] [--jobs J]``. Needs the ``bench`` extra
(``rouge-score``) and ``../shared/corpus/bbc``; without the corpus it says so and exits 0.

Articles are read with the project's own reader (:func:`digest.readers.scan.read_article`), so the
headline/dek/body split measured here is the product's. The references glue their sentences
together without spaces ("...$10.9bn.For the full-year..."): they are cut back into sentences
where article sentences match, not at punctuation. ms/article is the time of the whole
``summarize()`` call (candidate filtering included), or of taking the first k candidates for
Lead-3, measured in the worker process that ran it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC
from pathlib import Path

from digest.analysis.language import tokenizer
from digest.analysis.summarize import candidate_sentences, summarize
from digest.errors import ArticleError
from digest.model import Article
from digest.readers.scan import read_article
from digest.settings import ALGORITHMS

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
METRICS = ("rouge1", "rouge2", "rougeL")
TOKENIZER = (
    "rouge-score's default tokenizer, rouge_score.tokenizers.DefaultTokenizer(use_stemmer=True): "
    "lower-cased, every run of characters other than [a-z0-9] is a space, Porter stemming"
)
Summarizer = Callable[[Article, int], tuple[str, ...]]


def _bbc(corpus_dir: Path) -> Path:
    """``corpus_dir`` may be the shared corpus folder or its ``bbc/`` folder."""
    return corpus_dir / "bbc" if (corpus_dir / "bbc").is_dir() else corpus_dir


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # sport/199.txt


def pairs(corpus_dir: Path, limit: int | None = None) -> list[tuple[Path, Path]]:
    """(article, reference) paths in a stable order; ``limit`` takes an even spread of them."""
    bbc = _bbc(corpus_dir)
    found = [
        (article, bbc / "Summaries" / article.parent.name / article.name)
        for article in sorted((bbc / "News Articles").glob("*/*.txt"))
    ]
    found = [(a, r) for a, r in found if r.is_file()]
    if limit is not None and limit < len(found):
        found = [found[i * len(found) // limit] for i in range(limit)]
    return found


def load(path: Path, scratch: Path) -> Article:
    """The article as the product reads it; a non-UTF-8 file (the reader refuses those) is
    re-encoded to UTF-8 first, unchanged otherwise."""
    try:
        return read_article(path, UTC)
    except ArticleError:
        copy = scratch / f"{path.parent.name}-{path.name}"
        copy.write_text(_decode(path.read_bytes()), encoding="utf-8")
        return read_article(copy, UTC)


def split_reference(glued: str, sentences: list[str]) -> list[str]:
    """Cut a reference whose sentences are glued together back into those sentences.

    Left to right, the longest article sentence that starts at the current place is one
    reference sentence; text that no article sentence starts (a different sentence split)
    runs to the next place one does and is kept as one piece.
    """
    known = sorted({s for s in sentences if s}, key=len, reverse=True)
    pieces: list[str] = []
    at = 0
    while at < len(glued):
        if glued[at].isspace():
            at += 1
            continue
        match = next((s for s in known if glued.startswith(s, at)), None)
        if match:
            pieces.append(match)
            at += len(match)
            continue
        starts = [i for i in (glued.find(s, at + 1) for s in known) if i > at]
        end = min(starts, default=len(glued))
        pieces.append(glued[at:end].strip())
        at = end
    return [p for p in pieces if p]


def reference(article: Article, path: Path) -> tuple[list[str], int]:
    """The reference sentences and how many of their characters matched no article sentence."""
    tok = tokenizer(article.language)
    sentences = [s for p in (article.title, *article.paragraphs) for s in tok.to_sentences(p)]
    pieces = split_reference(_decode(path.read_bytes()).strip(), sentences)
    known = set(sentences)
    return pieces, sum(len(p) for p in pieces if p not in known)


def lead(article: Article, k: int) -> tuple[str, ...]:
    return tuple(s for p in candidate_sentences(article) for s in p)[:k]


def systems() -> dict[str, Summarizer]:
    """Lead-3, every sumy algorithm, then ``news``."""
    table: dict[str, Summarizer] = {"lead-3": lead}
    names = [n for n in ALGORITHMS if n != "news"] + [n for n in ALGORITHMS if n == "news"]
    for name in names:
        table[name] = lambda article, k, name=name: summarize(article, k, name)
    return table


def _score(job: tuple[list[tuple[Path, Path]], int]) -> dict[str, list[float]]:
    """Sums over one share of the articles: per system [rouge1, rouge2, rougeL, seconds];
    under "reference": [articles, unmatched reference characters, reference characters]."""
    from rouge_score import rouge_scorer

    chunk, k = job
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        articles = [load(a, Path(scratch)) for a, _ in chunk]
    refs = []
    totals = {"reference": [float(len(chunk)), 0.0, 0.0]}
    for article, (_, path) in zip(articles, chunk, strict=True):
        pieces, unmatched = reference(article, path)
        refs.append("\n".join(pieces))
        totals["reference"][1] += unmatched
        totals["reference"][2] += sum(len(p) for p in pieces)
    for name, run in systems().items():
        run(articles[0], k)  # warm the caches (tokenizer, stemmer, stop words) before timing
        sums = [0.0] * (len(METRICS) + 1)
        for article, ref in zip(articles, refs, strict=True):
            start = time.perf_counter()
            summary = run(article, k)
            sums[-1] += time.perf_counter() - start
            scores = scorer.score(ref, "\n".join(summary))
            for i, metric in enumerate(METRICS):
                sums[i] += scores[metric].fmeasure
        totals[name] = sums
    return totals


def summary_table(
    corpus_dir: Path, k: int = 3, limit: int | None = None, jobs: int | None = None
) -> list[dict]:
    """One row per system: mean ROUGE-1/2/L F1 at ``k`` sentences and mean ms per article.

    Rows: lead-3 (the first ``k`` candidate sentences), every sumy algorithm, then ``news``.
    ``jobs`` worker processes share the articles (default: up to 2).
    """
    found = pairs(corpus_dir, limit)
    if not found:
        return []
    jobs = max(1, min(jobs or min(2, os.cpu_count() or 1), len(found)))
    shares = [(found[i::jobs], k) for i in range(jobs)]
    if jobs == 1:
        parts = [_score(shares[0])]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            parts = list(pool.map(_score, shares))
    n = sum(p["reference"][0] for p in parts)
    unmatched = sum(p["reference"][1] for p in parts)
    characters = sum(p["reference"][2] for p in parts)
    rows = []
    for name in systems():
        sums = [sum(p[name][i] for p in parts) for i in range(len(METRICS) + 1)]
        row: dict = {"algorithm": name}
        row.update({metric: sums[i] / n for i, metric in enumerate(METRICS)})
        row["ms"] = 1000 * sums[-1] / n
        row["articles"] = int(n)
        row["unmatched_reference_chars"] = unmatched / characters if characters else 0.0
        rows.append(row)
    return rows


def markdown(rows: list[dict], k: int) -> str:
    lines = [
        f"| algorithm (k={k}) | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | ms/article |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['algorithm']} | {row['rouge1']:.4f} | {row['rouge2']:.4f} "
            f"| {row['rougeL']:.4f} | {row['ms']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="an even spread of N articles")
    parser.add_argument("--k", type=int, default=3, help="summary sentences (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default 2)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    bbc = _bbc(args.corpus)
    if not (bbc / "News Articles").is_dir():
        print(f"skipped: no BBC corpus at {bbc} (it lives next to the repo, not in it)")
        return 0
    rows = summary_table(args.corpus, args.k, args.limit, args.jobs)
    if not rows:
        print(f"skipped: no article/summary pairs under {bbc}")
        return 0
    print(markdown(rows, args.k))
    print()
    print(f"tokenizer: {TOKENIZER}")
    print(
        f"{rows[0]['articles']} articles from {bbc}; mean F1 from rouge-score; references cut "
        f"at article sentences ({100 * rows[0]['unmatched_reference_chars']:.2f}% of their "
        "characters matched none)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
