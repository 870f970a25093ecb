"""Summary quality as the reader sees it, against what a user would otherwise get.

    python bench/quality.py [--limit N] [--jobs J] [--quotes]

Needs the ``bench`` extra (``rouge-score``) and ``../shared/corpus``; without the corpus it says
so and exits 0. Three tables (and, with ``--quotes``, bench/quotes.py's):

1. ROUGE-1/2/L F1 at k=3 on the BBC News Summary set (extractive references), for
   * ``lead-3``: the first three sentences of the article body as written (no filter at all);
   * ``raw <algorithm>``: every sumy summarizer run on the raw body (all its sentences, sumy's
     stemmer and stop words, none of this project's filters): what sumy alone gives a user;
   * ``digest``: the default summary as the digest shows it (the key quote found first and left
     out of the summary, exactly as ``make`` does).
2. ROUGE against a human-written one-line reference: each article's headline (BBC line 1 and
   PolNeAR's titles), the summary made from the body without it.
3. Defects per 100 summaries, for ``digest`` and ``lead-3``, counted by simple detectors written
   here (independent of the summarizer's own filters): unbalanced quotation marks, a dangling
   opener (a connective or pronoun whose sentence before it is not in the summary), a dateline
   or date line, a caption or credit, a title-case sentence, a question.

Tokenizer for ROUGE: rouge-score's DefaultTokenizer with Porter stemming (lower-cased, every run
of characters other than [a-z0-9] is a space).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import summaries

from digest.analysis.language import tokenizer
from digest.model import Article

CORPUS = summaries.CORPUS
METRICS = summaries.METRICS
RAW = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction")
K = 3
Summarizer = Callable[[Article], tuple[str, ...]]


# --- the systems ----------------------------------------------------------------------------


def body_sentences(article: Article) -> list[str]:
    tok = tokenizer(article.language)
    return [s for p in article.paragraphs for s in tok.to_sentences(p)]


def lead3(article: Article) -> tuple[str, ...]:
    return tuple(body_sentences(article)[:K])


def raw_sumy(name: str) -> Summarizer:
    def run(article: Article) -> tuple[str, ...]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        from digest.analysis.summarize import _summarizer

        tok = tokenizer(article.language)
        sentences = body_sentences(article)
        if len(sentences) <= K:
            return tuple(sentences)
        document = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in sentences])])
        chosen = {str(s) for s in _summarizer(name, article.language)(document, K)}
        return tuple(s for s in sentences if s in chosen)

    return run


def as_shown(article: Article) -> tuple[str, ...]:
    """The summary ``make`` puts in the digest: the same analysis call (default algorithm,
    the key quote chosen first with the headline and its sentence left out)."""
    from digest.analysis.workers import analyse
    from digest.settings import DEFAULT_ALGORITHM

    summary, _, _ = analyse(article, K, DEFAULT_ALGORITHM)
    return summary


def systems() -> dict[str, Summarizer]:
    table: dict[str, Summarizer] = {"lead-3": lead3}
    table.update({f"raw {name}": raw_sumy(name) for name in RAW})
    table["digest (as shown)"] = as_shown
    return table


# --- defects --------------------------------------------------------------------------------

_OPENERS = re.compile(
    r"^(?:But|However|And|Yet|Still|Also|Meanwhile|Instead|Moreover|Furthermore|Nonetheless"
    r"|Nevertheless|Indeed|Thus|Therefore|So|This|That|These|Those|It|He|She|They|His|Her|Their"
    r"|Its|Him|Them|Such|Then|There|Both|The (?:move|letter|decision|plan|statement|comments"
    r"|remarks|report|bill|deal|comment|announcement|proposal|request|news|change|company|group"
    r"|latter|former))\b"
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}\b[^—–]{0,40}?(?:\s[—–]\s|\s--\s|\(\w+\)\s*[—–-])"
    r"|[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2},\s[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+)?\s[—–]\s)"
)
_DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4})\W*$"
)
_CAPTION = re.compile(
    r"(?:\b(?:Photo|Image|Picture|Photograph|Credit|Caption)s?\s*:|\(AP Photo|Getty Images"
    r"|\bREUTERS/|\bAFP/|\[\+\d+ chars\])",
    re.I,
)


DEFECTS = (
    "unbalanced quotes",
    "dangling opener",
    "dateline/date line",
    "caption/credit",
    "title case",
    "question",
)


def _quotes_unbalanced(sentence: str) -> bool:
    opening = sentence.count("“") + sentence.count("„")
    closing = sentence.count("”")
    if "„" in sentence:  # „so“
        closing += sentence.count("“")
        opening -= 0
    straight = sentence.count('"')
    return opening != closing or straight % 2 == 1


def _title_case(sentence: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", sentence)]
    if len(words) < 4:
        return False
    small = {"a", "an", "the", "of", "in", "on", "for", "and", "or", "to", "at", "by", "with"}
    big = [w for w in words if w.lower() not in small]
    return bool(big) and sum(w[0].isupper() for w in big) / len(big) >= 0.8


def defects(article: Article, summary: tuple[str, ...]) -> dict[str, int]:
    found = dict.fromkeys(DEFECTS, 0)
    order = body_sentences(article)
    for at, sentence in enumerate(summary):
        if _quotes_unbalanced(sentence):
            found["unbalanced quotes"] += 1
        if _OPENERS.match(sentence):
            before = order[order.index(sentence) - 1] if sentence in order[1:] else None
            previous = summary[at - 1] if at else None
            if before is None or before != previous:
                found["dangling opener"] += 1
        if _DATELINE.match(sentence) or _DATE_LINE.match(sentence):
            found["dateline/date line"] += 1
        if _CAPTION.search(sentence):
            found["caption/credit"] += 1
        if _title_case(sentence):
            found["title case"] += 1
        if sentence.rstrip("”\"’' ").endswith("?") and not sentence.startswith(("“", '"')):
            found["question"] += 1
    return found


# --- the runs --------------------------------------------------------------------------------


def _polnear(corpus: Path, limit: int | None) -> list[Path]:
    folder = corpus / "polnear" / "train" / "text"
    found = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if limit is not None and limit < len(found):
        found = [found[i * len(found) // limit] for i in range(limit)]
    return found


def _work(job: tuple[str, list[tuple[Path, Path | None]]]) -> dict[str, list[float]]:
    from rouge_score import rouge_scorer

    kind, chunk = job
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    runs = systems()
    if kind == "headline":
        runs = {name: runs[name] for name in ("lead-3", "raw reduction", "digest (as shown)")}
    totals: dict[str, list[float]] = {name: [0.0] * (len(METRICS) + 7) for name in runs}
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        for path, ref_path in chunk:
            article = summaries.load(path, Path(scratch))
            if kind == "bbc" and ref_path is not None:
                ref = "\n".join(summaries.reference(article, ref_path)[0])
            else:
                ref = article.title
            for name, run in runs.items():
                summary = run(article)
                scores = scorer.score(ref, "\n".join(summary))
                row = totals[name]
                for i, metric in enumerate(METRICS):
                    row[i] += scores[metric].fmeasure
                if name in ("lead-3", "digest (as shown)"):
                    for i, count in enumerate(defects(article, summary).values()):
                        row[len(METRICS) + i] += count
                    row[-1] += len(summary)
    totals["_n"] = [float(len(chunk))]
    return totals


def _run(kind: str, items: list[tuple[Path, Path | None]], jobs: int) -> dict[str, list[float]]:
    shares = [(kind, items[i::jobs]) for i in range(jobs)]
    if jobs == 1:
        parts = [_work(shares[0])]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            parts = list(pool.map(_work, shares))
    merged: dict[str, list[float]] = {}
    for part in parts:
        for name, values in part.items():
            old = merged.setdefault(name, [0.0] * len(values))
            merged[name] = [a + b for a, b in zip(old, values, strict=True)]
    return merged


def _rouge_table(title: str, totals: dict[str, list[float]]) -> str:
    n = totals["_n"][0]
    lines = [
        f"| {title} (n={int(n)}, k={K}) | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, values in totals.items():
        if name == "_n":
            continue
        cells = " | ".join(f"{100 * values[i] / n:.1f}" for i in range(len(METRICS)))
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines)


def _defect_table(parts: dict[str, dict[str, list[float]]]) -> str:
    lines = [
        "| defects per 100 summaries | " + " | ".join(DEFECTS) + " | total |",
        "|---|" + "---:|" * (len(DEFECTS) + 1),
    ]
    for name in ("lead-3", "digest (as shown)"):
        for corpus, totals in parts.items():
            n = totals["_n"][0]
            values = totals[name][len(METRICS) : len(METRICS) + len(DEFECTS)]
            cells = " | ".join(f"{100 * v / n:.1f}" for v in values)
            lines.append(f"| {name}, {corpus} | {cells} | {100 * sum(values) / n:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="an even spread of N articles")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--quotes", action="store_true", help="also run bench/quotes.py")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    bbc_pairs = summaries.pairs(args.corpus, args.limit) if (args.corpus / "bbc").is_dir() else []
    polnear = _polnear(args.corpus, args.limit)
    if not bbc_pairs and not polnear:
        print(f"skipped: no corpus at {args.corpus} (it lives next to the repo, not in it)")
        return 0
    defect_parts: dict[str, dict[str, list[float]]] = {}
    if bbc_pairs:
        bbc = _run("bbc", list(bbc_pairs), args.jobs)
        print(_rouge_table("BBC, extractive references", bbc))
        print()
        defect_parts["BBC"] = bbc
        headlines = _run("headline", [(a, None) for a, _ in bbc_pairs], args.jobs)
        print(_rouge_table("BBC, headline as reference", headlines))
        print()
    if polnear:
        political = _run("headline", [(p, None) for p in polnear], args.jobs)
        print(_rouge_table("PolNeAR, headline as reference", political))
        print()
        defect_parts["PolNeAR"] = political
    print(_defect_table(defect_parts))
    print()
    print(f"tokenizer: {summaries.TOKENIZER}")
    if args.quotes:
        import quotes

        print()
        return quotes.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
