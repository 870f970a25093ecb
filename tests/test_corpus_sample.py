"""Issue 14: no internal error on real-world files. A sample of each set in
../shared/corpus/real-world (feedparser's wellformed, illformed, encoding and entities test
feeds, rss-parser's and feedjira's real feeds, Jekyll posts, saved news pages) is read here
when the corpus is beside the checkout; `bench/readers.py` reads the whole sets."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.readers.scan import ReadOptions, inventory, read_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = next(
    (p / "shared" / "corpus" / "real-world" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "corpus" / "real-world",
)
# set -> every how many-th file is read (the sample stays under a few seconds each)
SETS = {
    "feedparser/wellformed": 15,
    "feedparser/illformed": 3,
    "feedparser/encoding": 2,
    "feedparser/entities": 3,
    "feedparser/json": 1,
    "rss-parser": 1,
    "feedjira": 1,
    "jekyll-posts": 5,
    "pages": 10,
}


@pytest.mark.parametrize("name", list(SETS))
def test_a_sample_of_real_world_files_reads_without_an_internal_error(name: str) -> None:
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (the shared corpus sits beside the checkout)")
    files = [item for item in inventory([folder]) if not isinstance(item, str)]
    sample = files[:: SETS[name]]
    assert sample, f"no files in {folder}"
    options = ReadOptions(UTC, now=datetime(2026, 11, 27, 7, tzinfo=UTC))
    failed: list[str] = []
    read = 0
    for item in sample:
        try:
            articles, skipped = read_file(item.path, options)
        except Exception:  # the bug this looks for: anything but a reason to skip
            failed.append(f"{item.key}: {traceback.format_exc(limit=-2)}")
            continue
        read += len(articles)
        for article in articles:  # what is read is usable: a headline and text, no markup
            assert article.title and article.paragraphs, item.key
            assert article.published.tzinfo is not None, item.key
        for skip in skipped:
            assert skip.reason, item.key
    assert failed == []
    assert read > 0 or name.startswith("feedparser/")  # (some feedparser sets test feeds only)
