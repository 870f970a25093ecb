"""Direct quotations and their speakers.

Quotes are found in the article's own text, so ``start``/``end`` are offsets into the file.
The quoted spans and their attribution come from :mod:`digest.analysis.candidates`; what is not
a speaker's words (scare quotes, titles, partial phrases woven into a sentence) is left out:
see :func:`is_quotation`. Pronouns resolve to the nearest person named before the quote; a
surname resolves to the full name the story introduced (:mod:`digest.analysis.speakers`). The
key quote is :func:`digest.analysis.keyquote.key_quote`.
"""

from __future__ import annotations

import re

from digest.analysis.candidates import ATTRIBUTION_AFTER, Candidate, candidates, quoted_words
from digest.analysis.cast import Cast, Person, cast_of, gender_of
from digest.analysis.names import FIRST_NAMES, ORGANISATION_WORDS, norm, word_list
from digest.analysis.speakers import (
    introduced_unnamed,
    issuer_before,
    kind_of_name,
    owner_before,
    parse_speaker,
    refers_back,
    resolve_description,
    resolve_pronoun,
)
from digest.model import Article, Quote

WOVEN_AFTER = word_list("woven_after.txt")
_LEAD_WORD = re.compile(r"([\w’'-]+)[^\w\n]*$")


def is_quotation(candidate: Candidate, text: str) -> bool:
    """A speaker's words, not a scare quote, a title or a phrase woven into a sentence.

    It must be attributed (or continue an attributed quotation), start like a sentence, not
    follow a word that makes it part of the sentence ("said that “…”", "the so-called “…”",
    "ABC’s “This Week”"), and not be a short title-cased name without punctuation.
    """
    inner = candidate.inner.lstrip(" .…'‘[")  # "[T]he stakes": an editor's capital
    if not inner or not inner[0].isupper():
        return False
    if not (candidate.attributed or candidate.inherited):
        return False
    lead = _LEAD_WORD.search(text, max(0, candidate.start - 40), candidate.start)
    if lead and (lead.group(1).lower() in WOVEN_AFTER or lead.group(1).endswith(("’s", "'s"))):
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", inner)
    capitalised = sum(w[0].isupper() for w in words)
    # a short title-cased name without punctuation: “Saturday Night Live”, “Make America Great”
    return not (len(words) <= 10 and capitalised >= 0.6 * len(words) and inner[-1:] not in ".,!?…")


def _runs_on(text: str, end: int) -> bool:
    """The sentence goes on in the writer's words after the closing mark: “What are we going
    to do? That is the fight we're taking” to the rest of the country."""
    if not re.match(r"[ \t\xa0]+[a-z]", text[end : end + 3]):
        return False
    return ATTRIBUTION_AFTER.match(text, end, min(len(text), end + 120)) is None


_GENDERED = re.compile(r"\b(?:(?P<m>[Hh]e|[Hh]is|[Hh]im)|(?P<f>[Ss]he|[Hh]er|[Hh]ers))\b")


def _gender_nearby(text: str, at: int) -> str | None:
    """The gender of the last he/his or she/her in the writer's words of the paragraph before
    a quotation ("Sanders let Kingson speak first, and then he spent…"), if any."""
    start = max(text.rfind("\n", 0, max(0, text.rfind("\n", 0, at) - 1)) + 1, at - 400)
    found = None
    for m in _GENDERED.finditer(text, start, at):
        if text.count("“", start, m.start()) == text.count("”", start, m.start()):
            found = "m" if m.group("m") else "f"
    return found


def _one_bearer(cast: Cast, word: str) -> Person | None:
    """The story's one person whose surname ``word`` is, if exactly one bears it."""
    bearers = [p for p in cast.people if p.surname == norm(word)]
    return bearers[0] if len(bearers) == 1 else None


# a nickname in quotation marks inside a name: John “Tig” Tiegen, Jimmy "the Whirlwind" White,
# Juan "Chico" Manriquez (read as spaces, the name is whole)
_NICKNAME = re.compile(
    r"(\b[A-Z][a-z]{1,20})([ \t]+[“\"‘']([A-Za-z][^“”\"‘’'\n]{0,24}?)[ \t]*[”\"’'])"
    r"(?=[ \t]+[A-Z][a-z])"
)


