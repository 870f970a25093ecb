"""Quoted spans and the words attributing them, before deciding what is a quotation.

Quote marks are classified by context rather than shape, because real text mixes straight,
curly and wrongly-curled marks. A quotation is attributed from the words right after it
(“…,” he said) or right before it (Name said: “…”), or inherits the speaker of the quotation
it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digest.analysis.names import (
    ABBREVIATION,
    NAME,
    NOUN_PHRASE,
    ORGANISATION_WORDS,
    TITLE_ABBREVIATION,
    TITLES,
    UNNAMED_NOUNS,
    VERB_WORD,
    V,
    is_possessive,
    looks_like_person,
    name_words,
    names_in,
    norm,
    person_like,
    speaker_phrase,
    strip_titles,
    strip_titles_but_honorific,
)
from digest.analysis.quotemarks import MARKS, is_open
from digest.analysis.speakers import parse_speaker
from digest.text import clean_line, strip_markdown

_MARK = re.compile(f"[{MARKS}]")
_MARK_OR_BREAK = re.compile(f"[{MARKS}\n]")
MAX_QUOTE_CHARS = 3000


def _who(name: str) -> str:
    return rf"(?P<{name}>(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b|{NAME}|{NOUN_PHRASE})"


# lowercase words that do not describe a speaker: "said in a statement Tuesday"
_NOT_ROLE = (
    r"(?:in|on|at|to|of|for|with|by|from|during|after|before|that|this|last|the|a|an|and|but"
    r"|when|while|as|then|later|also|earlier|recently|yesterday|today|tonight|about|it|there)"
)
# a word of an attribution: "U.S.", "Mr.", "J." end on a dot, any other word ending on one ends
# the sentence ("… said Sullivan. He added …" is not one span)
_SPAN_WORD = (
    rf"(?:(?:[A-Za-z]\.){{2,}}|(?:[A-Z]|{TITLE_ABBREVIATION})\.|[A-Za-z][\w’'-]*(?:\.[\w’'-]+)*)"
)
_SPEAKER_SPAN = rf"(?:{_SPAN_WORD}[ \t]+){{0,6}}?{_SPAN_WORD}"
ATTRIBUTION_AFTER = re.compile(
    rf"[ \t]*[,—–-]?[ \t]*(?:"
    rf"(?P<span>{_SPEAKER_SPAN})(?:,(?P<appos>[^,\n\"“”]{{1,60}}),)?[ \t]+"
    rf"(?:also[ \t]+|then[ \t]+|later[ \t]+)?{V}\b"
    rf"|{_who('who3')}[ \t]+[a-z]+ed\b"
    rf"|(?:{V}|[a-z]+ed)[ \t]+{_who('who2')}"
    rf"|{V}[ \t]+(?P<who5>(?:(?!{_NOT_ROLE}\b)[a-z][\w’'-]*[ \t]+){{1,4}}{NAME})"
    rf")"
)
# the name in apposition after a speaker described: ", John Smith", ", actress Jamie Lee Curtis"
# (role words only between: not "said the former aide, referring to Boris Johnson", "said a
# local official, in Kabul", "a witness, a friend of Mary Jones")
_NAMED_AFTER = re.compile(
    r",[ \t]+(?:(?:the|a|an)[ \t]+)?"
    r"(?:(?!(?:of|in|at|from|by|with|to|for|on|after|before|who|which|that|whose|and|or|but"
    r"|as|while|when|where|than|like|about|against|near)\b)(?![a-z]+(?:ing|ed)\b)"
    rf"[a-z][\w-]*[ \t]+){{0,3}}?(?P<name>{NAME})"
    r"(?=[ \t]*(?:[.,;!?]|$))"
)
_CLAUSE = r"[^.!?\"“”\n]"
_BEFORE = re.compile(
    rf"(?:{_who('who')}[ \t]+(?:also[ \t]+|then[ \t]+)?{V}\b{_CLAUSE}{{0,80}}?"
    rf"|according[ \t]+to[ \t]+{_who('who2')}{_CLAUSE}{{0,40}}?"
    rf"|{V}[ \t]+{_who('who4')}"
    rf")[ \t]*[:,]?[ \t]*$"
)
# "Sanders stepped up his emphasis on the issue, saying, “…”": a reporting verb late in the
# sentence, and a comma or colon right before the quote; the speaker is the sentence's subject.
_VERB_LEAD_IN = re.compile(rf"\b{V}\b{_CLAUSE}{{0,60}}?[ \t]*[:,][ \t]*$")


@dataclass(frozen=True)
class Candidate:
    """A span between quote marks, with the attribution found around it."""

    parts: tuple[tuple[int, int], ...]
    inner: str
    speaker_as_written: str | None
    attributed: bool  # a speaker or reporting verb stands right before or after it
    inherited: bool = False  # follows another quotation of the same speaker

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def find_spans(text: str, start: int = 0) -> list[tuple[tuple[int, int], ...]]:
    """Spans of quotations in ``text[start:]`` (marks included), absolute offsets.

    A quote left open at a paragraph's end continues when the next paragraph opens with a
    quote mark (the convention for a quote running over paragraphs); a quote left open at a
    line break inside a wrapped paragraph carries on; otherwise the stray mark is dropped.
    """
    found: list[tuple[tuple[int, int], ...]] = []
    parts: list[tuple[int, int]] = []
    opened: int | None = None
    i = start
    length = len(text)
    while i < length:
        # only a mark, or a line break inside an open quote, can change anything: jump there
        jump = (_MARK if opened is None else _MARK_OR_BREAK).search(text, i)
        if jump is None:
            break
        i = jump.start()
        char = text[i]
        if char == "\n" and opened is not None:
            j = i
            while j < length and text[j] in " \t\r\n":
                j += 1
            blank = text.count("\n", i, j) > 1
            ended = text[opened:i].rstrip()[-1:] in ".!?…:"
            if j < length and text[j] in MARKS and is_open(text, j):
                parts.append((opened, i))  # runs on into the next paragraph
                opened = None
            elif blank or ended or i - opened > MAX_QUOTE_CHARS:
                parts, opened = [], None
            i = j
            continue
        if char in MARKS:
            if is_open(text, i):
                if opened is not None:
                    parts = []  # an earlier mark never closed: it was stray
                opened = i
            elif opened is not None:
                found.append((*parts, (opened, i + 1)))
                parts, opened = [], None
        i += 1
    return found


def _clean(text: str) -> str:
    return clean_line(strip_markdown(text))


# “…,” Reuters quoted one trader as saying / the paper quoted Mr Smith as saying (not "the
# newspaper quoted the executive as saying", an executive it never names)
_QUOTED_AS_SAYING = re.compile(
    r"[ \t]*[^\n.;:!?“”\"]{1,60}?[ \t]+quoted[ \t]+"
    r"(?P<who>(?!(?i:the)\b)[^\n,.;:!?“”\"]{1,60}?)[ \t]+as[ \t]+(?:saying|telling)\b"
)


def quoted_words(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """The quoted words without their marks; a trailing comma before "he said" is dropped."""
    pieces = (text[a + 1 : b - (text[b - 1] in MARKS)] for a, b in parts)
    return _clean(" ".join(p.strip() for p in pieces)).rstrip(" ,;:")


_PRONOUN_WORD = re.compile(r"\b(?:he|she|they|we|I|He|She|They|We)\b")


_DETERMINER = re.compile(r"(?i:the|an?|his|her|their|one|another|some|two|three|several)\b")


# a connective opening the sentence before a subject: "But her spokesman insisted …"
_CONNECTIVE = re.compile(r"^(?:But|And|Yet|So|Still|However,?)[ \t]+")


def _organisation_noun(before: str, name: str) -> str | None:
    """The name with the organisation noun right before it ("investment bank Merrill Lynch",
    "research firm Gartner"), so that it is read as the organisation it is; not across a title
    ("campaign Chairman John Podesta" is a person)."""
    kind = re.search(r"\b([a-z]+)[ \t]+$", before)
    if kind and kind.group(1) in ORGANISATION_WORDS and norm(name.split()[0]) not in TITLES:
        return f"{kind.group(1)} {name}"
    return None


def _speaker_in(span: str) -> str | None:
    """Who a span of attribution words names: a description as written ("the Republican
    nominee", "a spokesman"), else the last name in it, else a pronoun."""
    span = span.strip()
    if _DETERMINER.match(span):
        return span
    phrase = speaker_phrase(span)
    if phrase and phrase != span.strip() and norm(phrase.split()[0]) in UNNAMED_NOUNS:
        return phrase  # "officials in Harbourton"
    names = names_in(span)
    if not names and span.split() and norm(span.split()[-1]) in UNNAMED_NOUNS:
        return span  # "federal prosecutors wrote"
    if names:
        last = names[-1]
        return _organisation_noun(span[: last.start()], last.group(0)) or (
            strip_titles_but_honorific(last.group(0)) or last.group(0)
        )
    if span == "May":
        return span  # "May wrote on his website": Brian May, if the story has him (a month else)
    if (
        not names
        and 0 < len(span.split()) <= 4
        and all(w[:1].isupper() for w in span.split())
        and parse_speaker(span)[0] == "organisation"
    ):
        return span  # "Fox News reported", "CNN said": an outlet's name, though nobody's
    pronoun = _PRONOUN_WORD.search(span)
    return pronoun.group(0) if pronoun else None


def _group(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("span"):
        return _speaker_in(groups["span"])
    return next((v for k, v in groups.items() if k.startswith("who") and v), None)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


# a full stop after an initial or a title does not end a sentence ("Dr John E. Kelly", "Sen.
# Jane Doe")
_NOT_AN_INITIAL = (
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"(?<!\bGen)(?<!\bLt)(?<!\bCol)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bRev)(?<!\bProf)"
)
_SENTENCE_END = re.compile(rf"{_NOT_AN_INITIAL}[.!?](?=[ \t\r\n\"“”]|$)")


def _attribution_only(text: str) -> re.Match[str] | None:
    """``text`` (what follows a quotation) is its attribution and at most the rest of that
    sentence: “…,” said Jane Roe, a teacher at the school."""
    glue = ATTRIBUTION_AFTER.match(text)
    if glue is None:
        return None
    rest = text[glue.end() :]
    if any(m in rest for m in MARKS) or len(rest) > 200:
        return None
    ends = [m.start() for m in _SENTENCE_END.finditer(rest)]
    return glue if not ends or ends == [len(rest.rstrip()) - 1] else None


def _closes_sentence(text: str, end: int, limit: int) -> bool:
    """After a quotation that ends its own sentence with a full stop (“… at all.” said Smith.),
    the words that follow are its attribution only when they are all of the next sentence, and
    short: not “Smith said: “…”” (a lead-in to the next quote), not “Kelly said he would …”.
    (After “?” or “!” the same rule cost recall and speakers on PolNeAR: “Why?” asked Smith,
    who had … is common.)"""
    glue = ATTRIBUTION_AFTER.match(text, end, limit)
    if glue is None:
        return False
    stop = _SENTENCE_END.search(text, glue.end(), limit)  # the attribution's sentence only
    rest = text[glue.end() : stop.end() if stop else limit]
    if any(mark in rest for mark in MARKS):
        return False  # "Hobday said: “…”", "Kelly said he would “strengthen …”"
    rest = rest.strip()
    return rest[:1] in {"", ".", ","} and len(rest.split()) <= 8


def _sentence_start(text: str, floor: int, start: int) -> int:
    """Where the sentence leading into a quote begins (at most 240 characters back)."""
    floor = max(floor, start - 240)
    ends = list(_SENTENCE_END.finditer(text, floor, start))
    return ends[-1].end() if ends else floor


def _colon_lead_in(text: str, line_start: int) -> str | None:
    """A paragraph ending in a colon ("He said:") introduces the quotation opening the next."""
    previous = text[:line_start].rstrip()
    if not previous.endswith(":"):
        return None
    return previous[previous.rfind("\n") + 1 :]


# a fact-check's credit line under a quotation: "“…”" then "- Sanders." alone on a line
_DASH_CREDIT = re.compile(rf"[ \t]*\n\s*[-–—][ \t]*(?P<who>{NAME})\.?[ \t]*(?:\n|$)")
_APPOSITION_BEFORE = re.compile(r",[^,\n]{1,80},[ \t]*$")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:to|in|at|from|for|of|near|into|toward|towards|via|across|outside|inside|around)"
    r"[ \t]+$"
)


