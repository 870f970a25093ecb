"""Summary and quote quality on the evaluation corpora in ../shared/corpus.

    python bench/quality.py [--limit N]

Prints two tables: ROUGE-1/2/L F1 at 3 sentences on the BBC News Summary set for Lead-3, every
sumy algorithm and the default (bench/summaries.py), and quote precision/recall, speaker
accuracy and key-quote figures against PolNeAR's gold direct quotations (bench/quotes.py).
Each part says so and is skipped when its corpus is not there (as on a user's machine).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotes
import summaries


def main(argv: list[str] | None = None) -> int:
    status = summaries.main(argv)
    print()
    return status or quotes.main()


if __name__ == "__main__":
    raise SystemExit(main())
