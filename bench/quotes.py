"""Quote finding measured against PolNeAR's gold direct quotations.

    python bench/quotes.py            # all 840 articles of ../shared/corpus/polnear

Matching rule (from the corpus README): a predicted quote matches a gold quote of the same
article when their character overlap covers more than half of the predicted span. Precision is
over every predicted quote in every article (an article without gold quotes has none to find);
recall is over gold quotes. Speaker accuracy is over matched quotes: the gold speaker span's
last word before any appositive (a surname, a pronoun, the head of a description) equals the
last word of the speaker as written, or is in the resolved name.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.analysis.quotes import PRONOUNS, find_quotes, key_quote  # noqa: E402
from digest.readers.scan import read_article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def _last(words: str | None) -> str:
    """The last word of a speaker, before any appositive: "Jane Roe, a teacher" -> "roe"."""
    head = (words or "").split(",")[0].split(" (")[0]
    parts = head.replace("’s", "").replace("'s", "").split()
    return parts[-1].strip(".,:;").lower() if parts else ""


def _first_annotator_contents(folder: Path) -> dict[str, list[tuple[int, int]]]:
    """Every Content span of each article's first annotator (the file the gold comes from).

    The gold keeps only contents that *begin* with a quote mark, so a quotation inside a content
    such as `that "we will win"` or `X said in a statement. "..."` is not in it. Counting a
    prediction as matched when it lies inside any of the first annotator's contents shows how
    many "false positives" are quotations that annotator did attribute.
    """
    first: dict[str, str] = {}
    rows = (folder / "metadata-train.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        cells = row.split("\t")
        first[cells[1]] = cells[3].split(",")[0]
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for stem, annotator in first.items():
        ann = folder / "train" / "attributions" / f"{stem}_{annotator}.ann"
        if not ann.exists():
            continue
        for line in ann.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < 2 or not cells[1].startswith("Content "):
                continue
            for segment in cells[1].split(" ", 1)[1].split(";"):
                start, end = segment.split()
                spans[stem + ".txt"].append((int(start), int(end)))
    return spans


def quote_table(corpus: Path = CORPUS) -> dict[str, Any]:
    from datetime import UTC

    folder = corpus / "polnear"
    contents = _first_annotator_contents(folder)
    inside_content = 0
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (folder / "quotes-train.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["article"]].append(row)
    predicted = matched = gold_total = gold_found = 0
    named = speaker_ok = speaker_checked = 0
    keys = keys_named = articles_with_quotes = 0
    started = time.perf_counter()
    paths = sorted((folder / "train" / "text").glob("*.txt"))
    for path in paths:
        article = read_article(path, UTC)
        quotes = find_quotes(article)
        golds = gold.get(path.name, [])
        predicted += len(quotes)
        for q in quotes:
            hits = [
                g
                for g in golds
                if _overlap(q.start, q.end, g["start"], g["end"]) * 2 > q.end - q.start
            ]
            if q.speaker:
                named += 1
            if not hits and any(
                _overlap(q.start, q.end, a, b) * 2 > q.end - q.start
                for a, b in contents.get(path.name, [])
            ):
                inside_content += 1
            if hits:
                matched += 1
                g = hits[0]
                if g["speaker"]:
                    speaker_checked += 1
                    target = _last(g["speaker"])
                    if target and (
                        target == _last(q.speaker_as_written)
                        or target in (q.speaker or "").lower().split()
                    ):
                        speaker_ok += 1
        for g in golds:
            gold_total += 1
            if any(
                _overlap(q.start, q.end, g["start"], g["end"]) * 2 > q.end - q.start for q in quotes
            ):
                gold_found += 1
        if quotes:
            articles_with_quotes += 1
            chosen = key_quote(quotes)
            if chosen is not None:
                keys += 1
                keys_named += bool(chosen.speaker and chosen.speaker.lower() not in PRONOUNS)
    elapsed = time.perf_counter() - started
    return {
        "articles": len(paths),
        "gold quotes": gold_total,
        "predicted": predicted,
        "precision": matched / predicted if predicted else 0.0,
        "recall": gold_found / gold_total if gold_total else 0.0,
        "unmatched inside annotator 1's Content spans": f"{inside_content}/{predicted - matched}",
        "precision counting those": (matched + inside_content) / predicted if predicted else 0.0,
        "speaker is a name": named / predicted if predicted else 0.0,
        "speaker accuracy (matched)": speaker_ok / speaker_checked if speaker_checked else 0.0,
        "key quotes (articles with quotes)": f"{keys}/{articles_with_quotes}",
        "key quotes with a named speaker": keys_named / keys if keys else 0.0,
        "ms/article": 1000 * elapsed / len(paths),
    }


def main() -> int:
    if not (CORPUS / "polnear" / "quotes-train.jsonl").exists():
        print(f"skipped: {CORPUS / 'polnear'} is not here (it is evaluation data, not shipped)")
        return 0
    table = quote_table()
    print("| quotes on PolNeAR train | value |")
    print("| --- | --- |")
    for key, value in table.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"| {key} | {shown} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