def _without_nicknames(text: str) -> str:
    """The text with each nickname inside a name (after a known first name, three words at
    most, no comma) read as spaces, offsets unchanged; not "calling Trump “an orange
    buffoon,” Susan said"."""

    def blank(m: re.Match[str]) -> str:
        nickname = m.group(3)
        if norm(m.group(1)) not in FIRST_NAMES or len(nickname.split()) > 3 or "," in nickname:
            return m.group(0)
        return m.group(1) + " " * len(m.group(2))

    return _NICKNAME.sub(blank, text)


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in the body, with its speaker where the text says who. The
    attribution rules (reporting verbs, titles, first names, pronouns) are English ones: in
    another language a quotation is found but credited to nobody, since "sagte er" read by them
    gives "Er" or "Am Ende" as a person."""
    text, body_start = article.source_text
    found = [c for c in candidates(text, body_start) if is_quotation(c, text)]
    if not found:
        return ()
    quoted = [(c.start, c.end) for c in found]
    cast = cast_of(_without_nicknames(text), body_start, quoted, article.title)
    speakers: list[tuple[int, Person]] = []
    quotes = []
    previous: tuple[str | None, str | None] = (None, None)
    previous_written: str | None = None
    previous_person: Person | None = None
    english = article.language == "english"
    for c in found:
        who = c.speaker_as_written if english else None
        speaker: str | None = None
        kind: str | None = None
        person: Person | None = None
        if c.inherited and previous[0] is not None and who == previous_written:
            speaker, kind = previous
            person = previous_person
        elif who:
            parsed, value = parse_speaker(who)
            if parsed == "pronoun" and value:
                person = resolve_pronoun(value, cast, text, body_start, c.start, speakers)
                kind = "person" if person else ("unnamed" if value == "they" else None)
            elif parsed == "person" and value:
                gender = gender_of(who.split(), value.split())
                person = cast.find(value, gender, c.start) or cast.add(value.split(), [], c.start)
                namesakes = [
                    p
                    for p in cast.people
                    if len(value.split()) == 1
                    and p.surname == norm(value)
                    and not (gender and p.gender and gender != p.gender)
                ]
                if len(namesakes) > 1:
                    # "Clinton" when the story has Bill and Hillary: the one the passage is
                    # about, when the passage's he/she is one of them (a "he" meaning the
                    # interviewer says nothing of which Clinton); else the story's main one
                    nearby = gender or _gender_nearby(text, c.start)
                    pronoun = {"m": "he", "f": "she"}.get(nearby or "", "")
                    among = namesakes if gender else None
                    about = resolve_pronoun(
                        pronoun, cast, text, body_start, c.start, speakers, among
                    )
                    person = about if about in namesakes else person
                if person is None:
                    speaker, kind = value, kind_of_name(value)
                kind = kind or "person"
            elif (
                parsed in {"description", "unnamed"}
                and value
                and (issuer := issuer_before(value, text, c.start, cast)) is not None
            ):
                # "Cook provided a written statement" … "the statement said": Cook's words
                if isinstance(issuer, Person):
                    person = issuer
                else:
                    speaker, kind = issuer, "organisation"
            elif (
                parsed in {"description", "unnamed"}
                and value
                and (owner := owner_before(value, text, c.start, cast))
            ):
                speaker, kind = owner, "organisation"  # "the report said": the IMF's
            elif parsed == "description" and value:
                person = resolve_description(value, cast, c.start)
                if (
                    person is None
                    and refers_back(value)
                    and not introduced_unnamed(value, text, c.start)
                ):
                    # "the prime minister said" is not the mayor
                    person = resolve_pronoun(
                        "", cast, text, body_start, c.start, speakers, description=value
                    )
                # the head noun is before "of": "the chairman of the committee" is a person
                head = re.split(r"\s+(?:of|for|at|in|on)\s+", value)[0].split()[-1]
                if person is None and norm(head) in ORGANISATION_WORDS:
                    # "the State Department" is named; "the agency" only points back to it
                    named = any(w[:1].isupper() for w in value.split()[1:])
                    org = re.sub(r"^(?i:the)\s+", "", value)
                    speaker, kind = (org if named else None), "organisation"
                kind = kind or ("person" if person else "unnamed")
            elif parsed == "organisation" and value:
                # "Guardian said" where the story has Mayor Don Guardian: a bare surname first
                person = _one_bearer(cast, who) if " " not in who.strip() else None
                if person is None:
                    speaker, kind = value, "organisation"
            elif parsed == "unnamed":
                kind = "unnamed"
            elif parsed == "none" and re.fullmatch(r"[A-Z][a-z’'-]+", who):
                # "Lake said" where the story has Yukos spokesman Mike Lake: a surname that
                # is also a word of the lists, when one person of the story bears it
                person = _one_bearer(cast, who)
        if person is not None:
            speaker, kind = person.shown, "person"
            person.speaks += 1
            speakers.append((c.start, person))
        previous, previous_written, previous_person = (speaker, kind), who, person
        quotes.append(
            Quote(
                text=c.inner,
                speaker=speaker or None,
                speaker_as_written=who,
                start=c.start,
                end=c.end,
                parts=c.parts,
                speaker_kind=kind,
                whole=not _runs_on(text, c.end),
            )
        )
    return tuple(quotes)


def part_texts(article: Article, quote: Quote) -> tuple[str, ...]:
    """The cleaned words of each part of a quotation (what a summary must not repeat)."""
    text, _ = article.source_text
    return tuple(quoted_words(text, (part,)) for part in quote.parts)
