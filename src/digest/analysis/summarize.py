"""Extractive summaries with sumy: the only module that imports it.

Sentences are split offline (:mod:`digest.analysis.language`); the summary keeps the article order.
Candidates are the body sentences that can stand in a summary: a dateline is cut off the front
of a sentence, and bylines, picture captions and credits, "Also read" lines, date stamps, bare
quote fragments, very short lines, repeats and restatements of the headline or dek are left out.
Every algorithm chooses among the same candidates.

The default, ``news`` (:class:`NewsSummarizer`), ranks by topicality on the word graph TextRank
and Reduction use, leans towards fuller sentences, and puts the lead first whenever it is on the
article's topic: in news the lead carries the story.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import cache
from statistics import median
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.summarizers import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from digest.analysis.language import ScriptTokenizer, tokenizer
from digest.analysis.quotemarks import outside_quotes
from digest.model import Article
from digest.settings import DEFAULT_ALGORITHM, DEFAULT_SENTENCES, check_algorithm
from digest.text import is_also_read

MIN_WORDS = 4  # shorter "sentences" (captions, datelines, fragments) are never summary lines
STEMS_MEMO = 50_000  # words whose stems a summarizer remembers
REPEAT_SHARE = 0.8  # a sentence with this share of its words in the headline or dek repeats it


class NewsSummarizer(AbstractSummarizer):
    """Topicality, a sublinear preference for fuller sentences, and the lead first.

    * topicality: on the word-overlap graph TextRank and Reduction build (sumy's stemmed words
      without stop words), the summed cosine overlap of a sentence's word set with every other
      sentence's, ``shared / sqrt(len_a * len_b)``;
    * lead: a one-sentence summary is the lead, unless no other sentence shares a word with it;
      in a longer summary the lead keeps its place when it is at least as topical as the median
      sentence (a scene-setting lede the story does not take up again competes like any other);
    * the other places go to the highest ``topicality * words ** length_exponent``: a longer
      sentence carries more of the story, with diminishing returns.
    """

    length_exponent = 0.6
    _stop_words: frozenset[str] = frozenset()

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._stems: dict[str, str] = {}  # the stemmer is deterministic and costly: remembered

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Iterable[str]) -> None:
        self._stop_words = frozenset(map(self.normalize_word, words))

    def __call__(self, document: Any, sentences_count: int) -> tuple[Any, ...]:
        ratings = self.rate_sentences(document, sentences_count)
        return self._get_best_sentences(document.sentences, sentences_count, ratings)

    def _to_words_sets(self, sentences: list[Any]) -> list[set[str]]:
        """Each sentence's stemmed words without stop words (each word stemmed once)."""
        stems = self._stems
        if len(stems) > STEMS_MEMO:
            stems.clear()
        sets = []
        for sentence in sentences:
            words = (self.normalize_word(w) for w in sentence.words)
            sets.append(
                {
                    stems.get(w) or stems.setdefault(w, self.stem_word(w))
                    for w in words
                    if w not in self._stop_words
                }
            )
        return sets

    def topicality(self, sentences: list[Any]) -> list[float]:
        """Summed cosine overlap of each sentence's word set with every other sentence's."""
        sets = self._to_words_sets(sentences)
        scores = [0.0] * len(sets)
        for i, a in enumerate(sets):
            for j in range(i + 1, len(sets)):
                b = sets[j]
                if a and b:
                    shared = len(a & b) / math.sqrt(len(a) * len(b))
                    scores[i] += shared
                    scores[j] += shared
        return scores

    def rate_sentences(self, document: Any, sentences_count: int = 3) -> dict[Any, float]:
        """Ratings for a summary of ``sentences_count`` sentences; the lead's is infinite when
        it goes first."""
        sentences = list(document.sentences)
        if not sentences:
            return {}
        topicality = self.topicality(sentences)
        ratings = {
            s: t * len(s.words) ** self.length_exponent
            for s, t in zip(sentences, topicality, strict=True)
        }
        if self.lead_goes_first(topicality, sentences_count):
            ratings[sentences[0]] = math.inf
        return ratings

    @staticmethod
    def lead_goes_first(topicality: list[float], sentences_count: int) -> bool:
        if len(topicality) == 1:
            return True
        if sentences_count <= 1:
            return topicality[0] > 0
        return topicality[0] >= median(topicality[1:])