# "a spokesman for", "one of the aides to": someone unnamed, then whose they are
_UNNAMED_BEFORE = re.compile(
    r"\b(?P<who>(?:[Aa]n?|[Oo]ne(?:[ \t]+of[ \t]+(?:the|his|her|their))?|[Tt]wo|[Tt]hree"
    r"|[Ss]everal|[Ss]ome)[ \t]+(?:[\w’'-]+[ \t]+)?"
    r"(?P<noun>[\w’'-]+))[ \t]+(?:for|of|to|at|with|from|close[ \t]+to)[ \t]+$"
)


# where a lead-in's sentence ends, to take its last sentence
_LEAD_IN_BREAK = re.compile(rf"{_NOT_AN_INITIAL}[.!?][ \t]+(?=[A-Z])")


def _unnamed_before(text: str, pos: int, endpos: int) -> str | None:
    """Someone unnamed right before ``endpos`` and the person they are for ("a spokesman for",
    "one of the aides to"): the description, else None."""
    unnamed = _UNNAMED_BEFORE.search(text, pos, endpos)
    return unnamed["who"] if unnamed and norm(unnamed["noun"]) in UNNAMED_NOUNS else None


def _subject(lead_in: str, *, colon: bool = False, first: bool = False) -> str | None:
    """The speaker in the words leading into a quote ("Taking it in, Trump said,"): the name
    just before the verb, else the sentence's first name, else a pronoun. Before a colon
    ("McConnell delivered a blunt message to Trump:") the name before a reporting verb, else
    the sentence's first name. Before a participle after a comma (``first``: "Warren endorsed
    Clinton, saying,") the sentence's first name: the one before it is the verb's object. When
    every name follows a preposition and someone unnamed stands before it ("a spokesman for
    Bernie Sanders"), that description."""
    sentence = _LEAD_IN_BREAK.split(lead_in.rstrip(" :,\t"))[-1]
    names = [m for m in names_in(sentence) if not is_possessive(m.group(0))]
    # "Clinton, on her plane en route to Tampa, said": a name after a preposition is where
    # or whom, not who speaks
    subjects = [m for m in names if not _AFTER_PREPOSITION.search(sentence, 0, m.start())]
    if names and not subjects and (unnamed := _unnamed_before(sentence, 0, names[0].start())):
        return unnamed  # "a spokesman for Bernie Sanders could only quip:": unnamed
    names = subjects or names
    people = [m for m in names if person_like(m.group(0))]
    names = people or names
    pronoun = re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", sentence)
    if pronoun and (not names or pronoun.start() < names[0].start()):
        return pronoun.group(0)  # "He only hinted at Donald Trump, adding, “…”"
    if colon and names:
        verb = VERB_WORD.search(sentence)
        if verb:
            ahead = [m for m in names if m.end() <= verb.start()]
            # "Parker Eaton, a Republican who voted for Bill Clinton, said:": the name before
            # the apposition speaks, not one named inside it
            apposition = _APPOSITION_BEFORE.search(sentence, 0, verb.start())
            if apposition:
                ahead = [m for m in ahead if m.end() <= apposition.start()] or ahead
            names = ahead[-1:] or names
        chosen = names[0]
        return strip_titles(chosen.group(0)) or chosen.group(0)
    if names:
        tail = sentence[names[-1].end() :]
        last = re.fullmatch(r"(?:,[^,]{1,80},)?[ \t]*", tail) and not first
        chosen = names[-1] if last else names[0]
        apposition = (
            _APPOSITION_BEFORE.search(sentence + ",")
            if last and lead_in.rstrip(" \t").endswith(",")
            else None
        )
        if apposition and apposition.group(0).strip(" ,\t") != names[-1].group(0):
            # "Dr John E. Kelly, IBM senior vice president, Technology and Intellectual
            # Property, said": the name before the apposition speaks
            ahead = [m for m in names if m.end() <= apposition.start()]
            chosen = ahead[-1] if ahead else chosen
        if (
            chosen is names[-1]
            and len(names) > 1
            and re.search(r"(?:’s|'s|\b(?:the|a|an))[ \t]+$", sentence[: chosen.start()])
            and re.match(r"[ \t]*,", sentence[names[-2].end() :])
        ):
            # "Mike Eccleshall, the venue's Promotions Coordinator, said": a role in apposition
            chosen = names[-2]
        return strip_titles(chosen.group(0)) or chosen.group(0)
    pronoun = re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b", sentence)
    return pronoun.group(0) if pronoun else None


