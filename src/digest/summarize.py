"""Extractive summaries with sumy: the only module that imports it.

Sentences are split offline (:mod:`digest.language`); the summary keeps the article order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from .errors import ConfigError
from .language import tokenizer
from .models import Article

ALGORITHMS: dict[str, type[Any]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}
DEFAULT_ALGORITHM = "lexrank"
DEFAULT_SENTENCES = 3
MIN_WORDS = 4  # shorter "sentences" (captions, datelines, fragments) are never summary lines


def check_algorithm(name: str) -> str:
    key = name.strip().lower()
    if key not in ALGORITHMS:
        raise ConfigError(f"unknown algorithm {name!r}: use one of {', '.join(ALGORITHMS)}")
    return key


@cache
def _summarizer(algorithm: str, language: str) -> Any:
    try:
        stemmer = Stemmer(language)
    except LookupError:
        stemmer = None
    summarizer = ALGORITHMS[algorithm](stemmer) if stemmer else ALGORITHMS[algorithm]()
    try:
        summarizer.stop_words = get_stop_words(language)
    except LookupError:
        summarizer.stop_words = frozenset()
    return summarizer


def _normal(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def candidate_sentences(article: Article, avoid: tuple[str, ...] = ()) -> list[list[str]]:
    """The body's sentences by paragraph, without fragments, repeats of headline and dek, or
    sentences containing any of the ``avoid`` snippets (the pull quote)."""
    tok = tokenizer(article.language)
    skip = {_normal(article.title), _normal(article.dek)}
    paragraphs = []
    for paragraph in article.paragraphs:
        sentences = [
            s
            for s in tok.to_sentences(paragraph)
            if len(tok.to_words(s)) >= MIN_WORDS
            and _normal(s) not in skip
            and not any(snippet and snippet in s for snippet in avoid)
        ]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def summarize(
    article: Article,
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    avoid: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Up to ``sentences`` sentences of the body, chosen by the sumy ``algorithm``, in order."""
    paragraphs = candidate_sentences(article, avoid)
    flat = [s for p in paragraphs for s in p]
    if len(flat) <= sentences:
        return tuple(flat)
    tok = tokenizer(article.language)
    document = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in p]) for p in paragraphs])
    chosen = {
        str(s)
        for s in _summarizer(check_algorithm(algorithm), article.language)(document, sentences)
    }
    return tuple(s for s in flat if s in chosen)