SUMMARIZERS: dict[str, type[Any]] = {
    "news": NewsSummarizer,
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}


class _Stemmer:
    """sumy's stemmer for a language, or none (words compared unstemmed, lower case) where sumy
    has none or its stemmer fails at first use: sumy builds the Polish and Greek stemmers
    without the packages they need (pystempel, greek-stemmer) and they raise ValueError on the
    first word. The switch happens before any word is stemmed, so a text is stemmed throughout
    or not at all."""

    def __init__(self, language: str) -> None:
        try:
            self._stem: Callable[[str], str] = Stemmer(language)
        except (LookupError, ValueError):
            self._stem = null_stemmer

    def __call__(self, word: str) -> str:
        try:
            return self._stem(word)
        except (ValueError, ImportError):
            if self._stem is null_stemmer:
                raise
            self._stem = null_stemmer
            return null_stemmer(word)


@cache
def _summarizer(algorithm: str, language: str) -> Any:
    stemmer = _Stemmer(language)
    stemmer("digest")  # a stemmer that cannot work says so now, not halfway through a text
    summarizer = SUMMARIZERS[algorithm](stemmer)
    try:
        summarizer.stop_words = get_stop_words(language)
    except LookupError:
        summarizer.stop_words = frozenset()
    return summarizer


# --- what is not a summary sentence ---------------------------------------------------------

_CAPS = r"[A-Z][A-Z.'’-]+"
_NAME = r"[A-Z][\w.'’-]*"
# "LONDON (Reuters) - ", "NEW DELHI, Nov 26 (PTI) — ", "KYIV, Ukraine — ", "(CNN) — "
_DATELINE = re.compile(
    rf"^(?:{_CAPS}(?:\s+{_CAPS}){{0,3}}(?:\s*,\s*{_NAME}(?:\s+[\w.'’-]+){{0,3}})?\s*(?:\([^()]{{1,30}}\))?"
    rf"|{_NAME}(?:\s+{_NAME}){{0,2}}(?:\s*,\s*[\w.'’]+(?:\s+[\w.'’]+){{0,3}})?\s*\([^()]{{1,30}}\)"
    r"|\([A-Z][^()]{1,30}\))"
    r"(?:\s*[–—]\s*|\s+-{1,2}\s+|\s*:\s+)(?=[\"“‘'(]?[A-Z0-9])"
)
_NOT_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|Then|Now|Contrast"
    r"|Comparison|Far|Law|Default|Design|Chance|Mistake|Night|Day|Noon|Midnight|Dawn)\b"
)
_BY = r"(?:[Bb]y|BY|[Ww]ritten by|(?:[Aa]dditional )?[Rr]eporting by|[Ww]ords by|[Ss]tory by)"
_BYLINE_NAMES = (
    rf"{_BY}\s+(?!{_NOT_NAMES}){_NAME}(?:\s+(?:{_NAME}|and|&|de|van|von|der|da|al)){{0,5}}"
)
_BYLINE_PREFIX = re.compile(rf"^{_BYLINE_NAMES}\s+(?={_DATELINE.pattern[1:]})")
_BYLINE = re.compile(rf"^{_BYLINE_NAMES}\s*(?:$|[,|;/–—-]\s*(?:[^.!?]|\.\w)*$)")
_STAMP_LABEL = re.compile(
    r"(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?\b:?", re.I
)
_DATE_TOKEN = re.compile(
    r"(?:\d[\d:./-]*|[AP]\.?M|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST"
    r"|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?)\.?,?",
    re.I,
)
_LABELS = (
    r"photo|photos|photograph|picture|pictures|pictured|image|images|caption|credit|credits"
    r"|file photo|file picture|photo credit|video|watch|listen|graphic|illustration|gallery"
)
_CAPTION = re.compile(
    rf"^[(\[]?(?:(?:{_LABELS})\s*(?:[:|/]|[–—]|\s-\s)"
    r"|(?:image source|image caption|media caption|photo caption)\b)",
    re.I,
)
_CREDIT = re.compile(  # "(AP Photo/Evan Vucci)", "[Getty Images]", "Reuters/Jane Doe"
    r"^(?:[(\[][^()\[\]]{0,80}\b(?i:photo|photograph|picture|image|getty|credit)s?\b[^()]{0,80}[)\]]"
    r"|[(\[]?(?:AP|AFP|Reuters|EPA|PA|Getty Images)\s*(?:/|via\b)[^()]{0,60}[)\]]?)$",
)