def _after_possessive(lead: str) -> bool:
    """``lead`` ends on a possessor and a space: "In response to Dr Gibbons' (comments)"."""
    words = lead.split()
    return lead[-1:] in {" ", "\t"} and bool(words) and is_possessive(words[-1])


# a question put to someone, right before the quotation: "Blumenthal was asked, “…?”"
_PUT_TO = re.compile(
    r"\b(?:was|were|is|are|been|being|got|gets)[ \t]+asked\b(?P<rest>[^.!?“”\",]{0,60}?)[,:][ \t]*$"
)
# reporting verbs whose object is who listens, not who speaks: "told the prime minister:"
_TO_LISTENER = {"told", "tells", "tell", "asked", "asks", "warned", "warns", "urged", "urges"}


def candidates(text: str, body_start: int = 0) -> list[Candidate]:
    """Every quoted span in the body with its attribution, before deciding what is a quote."""
    found: list[Candidate] = []
    previous_end = floor_end = body_start
    for parts in find_spans(text, body_start):
        start, end = parts[0][0], parts[-1][1]
        line_start, line_end = _line_bounds(text, start, end)
        next_open = text.find("“", end, line_end)
        limit = line_end if next_open < 0 else next_open
        after = ATTRIBUTION_AFTER.match(text, end, limit)
        if after is not None and any(
            not ABBREVIATION.fullmatch(m.group(1))
            for m in re.finditer(r"([\w’'-]{2,})[.!?][ \t]", after.group("span") or "")
        ):
            after = None  # “…” for reckless deals. Sanders shot back: a new sentence's speaker
        if (
            after is not None
            and text[end - 2 : end - 1] == "."
            and not _closes_sentence(text, end, limit)
        ):
            # “… unacceptable.” Correspondent Stephen Cape said the unions were…: the quote
            # closed its sentence, and the next one says something of its own
            after = None
        if (
            after is not None
            and text[end - 2 : end - 1] in "?!"
            and re.match(r"[ \t]*(?:The|A|An|His|Her|Their|Its)[ \t]", text[end:limit])
            # its verb goes on to say something of its own ("said she was pleased"), not only
            # where or how ("The White House said in a statement.")
            and re.match(
                r"[ \t]+(?!(?:in|on|at|to|during|after|before|when|while|as|from|by|with"
                r"|later|earlier|yesterday|today|tonight)\b)[a-z]",
                text[after.end() : limit],
            )
        ):
            # “… will become criminals?” The Scottish Green Party's health spokeswoman, Eleanor
            # Scott, said: after a question mark, "the" would be lower case in its attribution
            after = None
        sentence_start = _sentence_start(text, max(line_start, floor_end), start)
        before = _BEFORE.search(text, sentence_start, start)
        while before is not None and is_possessive(before.group("who") or ""):
            # "In response to Dr Gibbons' comments, Ieuan Wyn Jones … said:": a possessor
            # before a noun that is also a reporting verb is not who speaks
            before = _BEFORE.search(text, before.end("who"), start)
        if before is not None and before.group("who"):
            # the subject and verb nearest the quote: "After Glenn Beck asked him, D’Souza
            # replied, “…”"
            later = _BEFORE.search(text, before.start() + 1, start)
            while later is not None:
                if later.group("who") and re.search(
                    r"(?:[,;—–]|\b(?:as|while|when|after|before|and|but))[ \t\xa0]*$",
                    text[max(0, later.start() - 10) : later.start()],
                ):
                    before = later
                later = _BEFORE.search(text, later.start() + 1, start)
        before_who = _group(before)
        if before is not None and before.group("who"):
            at = before.start("who")
            if before_who:  # "Research firm Gartner said:"
                before_who = _organisation_noun(text[max(0, at - 40) : at], before_who) or (
                    before_who
                )
            # "A spokesman for the Business Software Alliance said:": the spokesman, unnamed
            floor = max(line_start, previous_end)
            before_who = _unnamed_before(text, floor, before.start("who")) or before_who
            if re.search(r"\bquoted[ \t]+(?:in|by)[ \t]+$", text[max(0, at - 20) : at]):
                # "Mr Houston was quoted in the Herald newspaper saying:": where, not who
                before_who = _subject(text[sentence_start:at])
        if before is not None and before.group("who4"):
            verb = norm(text[before.start() : before.start("who4")].split()[0])
            if verb in _TO_LISTENER:
                # "Mr Brown is alleged to have told the prime minister: “…”": the one told
                # listens; the sentence's subject speaks ("The MP, who …, told BBC News:")
                lead = _LEAD_IN_BREAK.split(text[sentence_start : before.start()].strip())[-1]
                lead = _CONNECTIVE.sub("", lead)
                described = re.match(
                    rf"(?:{_DETERMINER.pattern})[ \t]+(?:[a-z]|[A-Z]{{2,}}\b)[^,;:]*", lead
                )  # "The MP", "the independent Vermont senator"; not "The Game", a name
                apposite = described and re.match(
                    r"[ \t]*,[ \t]*([^,]{3,40}),", lead[described.end() :]
                )
                if apposite and looks_like_person(name_words(apposite.group(1).split())):
                    # "The president of the Commission, Jean-Claude Juncker, told MEPs:"
                    before_who = apposite.group(1)
                else:
                    before_who = described.group(0).strip() if described else _subject(lead)
            else:
                before_who = speaker_phrase(text[before.start("who4") : start]) or before_who
        if before is None:
            before = _VERB_LEAD_IN.search(text, sentence_start, start)
            while before is not None and _after_possessive(text[sentence_start : before.start()]):
                # "In response to Dr Gibbons' comments, Ieuan Wyn Jones … said:"
                before = _VERB_LEAD_IN.search(text, before.start() + 1, start)
            if before is not None:
                lead = text[sentence_start : before.start()]
                # "Warren … endorsed Clinton, saying, “…”": the clause's subject speaks
                participle = bool(re.match(r"\w+ing\b", before.group(0))) and bool(
                    re.search(r",[ \t]*$", lead)
                )
                before_who = _subject(lead, first=participle)
        after_who = _group(after)
        if after is not None and after.group("appos") and after_who:
            # “…,” his wife, Gabriela Lazar, wrote: the name in apposition is the speaker
            appos = name_words(after.group("appos").split())
            if parse_speaker(after_who)[0] in {"unnamed", "description"} and looks_like_person(
                appos
            ):
                after_who = " ".join(appos)
        if after is not None and after.group("who2"):
            after_who = speaker_phrase(text[after.start("who2") : limit]) or after_who
            appositive = _NAMED_AFTER.match(text, after.start("who2") + len(after_who or ""), limit)
            apposed = "" if appositive is None else appositive.group("name")
            # "…, Labour MP Barry Sheerman": a party before the title is not a name's word
            apposed = strip_titles_but_honorific(apposed) if apposed else apposed
            words = name_words(apposed.split())
            if (
                apposed
                and after_who
                and parse_speaker(after_who)[0] in {"unnamed", "description"}
                and looks_like_person(words)
                and (len(words) >= 2 or norm(apposed.split()[0].rstrip(".")) in TITLES)
            ):
                # “…,” said the firm's chief executive, John Smith: the name after the comma
                after_who = apposed
        if after is not None and after.group("who5"):
            after_who = speaker_phrase(text[after.start("who5") : limit]) or None
        quoting = _QUOTED_AS_SAYING.match(text, end, limit)
        if after_who and quoting is not None:
            # “…,” Reuters quoted one trader as saying: the trader speaks, Reuters reports
            after_who = quoting.group("who")
        opens_paragraph = not text[line_start:start].strip()
        lead_in = text[max(line_start, previous_end) : start]
        colon = None
        if before is None and lead_in.rstrip().endswith(":"):
            colon = lead_in  # Name said in a statement: “…”
        elif before is None and opens_paragraph:
            colon = _colon_lead_in(text, line_start)
        if before_who and text[end - 2 : end - 1] in ".!?" and after_who:
            # “… this ASAP.” Steve Adler said: the quote closed its sentence, so the words
            # after it start a new one; the lead-in names the speaker
            after_who = None if text[end - 2] == "." else after_who
        if (
            after_who
            and before_who
            and _PRONOUN_WORD.fullmatch(after_who)
            and looks_like_person(name_words(before_who.split()))
        ):
            after_who = None  # Kirsty Williams added: “…,” she said: the name says who "she" is
        who = after_who or before_who or (_subject(colon, colon=True) if colon else None)
        asks = text[end - 2 : end - 1] == "?"  # the question itself, not an answer after a colon
        put = _PUT_TO.search(text, sentence_start, start) if asks and not after_who else None
        if put and not VERB_WORD.search(text, put.start("rest"), start):
            # "Blumenthal was asked, “If you had known …?”": the question put to him is the
            # interviewer's, unnamed, not his words
            who = "an interviewer"
        credit = None if who else _DASH_CREDIT.match(text, end)
        if credit is not None:
            who = credit.group("who")  # a quotation, then "- Sanders." on a line of its own
        candidate = Candidate(
            parts=parts,
            inner=quoted_words(text, parts),
            speaker_as_written=who,
            attributed=bool(after or before or colon or credit),
        )
        if found:
            prev = found[-1]
            tail = text[previous_end:start]
            head, newline, _ = tail.partition("\n")
            glue = ATTRIBUTION_AFTER.match(head)
            rest = head[glue.end() :] if glue else head
            a_open = text[prev.end - 2 : prev.end - 1] in ",;—–-" or prev.inner.endswith(",")
            b_lower = candidate.inner[:1].islower()
            splits = re.fullmatch(r"[ \t]*[,;][ \t]*", rest) and (a_open or b_lower)
            if not newline and glue and splits:
                # “A,” she said, “B.” is one quotation split around its attribution
                joined = (*prev.parts, *parts)
                found[-1] = replace(prev, parts=joined, inner=quoted_words(text, joined))
                previous_end = floor_end = end
                continue
            attribution = _attribution_only(head)
            continues = not head.strip() or attribution is not None
            if newline:
                continues = continues and opens_paragraph
            span = attribution.group("span") if attribution is not None else None
            named = _speaker_in(_CONNECTIVE.sub("", span)) if span else None
            if (
                continues
                and not who
                and named
                and prev.speaker_as_written
                and parse_speaker(named)[0] in {"unnamed", "description"}
                and parse_speaker(prev.speaker_as_written)[0] == "person"
                and text[prev.end - 2 : prev.end - 1] in ".!?"
            ):
                # “….” But her spokesman insisted she had delayed her entry. “…”: a sentence
                # of its own between them (after “…,” the words are the first one's attribution),
                # about someone else than the named speaker before
                candidate = replace(candidate, speaker_as_written=named, attributed=True)
            elif continues and not who and (prev.attributed or prev.inherited):
                # “A,” Zelensky said. “B.”: the same speaker goes on
                candidate = replace(
                    candidate, speaker_as_written=prev.speaker_as_written, inherited=True
                )
        found.append(candidate)
        previous_end = end
        if candidate.inner[:1].isupper():
            floor_end = end  # a woven “premature” does not end the sentence leading in
    return found
