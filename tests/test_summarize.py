from __future__ import annotations

from datetime import UTC

import pytest

from conftest import SEEDS
from digest.errors import ConfigError
from digest.language import punkt_languages, tokenizer
from digest.sources import read_article
from digest.summarize import ALGORITHMS, candidate_sentences, check_algorithm, summarize

SEED = SEEDS / "000_2534067fcf5ef89c.txt"


def test_offline_sentence_splitting_handles_abbreviations_and_quotes() -> None:
    tok = tokenizer("english")
    assert tok.to_sentences("Dr. Smith met Mr. Jones in the U.S. capital. They talked.") == (
        "Dr. Smith met Mr. Jones in the U.S. capital.",
        "They talked.",
    )
    assert "Zelensky" in tok.to_words("“I can,” Zelensky said.")
    assert "," not in tok.to_words("a, b")


def test_german_tables_are_available() -> None:
    assert "german" in punkt_languages()
    assert tokenizer("german").to_sentences("Das ist z.B. ein Satz. Und noch einer.") == (
        "Das ist z.B. ein Satz.",
        "Und noch einer.",
    )


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(ConfigError, match="english") as info:
        tokenizer("klingon")
    assert "klingon" in str(info.value)


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_every_algorithm_returns_body_sentences_in_article_order(algorithm: str) -> None:
    seed = read_article(SEED, UTC)
    summary = summarize(seed, 3, algorithm)
    assert len(summary) == 3
    flat = [s for p in candidate_sentences(seed) for s in p]
    assert [flat.index(s) for s in summary] == sorted(flat.index(s) for s in summary)
    assert seed.dek not in summary and seed.title not in summary
    assert all(s in seed.body for s in summary)


def test_summary_leaves_out_the_pull_quote_sentence() -> None:
    seed = read_article(SEED, UTC)
    snippet = "I can just as well invite him to Kyiv"
    assert not any(snippet in s for s in summarize(seed, 20, avoid=(snippet,)))
    assert any(snippet in s for s in summarize(seed, 20))


def test_short_articles_give_what_they_have() -> None:
    seed = read_article(SEED, UTC)
    assert len(summarize(seed, 20)) == len([s for p in candidate_sentences(seed) for s in p])


def test_unknown_algorithm() -> None:
    with pytest.raises(ConfigError, match="lexrank"):
        check_algorithm("gpt")