def _is_stamp(sentence: str) -> bool:
    """A date line: "Published 26 November 2026", "Updated: 10:32 GMT", "Wed 26 Nov 2026"."""
    label = _STAMP_LABEL.match(sentence)
    rest = sentence[label.end() :] if label else sentence
    if label and len(rest) <= 60 and not any(c in rest for c in ".!?"):
        return True
    tokens = rest.split()
    return bool(tokens) and all(_DATE_TOKEN.fullmatch(t) for t in tokens)


def _strip_front(sentence: str) -> str:
    """The sentence without a dateline (and a byline run into it) in front."""
    return _DATELINE.sub("", _BYLINE_PREFIX.sub("", sentence, count=1), count=1)


def _not_summary(sentence: str, words: tuple[str, ...]) -> bool:
    """Lines of news copy that are not summary sentences whatever their score."""
    return bool(
        len(words) < MIN_WORDS
        or _BYLINE.match(sentence)
        or _is_stamp(sentence)
        or _CAPTION.match(sentence)
        or _CREDIT.match(sentence)
        or is_also_read(sentence)
        or not any(c.isalnum() for c in outside_quotes(sentence))  # a bare quote: whose words?
    )


def _normal(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def _repeats(words: tuple[str, ...], shown: list[set[str]]) -> bool:
    """Whether the sentence's words are mostly the headline's or the dek's (it says it again)."""
    own = {w.lower() for w in words}
    return any(len(own & other) >= REPEAT_SHARE * len(own) for other in shown if other)


def candidate_sentences(article: Article, avoid: tuple[str, ...] = ()) -> list[list[str]]:
    """The body's sentences by paragraph, without fragments, repeats of headline and dek, or
    sentences containing any of the ``avoid`` snippets (the pull quote).

    A dateline in front of a sentence is cut off (the rest is still a substring of the body);
    bylines, captions and credits, "Also read" lines, date stamps, bare quote fragments, lines
    under ``MIN_WORDS`` words and repeats of an earlier sentence are left out.
    """
    tok = tokenizer(article.language)
    skip = {_normal(article.title), _normal(article.dek)}
    shown = [{w.lower() for w in tok.to_words(t)} for t in (article.title, article.dek)]
    paragraphs = []
    for paragraph in article.paragraphs:
        sentences = []
        for raw in tok.to_sentences(paragraph):
            s = _strip_front(raw)
            key = _normal(s)
            if key in skip or any(snippet and snippet in s for snippet in avoid):
                continue
            words = tok.to_words(s)
            if _not_summary(s, words) or _repeats(words, shown):
                continue
            skip.add(key)
            sentences.append(s)
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
    tok = tokenizer(article.language)
    if not flat and isinstance(tok, ScriptTokenizer):
        return _lead(article, sentences, avoid)
    if len(flat) <= sentences:
        return tuple(flat)
    document = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in p]) for p in paragraphs])
    chosen = {
        str(s)
        for s in _summarizer(check_algorithm(algorithm), article.language)(document, sentences)
    }
    return tuple(s for s in flat if s in chosen)


def _lead(article: Article, sentences: int, avoid: tuple[str, ...]) -> tuple[str, ...]:
    """The first sentences of the body: a language split by its script alone, whose sentences
    the rules above all left out (too few "words" where words are not spaced), still gets a
    summary."""
    tok = tokenizer(article.language)
    found = (
        s
        for p in article.paragraphs
        for s in tok.to_sentences(p)
        if not any(snippet and snippet in s for snippet in avoid)
    )
    return tuple(s for _, s in zip(range(sentences), found, strict=False))
