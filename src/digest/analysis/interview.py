"""An interview set as questions and answers: each answer is the interviewee's own words.

A piece is an interview when at least two of its paragraphs open with a speaker label and at
least one of them asks and one answers: ``Q: … / A: …``, or names (``DOE: …``,
``Jane Doe: …``, ``Interviewer: …``). An answer is a quotation without quotation marks, so the
quote finder (:mod:`digest.analysis.quotes`) does not see it; :func:`answers` gives each one as
a :class:`~digest.model.Quote` credited to the interviewee, and the key quote is chosen among
them like any other (a person, a full name, 6-40 words).

Who answers: a name label is the person the introduction (or the headline) names with that
surname, else the label as written; an ``A:`` label is the person the headline names, else the
person the introduction names most (first named on a tie). When nobody is named the answer has
no speaker, and an unattributed answer is never a key quote. The interviewer's own lines
(``Q:``, or a name whose lines mostly end in a question mark) are not quotes.
"""

from __future__ import annotations

import re

from digest.analysis.boilerplate import INTERVIEW_LABEL
from digest.analysis.cast import Person, cast_of
from digest.analysis.keyquote import KEY_MAX_WORDS
from digest.analysis.names import WORD, norm
from digest.model import Article, Quote

_ASKS = {"q", "question", "interviewer", "q&a"}
_ANSWERS = {"a", "answer"}
# a sentence ends at . ! ? (and a closing mark), not after an initial or a title ("Mr. Doe")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?…]+[”\"’']?(?=\s+\S|\s*$)"
)


def _labelled(text: str, start: int) -> list[tuple[str, int, int]]:
    """Each paragraph that opens with a speaker label: (label, where the words start, where the
    paragraph ends), offsets into ``text``."""
    found = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        a, b = start + m.start(), start + m.end()
        line = text[a:b]
        lead = len(line) - len(line.lstrip())
        label = INTERVIEW_LABEL.match(line, lead)
        if label:
            found.append((label.group("label"), a + label.end(), b))
    return found


def _askers(lines: list[tuple[str, str]]) -> set[str] | None:
    """The labels that ask, given each labelled line as (label, words); None when the lines are
    not an interview (fewer than two, nobody asks, or nobody answers)."""
    if len(lines) < 2:
        return None
    said: dict[str, list[str]] = {}
    for label, words in lines:
        said.setdefault(label, []).append(words)
    asking = {label for label, words in said.items() if _asks(label, words)}
    return asking if asking and len(asking) < len(said) else None


def is_interview(paragraphs: tuple[str, ...]) -> bool:
    """Questions and answers: at least two labelled paragraphs, one label asking, one answering."""
    lines = []
    for paragraph in paragraphs:
        label = INTERVIEW_LABEL.match(paragraph.lstrip())
        if label:
            lines.append((label.group("label"), paragraph.lstrip()[label.end() :]))
    return _askers(lines) is not None


def _asks(label: str, lines: list[str]) -> bool:
    if label.lower() in _ASKS:
        return True
    if label.lower() in _ANSWERS:
        return False
    return sum(line.rstrip().endswith("?") for line in lines) * 2 > len(lines)


def _first_thought(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The answer's opening sentences, as many as fit in a key quote; True when it ends on a
    sentence end (a whole thought)."""
    stop = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if len(WORD.findall(text[start : m.end()])) > KEY_MAX_WORDS:
            break
        stop = m.end()
    if stop > start:
        return start, stop, True
    return start, end, False


def _interviewee(people: list[Person], headline: str, intro_end: int) -> Person | None:
    named = [p for p in people if len(p.name.split()) >= 2]
    heading = {norm(w) for w in WORD.findall(headline)}
    for person in named:
        if person.surname in heading:
            return person
    in_intro = [p for p in named if any(m < intro_end for m in p.mentions)]
    if not in_intro:
        return None
    return max(in_intro, key=lambda p: (sum(m < intro_end for m in p.mentions), -p.mentions[0]))


def answers(article: Article) -> tuple[Quote, ...]:
    """The interviewee's answers, one quote each (their opening sentences), in article order;
    nothing when the article is not an interview."""
    text, body_start = article.source_text
    lines = _labelled(text, body_start)
    asking = _askers([(label, text[a:b]) for label, a, b in lines])
    if asking is None:
        return ()
    intro_end = min(a for _, a, _ in lines)
    cast = cast_of(text, body_start, [(a, b) for _, a, b in lines], article.title)
    guest = _interviewee(cast.people, article.title, intro_end)
    quotes = []
    full: dict[str, str] = {}  # a surname -> the full name an earlier label gave ("JOEL BENENSON")
    for label, a, b in lines:
        if label in asking:
            continue
        if label.lower() in _ANSWERS:
            speaker = guest.shown if guest else None
        else:
            written = " ".join(w.capitalize() if w.isupper() else w for w in label.split())
            person = cast.find(written, None, a)
            speaker = person.shown if person else full.get(norm(written), written)
            if len(speaker.split()) >= 2:
                full.setdefault(norm(speaker.split()[-1]), speaker)
        start, end, whole = _first_thought(text, a, b)
        quotes.append(
            Quote(
                text=text[start:end].strip(),
                speaker=speaker,
                speaker_as_written=label,
                start=start,
                end=end,
                speaker_kind="person" if speaker else None,
                whole=whole,
            )
        )
    return tuple(quotes)
