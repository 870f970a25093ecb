"""Direct quotations, their speakers, and the key quote an editor would pull.

Quotes are found in the article's own text, so ``start``/``end`` are offsets into the file.
Quote marks are classified by context rather than shape, because real text mixes straight,
curly and wrongly-curled marks. A quotation is attributed from the words right after it
(“…,” he said) or right before it (Name said: “…”), or inherits the speaker of the quotation
it continues. Pronouns resolve to the nearest person named before the quote; a surname
resolves to the full name the story introduced. What is not a speaker's words (scare quotes,
titles, partial phrases woven into a sentence) is left out: see :func:`is_quotation`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from digest.analysis.quotemarks import MARKS, is_open
from digest.model import Article, Quote
from digest.text import clean_line, strip_markdown

_MARK = re.compile(f"[{MARKS}]")
_MARK_OR_BREAK = re.compile(f"[{MARKS}\n]")
MAX_QUOTE_CHARS = 3000

VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|stated|states|explained|explains|wrote|"
    "writes|noted|notes|insisted|insists|warned|warns|argued|argues|declared|declares|replied|"
    "replies|continued|continues|recalled|recalls|admitted|admits|claimed|claims|announced|"
    "announces|suggested|suggests|joked|jokes|conceded|concedes|acknowledged|acknowledges|"
    "remarked|remarks|observed|observes|tweeted|tweets|posted|commented|comments|urged|urges|"
    "promised|promises|vowed|vows|predicted|predicts|emphasised|emphasized|stressed|stresses|"
    "cautioned|cautions|laughed|shouted|recounted|wondered|agreed|agrees|countered|counters|"
    "confirmed|confirms|pointed out|points out|went on|would say|has said|had said|"
    "wrote in|charged|quipped|boasted|complained|complains|responded|responds|answered|"
    "answers|repeated|repeats|told reporters|added that|according to|reads|read|yelled|"
    "chanted|testified|mused|noting|adding|saying|telling|writing|asking|sings|sang|beamed|"
    "echoed|echoes|remarking|explaining|arguing|insisting|warning|declaring|joking|shouting|"
    "pressed|interjected|concluded|concludes|offered|cried|exclaimed|lamented|laments|"
    "tweeting|predicting|recalling|replying|responding|continuing|pleaded|begged|demanded|"
    "demands|conceded|retorted|snapped|scoffed|shot back|fired back|reported|reports|"
    "reporting|questioned|announce|announcing|declare|add|ask|note|write|tweet|quoted|"
    "quoting|recalls|recounts|texted|emailed|e-mailed|messaged|summed up|put it|explained"
)
V = rf"(?i:{VERBS})"
PRONOUNS = {"he", "she", "they", "i", "we", "it"}
_PARTICLE = r"\b(?:de|da|van|von|der|del|bin|al|la|le)(?=[ \t]+[A-Z])"
# A period ends a name word only after an initial ("John F. Kennedy") or a title ("Sen. Jane
# Doe"): after any other word it ends the sentence ("said Elena Marsh. Work began...").
_TITLE_ABBREVIATION = (
    r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Cmdr|Rev|Fr|St|Hon|Pres"
    r"|Supt|Insp|Det|Jr|Sr)"
)
_NAME_WORD = rf"(?:(?:[A-Z]|{_TITLE_ABBREVIATION})\.(?=[ \t]+[A-Z])|[A-Z][\w’'-]*|{_PARTICLE})"
NAME = rf"(?<![\w’'-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,5}}"
_DESCRIPTION = r"(?:(?:the|a|an|his|her|their|one|another|[A-Z][\w’'-]*’s|[A-Z][\w’'-]*'s)[ \t]+)"
_NOUN_PHRASE = (
    r"(?<![\w’'-])(?i:the|an?|his|her|their|one|another)[ \t]+[\w’'-]+"
    r"(?:[ \t]+(?!(?:and|or|but|by|on|in|at|to|for|with|from)\b)[\w’'-]+){0,4}"
)


def _who(name: str) -> str:
    return rf"(?P<{name}>(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b|{NAME}|{_NOUN_PHRASE})"


# lowercase words that do not describe a speaker: "said in a statement Tuesday"
_NOT_ROLE = (
    r"(?:in|on|at|to|of|for|with|by|from|during|after|before|that|this|last|the|a|an|and|but"
    r"|when|while|as|then|later|also|earlier|recently|yesterday|today|tonight|about|it|there)"
)
_SPEAKER_SPAN = r"(?:[A-Za-z][\w’'.-]*[ \t]+){0,6}?[A-Za-z][\w’'.-]*"
_AFTER = re.compile(
    rf"[ \t]*[,—–-]?[ \t]*(?:"
    rf"(?P<span>{_SPEAKER_SPAN})(?:,(?P<appos>[^,\n\"“”]{{1,60}}),)?[ \t]+"
    rf"(?:also[ \t]+|then[ \t]+|later[ \t]+)?{V}\b"
    rf"|{_who('who3')}[ \t]+[a-z]+ed\b"
    rf"|(?:{V}|[a-z]+ed)[ \t]+{_who('who2')}"
    rf"|{V}[ \t]+(?P<who5>(?:(?!{_NOT_ROLE}\b)[a-z][\w’'-]*[ \t]+){{1,4}}{NAME})"
    rf")"
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
_VERB_WORD = re.compile(rf"\b{V}\b")
_SUBJECT_MENTION = re.compile(rf"(?P<who>{NAME})[ \t]+(?:also[ \t]+)?{V}\b")
_MENTION = re.compile(NAME)
TITLES = {
    "archbishop",
    "cardinal",
    "baroness",
    "reporter",
    "correspondent",
    "anchor",
    "columnist",
    "commentator",
    "actor",
    "actress",
    "mp",
    "msp",
    "mep",
    "analyst",
    "economist",
    "lawyer",
    "attorney",
    "curator",
    "boss",
    "tory",
    "president",
    "prime",
    "minister",
    "mayor",
    "governor",
    "gov",
    "senator",
    "sen",
    "rep",
    "representative",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "general",
    "gen",
    "colonel",
    "captain",
    "chief",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "coach",
    "manager",
    "ceo",
    "councillor",
    "councilor",
    "inspector",
    "officer",
    "sergeant",
    "detective",
    "vice",
    "deputy",
    "head",
    "ambassador",
    "commissioner",
    "speaker",
    "leader",
    "sheriff",
    "superintendent",
    "bishop",
    "rev",
    "father",
    "sir",
    "dame",
    "lord",
    "lady",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "dean",
    "editor",
    "founder",
    "executive",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "forward",
    "candidate",
    "nominee",
    "democrat",
    "republican",
    "former",
    "sens",
    "reps",
    "gop",
}
SENTENCE_WORDS = {
    "a",
    "an",
    "the",
    "if",
    "however",
    "but",
    "and",
    "or",
    "so",
    "when",
    "while",
    "after",
    "before",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "by",
    "with",
    "from",
    "to",
    "despite",
    "speaking",
    "according",
    "asked",
    "meanwhile",
    "although",
    "though",
    "since",
    "until",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "then",
    "also",
    "yet",
    "still",
    "now",
    "today",
}
NOT_PERSON = {
    "street",
    "st",
    "road",
    "rd",
    "lane",
    "avenue",
    "square",
    "bridge",
    "council",
    "city",
    "university",
    "college",
    "school",
    "library",
    "service",
    "services",
    "club",
    "fc",
    "storm",
    "house",
    "force",
    "ministry",
    "department",
    "agency",
    "party",
    "court",
    "bank",
    "market",
    "station",
    "hospital",
    "company",
    "inc",
    "ltd",
    "group",
    "news",
    "times",
    "gazette",
    "tribune",
    "post",
    "journal",
    "union",
    "office",
    "committee",
    "board",
    "association",
    "institute",
    "centre",
    "center",
    "museum",
    "airport",
    "church",
    "county",
    "state",
    "republic",
    "kingdom",
    "united",
    "nations",
    "federal",
    "national",
    "international",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "north",
    "south",
    "east",
    "west",
    "river",
    "sea",
    "ocean",
    "park",
    "hall",
    "parliament",
    "senate",
    "congress",
    "government",
    "white",
    "air",
    "army",
    "navy",
    "campaign",
    "fox",
    "cnn",
    "abc",
    "nbc",
    "cbs",
    "msnbc",
    "politico",
    "twitter",
    "facebook",
}
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "thousand",
    "million",
}
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|we|We|my|My|our|Our|me|us)\b")
_WORD = re.compile(r"[\w’'-]+")


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


def _inner(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """The quoted words without their marks; a trailing comma before "he said" is dropped."""
    pieces = (text[a + 1 : b - (text[b - 1] in MARKS)] for a, b in parts)
    return _clean(" ".join(p.strip() for p in pieces)).rstrip(" ,;:")


def _strip_titles(name: str) -> str:
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower().strip(".") in TITLES:
            return " ".join(words[i + 1 :])
    return name


_PRONOUN_WORD = re.compile(r"\b(?:he|she|they|we|I|He|She|They|We)\b")


_DETERMINER = re.compile(r"(?i:the|an?|his|her|their|one|another|some|two|three|several)\b")


def _names(span: str) -> list[re.Match[str]]:
    """Names in a span, without sentence-initial words that only look like names."""
    found = []
    for m in _MENTION.finditer(span):
        words = m.group(0).split()
        first = words[0].lower()
        if first in SENTENCE_WORDS or (len(words) == 1 and first.endswith(("ing", "ly"))):
            continue
        if all(w.lower().strip(".") in NOT_PERSON or w.lower() in NUMBER_WORDS for w in words):
            continue  # "Thursday", "Eight years ago", "Fox"
        found.append(m)
    return found


HONORIFICS = {"mr", "mrs", "ms", "miss"}


def _strip_titles_but_honorific(name: str) -> str:
    """Titles dropped, but "Mr."/"Mrs."/"Ms." kept: they tell who a surname is."""
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower().strip(".") in TITLES:
            keep = i if words[i].lower().strip(".") in HONORIFICS and i + 1 < len(words) else i + 1
            return " ".join(words[keep:])
    return name


def _speaker_in(span: str) -> str | None:
    """Who a span of attribution words names: a description as written ("the Republican
    nominee", "a spokesman"), else the last name in it, else a pronoun."""
    span = span.strip()
    if _DETERMINER.match(span):
        return span
    phrase = _phrase(span)
    if phrase and phrase != span.strip() and _norm(phrase.split()[0]) in UNNAMED_NOUNS:
        return phrase  # "officials in Harbourton"
    names = _names(span)
    if not names and span.split() and _norm(span.split()[-1]) in UNNAMED_NOUNS:
        return span  # "federal prosecutors wrote"
    if names:
        return _strip_titles_but_honorific(names[-1].group(0)) or names[-1].group(0)
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


_SENTENCE_END = re.compile(r"[.!?](?=[ \t\r\n\"“”]|$)")


def _attribution_only(text: str) -> re.Match[str] | None:
    """``text`` (what follows a quotation) is its attribution and at most the rest of that
    sentence: “…,” said Jane Roe, a teacher at the school."""
    glue = _AFTER.match(text)
    if glue is None:
        return None
    rest = text[glue.end() :]
    if any(m in rest for m in MARKS) or len(rest) > 200:
        return None
    ends = [m.start() for m in _SENTENCE_END.finditer(rest)]
    return glue if not ends or ends == [len(rest.rstrip()) - 1] else None


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


def _subject(lead_in: str, *, colon: bool = False) -> str | None:
    """The speaker in the words leading into a quote ("Taking it in, Trump said,"): the name
    just before the verb, else the sentence's first name, else a pronoun. Before a colon
    ("McConnell delivered a blunt message to Trump:") the name before a reporting verb, else
    the sentence's first name."""
    sentence = re.split(r"[.!?][ \t]+(?=[A-Z])", lead_in.rstrip(" :,\t"))[-1]
    names = [m for m in _names(sentence) if not _possessive(m.group(0))]
    people = [m for m in names if _person_like(m.group(0))]
    names = people or names
    pronoun = re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", sentence)
    if pronoun and (not names or pronoun.start() < names[0].start()):
        return pronoun.group(0)  # "He only hinted at Donald Trump, adding, “…”"
    if colon and names:
        verb = _VERB_WORD.search(sentence)
        if verb:
            ahead = [m for m in names if m.end() <= verb.start()]
            names = ahead[-1:] or names
        chosen = names[0]
        return _strip_titles(chosen.group(0)) or chosen.group(0)
    if names:
        tail = sentence[names[-1].end() :]
        chosen = names[-1] if re.fullmatch(r"(?:,[^,]{1,80},)?[ \t]*", tail) else names[0]
        return _strip_titles(chosen.group(0)) or chosen.group(0)
    pronoun = re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b", sentence)
    return pronoun.group(0) if pronoun else None


def _person_like(run: str) -> bool:
    """A capitalised run that names a person once titles are dropped ("Republican pollster
    Daron Shaw" has "Daron Shaw"; "Washington Post" has no one)."""
    words = run.split()
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if _norm(w) in TITLES), default=0)
    return _looks_like_person(_name_words(words[cut:]))


def candidates(text: str, body_start: int = 0) -> list[Candidate]:
    """Every quoted span in the body with its attribution, before deciding what is a quote."""
    found: list[Candidate] = []
    previous_end = floor_end = body_start
    for parts in find_spans(text, body_start):
        start, end = parts[0][0], parts[-1][1]
        line_start, line_end = _line_bounds(text, start, end)
        next_open = text.find("“", end, line_end)
        limit = line_end if next_open < 0 else next_open
        after = _AFTER.match(text, end, limit)
        if after is not None and any(
            not _ABBREVIATION.fullmatch(m.group(1))
            for m in re.finditer(r"([\w’'-]{2,})[.!?][ \t]", after.group("span") or "")
        ):
            after = None  # “…” for reckless deals. Sanders shot back: a new sentence's speaker
        sentence_start = _sentence_start(text, max(line_start, floor_end), start)
        before = _BEFORE.search(text, sentence_start, start)
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
        if before is not None and before.group("who4"):
            before_who = _phrase(text[before.start("who4") : start]) or before_who
        if before is None:
            before = _VERB_LEAD_IN.search(text, sentence_start, start)
            if before is not None:
                before_who = _subject(text[sentence_start : before.start()])
        after_who = _group(after)
        if after is not None and after.group("appos") and after_who:
            # “…,” his wife, Gabriela Lazar, wrote: the name in apposition is the speaker
            appos = _name_words(after.group("appos").split())
            if parse_speaker(after_who)[0] in {"unnamed", "description"} and _looks_like_person(
                appos
            ):
                after_who = " ".join(appos)
        if after is not None and after.group("who2"):
            after_who = _phrase(text[after.start("who2") : limit]) or after_who
        if after is not None and after.group("who5"):
            after_who = _phrase(text[after.start("who5") : limit]) or None
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
        who = after_who or before_who or (_subject(colon, colon=True) if colon else None)
        candidate = Candidate(
            parts=parts,
            inner=_inner(text, parts),
            speaker_as_written=who,
            attributed=bool(after or before or colon),
        )
        if found:
            prev = found[-1]
            tail = text[previous_end:start]
            head, newline, _ = tail.partition("\n")
            glue = _AFTER.match(head)
            rest = head[glue.end() :] if glue else head
            a_open = text[prev.end - 2 : prev.end - 1] in ",;—–-" or prev.inner.endswith(",")
            b_lower = candidate.inner[:1].islower()
            splits = re.fullmatch(r"[ \t]*[,;][ \t]*", rest) and (a_open or b_lower)
            if not newline and glue and splits:
                # “A,” she said, “B.” is one quotation split around its attribution
                joined = (*prev.parts, *parts)
                found[-1] = replace(prev, parts=joined, inner=_inner(text, joined))
                previous_end = floor_end = end
                continue
            continues = not head.strip() or _attribution_only(head) is not None
            if newline:
                continues = continues and opens_paragraph
            if continues and not who and (prev.attributed or prev.inherited):
                # “A,” Zelensky said. “B.”: the same speaker goes on
                candidate = replace(
                    candidate, speaker_as_written=prev.speaker_as_written, inherited=True
                )
        found.append(candidate)
        previous_end = end
        if candidate.inner[:1].isupper():
            floor_end = end  # a woven “premature” does not end the sentence leading in
    return found


def _words(text: str) -> int:
    return len(_WORD.findall(text))


WOVEN_AFTER = {
    "that",
    "as",
    "like",
    "of",
    "the",
    "a",
    "an",
    "called",
    "titled",
    "entitled",
    "dubbed",
    "his",
    "her",
    "their",
    "its",
    "on",
    "in",
    "about",
    "with",
    "for",
    "from",
    "by",
    "word",
    "words",
    "phrase",
    "term",
    "slogan",
    "so-called",
}
_LEAD_WORD = re.compile(r"([\w’'-]+)[^\w\n]*$")


def is_quotation(candidate: Candidate, text: str) -> bool:
    """A speaker's words, not a scare quote, a title or a phrase woven into a sentence.

    It must be attributed (or continue an attributed quotation), start like a sentence, not
    follow a word that makes it part of the sentence ("said that “…”", "the so-called “…”",
    "ABC’s “This Week”"), and not be a short title-cased name without punctuation.
    """
    inner = candidate.inner.lstrip(" .…'‘")
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


def _mentions(text: str) -> list[list[str]]:
    """The words of every capitalised mention in the text, titles dropped, in order."""
    return [_strip_titles(match.group(0)).split() for match in _MENTION.finditer(text)]


def full_name(name: str, text: str, mentions: list[list[str]] | None = None) -> str:
    """The name as the story first introduced it: "Zelensky" -> "Volodymyr Zelensky".
    ``mentions`` is ``_mentions(text)``, for a caller that asks about many names."""
    name = _strip_titles(name)
    if not name:
        return name
    last = name.split()[-1]
    for words in _mentions(text) if mentions is None else mentions:
        if last in words:
            candidate = " ".join(words[: words.index(last) + 1])
            if len(candidate.split()) > len(name.split()) and candidate.endswith(name):
                return candidate
    return name


def _people(text: str, start: int, quoted: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """Where people are named: full names (not inside quotes), and subjects of reporting verbs."""
    for m in _MENTION.finditer(text, start):
        if any(a <= m.start() < b for a, b in quoted):
            continue  # a name inside a quotation is not who speaks
        words = _strip_titles(m.group(0)).split()
        while words and words[0].lower() in SENTENCE_WORDS:
            words = words[1:]
        if 2 <= len(words) <= 4 and not any(w.lower().strip(".") in NOT_PERSON for w in words):
            yield m.start(), " ".join(words)
    for m in _SUBJECT_MENTION.finditer(text, start):
        who = _strip_titles(m.group("who"))
        if who and who.split()[0].lower() not in SENTENCE_WORDS:
            yield m.start(), who


def _is_name(who: str) -> bool:
    return who[:1].isupper() and who.lower() not in PRONOUNS and not re.match(_DESCRIPTION, who)


def _load_first_names() -> dict[str, str]:
    """First name -> "m" or "f", from the list shipped beside this module."""
    genders: dict[str, str] = {}
    path = Path(__file__).with_name("first_names.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gender, name = line.split()
            genders[name] = gender
    return genders


FIRST_NAMES = _load_first_names()
VERB_WORDS = {w for w in VERBS.split("|") if " " not in w}
MALE_TITLES = {
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "father",
    "congressman",
    "chairman",
    "spokesman",
    "businessman",
    "brother",
    "son",
    "husband",
    "duke",
}
FEMALE_TITLES = {
    "mrs",
    "ms",
    "miss",
    "madam",
    "dame",
    "lady",
    "queen",
    "princess",
    "sister",
    "congresswoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "wife",
    "daughter",
    "mother",
    "duchess",
}
# words that open a capitalised run without being part of a name: "If Trump", "Yet", "While"
FUNCTION_WORDS = SENTENCE_WORDS | {
    "another",
    "because",
    "unless",
    "where",
    "whether",
    "why",
    "how",
    "what",
    "who",
    "which",
    "not",
    "no",
    "even",
    "just",
    "only",
    "instead",
    "indeed",
    "later",
    "earlier",
    "last",
    "next",
    "both",
    "all",
    "each",
    "every",
    "some",
    "many",
    "most",
    "more",
    "other",
    "such",
    "like",
    "unlike",
    "among",
    "about",
    "against",
    "during",
    "into",
    "over",
    "under",
    "without",
    "within",
    "through",
    "toward",
    "towards",
    "across",
    "behind",
    "beyond",
    "here",
    "thus",
    "therefore",
    "perhaps",
    "maybe",
    "again",
    "once",
    "twice",
    "ahead",
    "along",
    "amid",
    "following",
    "thank",
    "thanks",
    "dear",
    "please",
    "yes",
    "oh",
    "well",
    "okay",
    "ok",
    "sure",
    "mister",
    "is",
    "was",
    "are",
    "were",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "let",
    "let's",
}
# places, days, institutions and outlets: never a person, however capitalised
PLACE_WORDS = NOT_PERSON | {
    "america",
    "american",
    "americans",
    "britain",
    "british",
    "england",
    "english",
    "europe",
    "european",
    "china",
    "chinese",
    "russia",
    "russian",
    "germany",
    "german",
    "france",
    "french",
    "mexico",
    "mexican",
    "canada",
    "japan",
    "korea",
    "iran",
    "iraq",
    "syria",
    "israel",
    "ukraine",
    "india",
    "africa",
    "asia",
    "york",
    "washington",
    "california",
    "texas",
    "florida",
    "iowa",
    "ohio",
    "virginia",
    "carolina",
    "hampshire",
    "jersey",
    "hill",
    "capitol",
    "day",
    "eve",
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "ramadan",
    "new",
    "los",
    "san",
    "las",
    "fort",
    "lake",
    "mount",
    "island",
    "islands",
    "arena",
    "center",
    "stadium",
    "tower",
    "hotel",
    "building",
    "plaza",
    "valley",
    "county",
    "province",
    "region",
    "district",
    "nazi",
    "soviet",
    "islamic",
    "muslim",
    "muslims",
    "democrats",
    "republicans",
    "economic",
    "advisers",
    "advisors",
    "council",
    "reuters",
    "ap",
    "bbc",
    "post",
    "herald",
    "telegraph",
    "guardian",
    "observer",
    "independent",
    "breitbart",
    "huffpo",
    "huffington",
    "politico",
    "axios",
    "bloomberg",
    "associated",
    "press",
    "daily",
    "caller",
    "street",
    "wall",
    "week",
    "tv",
    "radio",
    "magazine",
    "twitter",
    "instagram",
    "youtube",
    "google",
    "microsoft",
    "apple",
    "amazon",
    "fbi",
    "cia",
    "nsa",
    "doj",
    "un",
    "nato",
    "eu",
    "gop",
    "dnc",
    "rnc",
    "isis",
    "trust",
    "fund",
    "foundation",
    "corporation",
    "corp",
    "co",
    "llc",
    "plc",
    "administration",
    "cabinet",
    "pentagon",
    "kremlin",
    "treasury",
    "police",
    "fire",
    "coast",
    "guard",
    "marines",
    "forces",
    "authority",
    "commission",
    "project",
    "program",
    "programme",
    "act",
    "law",
    "amendment",
    "constitution",
    "olympics",
    "cup",
    "league",
    "championship",
    "series",
    "awards",
    "prize",
    "summit",
    "conference",
    "convention",
    "primary",
    "caucus",
    "caucuses",
    "election",
    "debate",
    "poll",
    "survey",
    "report",
    "world",
    "prison",
    "jail",
    "dems",
    "tories",
    "labour",
    "conservatives",
    "liberals",
    "greens",
    "images",
    "photos",
    "pictures",
    "institution",
    "institutions",
    "finnish",
    "swedish",
    "danish",
    "norwegian",
    "irish",
    "scottish",
    "welsh",
    "scots",
    "spanish",
    "italian",
    "dutch",
    "polish",
    "greek",
    "turkish",
    "australian",
    "indian",
    "pakistani",
    "israeli",
    "palestinian",
    "iranian",
    "iraqi",
    "syrian",
    "afghan",
    "african",
    "asian",
    "latino",
    "hispanic",
    "korean",
    "japanese",
    "vietnamese",
    "brazilian",
    "canadian",
    "ukrainian",
    "belgian",
    "swiss",
    "austrian",
    "portuguese",
    "egyptian",
    "saudi",
    "nigerian",
    "catholic",
    "jewish",
    "award",
    "academy",
    "oscar",
    "oscars",
    "grammy",
    "emmy",
    "war",
    "global",
    "health",
    "care",
    "security",
    "defense",
    "defence",
}
ORGANISATION_WORDS = {
    "alliance",
    "federation",
    "partnership",
    "institution",
    "institute",
    "firm",
    "ministry",
    "department",
    "committee",
    "council",
    "agency",
    "party",
    "campaign",
    "company",
    "group",
    "office",
    "commission",
    "administration",
    "government",
    "court",
    "police",
    "news",
    "times",
    "post",
    "journal",
    "gazette",
    "tribune",
    "herald",
    "caller",
    "press",
    "reuters",
    "politico",
    "breitbart",
    "huffington",
    "association",
    "union",
    "foundation",
    "university",
    "board",
    "bank",
    "corporation",
    "inc",
    "ltd",
    "network",
    "service",
    "house",
    "pentagon",
    "kremlin",
    "fbi",
    "cia",
    "congress",
    "senate",
    "parliament",
    "league",
    "club",
    "team",
    "center",
    "centre",
    "coalition",
    "organization",
    "organisation",
    "authority",
    "watch",
    "cnn",
    "fox",
    "abc",
    "nbc",
    "cbs",
    "msnbc",
    "bbc",
    "ap",
    "rnc",
    "dnc",
    "gop",
    "nato",
    "un",
    "eu",
}
# speakers described but never named: "a source", "aides", "officials", "the heckler"
UNNAMED_NOUNS = {
    "source",
    "sources",
    "official",
    "officials",
    "aide",
    "aides",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "reporter",
    "reporters",
    "heckler",
    "protester",
    "protesters",
    "protestor",
    "protestors",
    "demonstrators",
    "strategist",
    "strategists",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "resident",
    "residents",
    "voter",
    "voters",
    "supporter",
    "supporters",
    "critic",
    "critics",
    "lawmaker",
    "lawmakers",
    "staffer",
    "staffers",
    "person",
    "people",
    "man",
    "woman",
    "men",
    "women",
    "delegate",
    "delegates",
    "narrator",
    "user",
    "users",
    "member",
    "members",
    "insider",
    "insiders",
    "worker",
    "workers",
    "crowd",
    "fans",
    "children",
    "students",
    "witness",
    "witnesses",
    "neighbour",
    "neighbor",
    "neighbours",
    "neighbors",
    "friend",
    "friends",
    "one",
    "another",
    "others",
    "someone",
    "prosecutors",
    "investigators",
    "experts",
    "expert",
    "economists",
    "economist",
    "diplomat",
    "diplomats",
    "organizers",
    "organisers",
    "activists",
    "activist",
    "leaders",
    "operative",
    "operatives",
    "donor",
    "donors",
    "consultant",
    "consultants",
    "attendee",
    "attendees",
    "participant",
    "participants",
    "citizen",
    "citizens",
    "email",
    "statement",
    "letter",
    "memo",
    "report",
    "post",
    "tweet",
    "ad",
    "suit",
    "lawsuit",
    "filing",
    "poster",
    "sign",
    "banner",
}
_ABBREVIATED_TITLES = {
    "sen": "senator",
    "sens": "senator",
    "rep": "representative",
    "reps": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "prof": "professor",
    "dr": "doctor",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "rev": "reverend",
}
_ROLE_SYNONYMS = {
    "representative": {"congressman", "congresswoman", "lawmaker", "representative"},
    "senator": {"senator", "lawmaker"},
    "governor": {"governor"},
    "president": {"president"},
}


@dataclass(eq=False)
class Person:
    """Someone the story names: their fullest name, a gender cue, and their roles."""

    name: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)  # where named (offsets)
    speaks: int = 0  # quotations attributed to them
    possessive: set[int] = field(default_factory=set)  # mentions as "Smith’s"
    reporting: set[int] = field(default_factory=set)  # mentions as "Smith said"

    @property
    def surname(self) -> str:
        return _norm(self.name.split()[-1])

    @property
    def first(self) -> str:
        return _norm(self.name.split()[0])


def _norm(word: str) -> str:
    return word.strip(".,’'").casefold()


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "s’", "s'"))


def _name_words(words: list[str]) -> list[str]:
    """A capitalised run cut to the name: leading function words and titles dropped."""
    words = [w.strip("’'\"“”") for w in words]
    while words and (
        _norm(words[0]) in FUNCTION_WORDS or (_norm(words[0]) in TITLES and len(words) > 1)
    ):
        words = words[1:]
    return [w for w in words if w]


# title words that are also surnames: "King said" may be Rep. Peter King
TITLE_SURNAMES = {"king", "bishop", "dean", "judge", "prince", "young"}


def _gender_of(title_words: list[str], words: list[str]) -> str | None:
    """A gender cue: an honorific right before the name (Mr., Mrs.), else a known first
    name, else a title or relation just before it ("her husband Bill")."""
    last = _norm(title_words[-1]) if title_words else ""
    if last in HONORIFICS | {"sir", "lord", "lady", "dame", "king", "queen"}:
        return "f" if last in FEMALE_TITLES else "m"
    if len(words) >= 2 and _norm(words[0]) in FIRST_NAMES:
        return FIRST_NAMES[_norm(words[0])]
    for word in reversed(title_words[-2:]):
        key = _norm(word)
        if key in MALE_TITLES:
            return "m"
        if key in FEMALE_TITLES:
            return "f"
    return None


def _roles(title_words: list[str]) -> set[str]:
    roles = set()
    for word in title_words:
        key = _norm(word)
        if key in TITLES or key in PERSON_NOUNS:
            roles.add(_ABBREVIATED_TITLES.get(key, key))
    return roles


def _looks_like_person(words: list[str]) -> bool:
    if not words or len(words) > 4:
        return False
    if len(words) == 1 and _norm(words[0]) in TITLES - TITLE_SURNAMES:
        return False  # "Republican", "Senator"
    if any(len(w.strip(".’'")) >= 2 and w.isupper() for w in words):
        return False  # "IAAF", "BBC": an acronym names an organisation
    if any(_norm(w) in PLACE_WORDS or _norm(w) in NUMBER_WORDS for w in words):
        return False
    if any(_norm(w) in FUNCTION_WORDS or _norm(w) in VERB_WORDS for w in words):
        return False  # "Marsh Tweeted"; "Biden Aims Insult At Trump": a headline, not a name
    return all(w[:1].isupper() or re.fullmatch(_PARTICLE[2:], w) for w in words)


def _title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class Cast:
    """The people a story names, in the order it names them."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_word: dict[str, list[Person]] = {}  # every word of a name -> its people

    def _index(self, person: Person) -> None:
        for word in {_norm(w) for w in person.name.split()}:
            bucket = self._by_word.setdefault(word, [])
            if person not in bucket:
                bucket.append(person)

    def add(self, words: list[str], title_words: list[str], at: int) -> Person | None:
        words = _name_words(words)
        # "Man-of-the-match Stephen Jones", "Tory Whip Mary Hill": the name starts at a known
        # first name, and a hyphenated phrase with lowercase parts is not a name
        for i in range(len(words) - 2, 0, -1):
            if _norm(words[i]) in FIRST_NAMES and _norm(words[0]) not in FIRST_NAMES:
                title_words = [*title_words, *words[:i]]
                words = words[i:]
                break
        while words and re.search(r"-[a-z]", words[0]):
            title_words = [*title_words, words.pop(0)]
        if not _looks_like_person(words):
            return None
        gender = _gender_of(title_words, words)
        titled = any(_norm(w) in TITLES for w in title_words[-2:])
        person = self.find(" ".join(words), gender, at, add_new=len(words) >= 2 or titled)
        if person is None:
            return None
        if len(words) > len(person.name.split()) and words[-1] == person.name.split()[-1]:
            person.name = " ".join(words)
            self._index(person)
        person.gender = person.gender or gender
        person.roles |= _roles(title_words)
        person.mentions.append(at)
        return person

    def merge_surnames(self) -> None:
        """ "Mrs. Clinton" is the story's Hillary Clinton: a person known by surname alone joins
        the most-named full name with that surname whose gender does not contradict theirs."""
        for single in [p for p in self.people if len(p.name.split()) == 1]:
            fuller = [
                p
                for p in self.people
                if len(p.name.split()) > 1
                and p.surname == single.surname
                and not (p.gender and single.gender and p.gender != single.gender)
            ]
            if not fuller:
                continue
            into = max(fuller, key=lambda p: len(p.mentions))
            into.mentions += single.mentions
            into.possessive |= single.possessive
            into.reporting |= single.reporting
            into.roles |= single.roles
            into.gender = into.gender or single.gender
            self.people.remove(single)
            for bucket in self._by_word.values():
                if single in bucket:
                    bucket.remove(single)

    def find(
        self, name: str, gender: str | None, at: int, *, add_new: bool = False
    ) -> Person | None:
        """The person ``name`` refers to: the one with that full name, else the one with that
        surname named most recently before ``at`` whose gender does not contradict ``gender``."""
        words = name.split()
        key = [_norm(w) for w in words]
        best: Person | None = None
        best_at = -1
        for person in self._by_word.get(key[-1], []) if key else ():
            if gender and person.gender and person.gender != gender:
                continue
            theirs = [_norm(w) for w in person.name.split()]
            suffix = len(key) < len(theirs) and theirs[-len(key) :] == key  # "Le Pen"
            if len(key) >= 2 and not suffix and (key[0] != theirs[0] or key[-1] != theirs[-1]):
                continue
            if len(key) == 1 and key[0] not in theirs:
                continue
            before = [m for m in person.mentions if m <= at]
            last = max(before) if before else -1 - min(person.mentions, default=0)
            if best is None or last > best_at:
                best, best_at = person, last
        if best is None and add_new:
            best = Person(name=name, gender=gender)
            self.people.append(best)
            self._index(best)
        return best


_LAST_WORD = re.compile(r"[\w’'-]+$")
_VERB_BEFORE = re.compile(rf"\b{V}[ \t]+$")
_RUN = re.compile(rf"(?<![\w’'-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,9}}")
_REPORTS_AFTER = re.compile(
    rf"[ \t]*(?:,[^,\n\"“”]{{1,80}},[ \t]*|\([^)\n]{{1,20}}\)[ \t]*)?"
    rf"(?:also[ \t]+|then[ \t]+|later[ \t]+|has[ \t]+|had[ \t]+)?{V}\b"
)


def _cast(text: str, start: int, quoted: list[tuple[int, int]], title: str) -> Cast:
    """Everyone named outside quotation marks (and in the headline unless it is title case),
    with where each is the subject of a reporting verb and where only a possessor."""
    cast = Cast()
    spans: list[tuple[int, str]] = []
    if title and not _title_case(title):
        spans.append((-1, title))
    spans.append((start, text))
    for offset, chunk in spans:
        begin = 0 if offset < 0 else start
        for m in _RUN.finditer(chunk, begin):
            if offset >= 0 and any(a <= m.start() < b for a, b in quoted):
                continue
            # split at a possessive: "Clinton’s top aide Jake Sullivan" names Clinton, then
            # Jake Sullivan
            pieces: list[list[re.Match[str]]] = [[]]
            for word in re.finditer(r"\S+", m.group(0)):
                pieces[-1].append(word)
                if _possessive(word.group(0)):
                    pieces.append([])
            for piece in pieces:
                if not piece:
                    continue
                raw = [re.sub(r"(’s|'s|’|')$", "", w.group(0)) for w in piece]
                possessive = _possessive(piece[-1].group(0))
                # a title never takes the last word: "Rep. Peter King"
                cut = max((i + 1 for i, w in enumerate(raw[:-1]) if _norm(w) in TITLES), default=0)
                titles, words = raw[:cut], raw[cut:]
                first = cut
                while words and _norm(words[0]) in FUNCTION_WORDS:
                    titles.append(words.pop(0))
                    first += 1
                if not _looks_like_person(_name_words(words)):
                    # "Post Editor-in-Chief Martin Baron": the name is the run's tail
                    for size in (3, 2):
                        tail = words[-size:]
                        if (
                            len(words) > size
                            and _norm(tail[0]) in FIRST_NAMES
                            and _looks_like_person(tail)
                        ):
                            first += len(words) - size
                            titles += words[: len(words) - size]
                            words = tail
                            break
                if first >= len(piece):
                    continue
                at = offset if offset < 0 else m.start() + piece[first].start()
                end = m.start() + piece[-1].end()
                head = chunk[max(0, m.start() - 30) : m.start()].split()[-2:]
                if re.match(r"[ \t]*(?:/|via\b)", chunk[end : end + 6]):
                    continue  # a photo credit: "Neilson Barnard via Getty Images"
                if (
                    head
                    and _norm(head[-1]) in {"the", "a", "an"}
                    and not (words and _norm(words[0]) in FIRST_NAMES)
                ):
                    continue  # "the Academy Award winner": a modifier, not a person
                person = cast.add(words, [*head, *titles], at)
                if person is None or offset < 0:
                    continue
                if possessive:
                    person.possessive.add(at)
                elif _REPORTS_AFTER.match(chunk, end) or _VERB_BEFORE.search(
                    chunk, max(0, m.start() - 30), m.start()
                ):
                    person.reporting.add(at)
    cast.merge_surnames()
    return cast


_STOP_AFTER_NAME = {
    "on",
    "in",
    "at",
    "to",
    "during",
    "after",
    "before",
    "when",
    "while",
    "who",
    "that",
    "and",
    "but",
    "as",
    "from",
    "with",
    "for",
    "about",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "yesterday",
    "today",
    "told",
    "said",
    "says",
    "via",
    "by",
    "because",
    "since",
    "adding",
    "saying",
}
_PHRASE_END = re.compile(r"[,;:!?()\n\"“”—–.]")
_ABBREVIATION = re.compile(rf"(?:[A-Z]|{_TITLE_ABBREVIATION})")


def _phrase(text: str) -> str:
    """The words naming a speaker, up to the first punctuation or preposition."""
    cut = None
    for m in _PHRASE_END.finditer(text):
        before = (
            _LAST_WORD.search(text, max(0, m.start() - 30), m.start())
            if m.group(0) == "."
            else None
        )
        if before and _ABBREVIATION.fullmatch(before.group(0)):
            continue  # "Sen." or an initial goes on: "said Sen. Jane Doe"
        cut = m
        break
    words = (text[: cut.start()] if cut else text).split()
    out: list[str] = []
    for word in words:
        key = _norm(word)
        if key in _STOP_AFTER_NAME and out:
            break
        if key == "of" and out and _norm(out[-1]) not in TITLES:
            break  # "Phil Bryant of Mississippi", but "Secretary of State John Kerry"
        out.append(word)
    return " ".join(out[:12])


def _appositive_name(text: str) -> str | None:
    """ ", Mike Rubino," after a description: the name in apposition."""
    m = re.match(rf"[ \t]*,[ \t]*({NAME})[ \t]*(?:,|\(|$|[ \t]+(?:{V})\b)", text)
    if m and _looks_like_person(_name_words(m.group(1).split())):
        return " ".join(_name_words(m.group(1).split()))
    return None


def parse_speaker(phrase: str) -> tuple[str, str | None]:
    """(kind, name) of the words naming a speaker: "person" with the name, a pronoun
    ("pronoun", "he"), a definite description to resolve ("description", "the senator"),
    an organisation, or "unnamed" ("a spokesman", "Trump’s aides")."""
    words = phrase.split()
    if not words:
        return "none", None
    if _norm(words[0]) in {"he", "she", "they", "we", "i"} and len(words) == 1:
        return "pronoun", words[0].lower()
    # the last capitalised run that is not a possessive: "Clinton’s top aide Jake Sullivan"
    runs: list[list[str]] = []
    current: list[str] = []
    for word in words:
        capital = word[:1].isupper() or (current and re.fullmatch(_PARTICLE[2:], word))
        if capital and not _possessive(word):
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = []
        if capital:  # a possessive closes a run: "Smith’s"
            runs.append(["’s"])
    if current:
        runs.append(current)
    determiner = _norm(words[0]) in {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "one",
        "another",
        "some",
        "two",
        "three",
        "several",
        "many",
        "other",
        "our",
        "my",
    }
    # a name ends the phrase: in "a BaFin spokeswoman" BaFin only says whose spokeswoman;
    # and "a Nevada Democrat" is nobody named
    indefinite = _norm(words[0]) in {"a", "an", "one", "another", "some", "several", "many"}
    ends_in_name = bool(current) and not indefinite
    for run in reversed(runs if ends_in_name else []):
        if run == ["’s"]:
            break  # "Smith’s spokesman": the possessor is not the speaker
        name = _name_words(run)
        while len(name) > 1 and _norm(name[0]) in TITLES:
            name = name[1:]
        if len(name) == 1 and _norm(name[0]) in UNNAMED_NOUNS:
            return "unnamed", phrase  # "Analysts said"
        if _looks_like_person(name):
            return "person", " ".join(name)
        if name and any(
            _norm(w) in ORGANISATION_WORDS or (len(w.strip(".’'")) > 1 and w.isupper())
            for w in name
        ):
            org = " ".join(w for w in run if _norm(w) not in FUNCTION_WORDS or w[0].isupper())
            return "organisation", re.sub(r"^(?i:the)\s+", "", org)
        if name and not determiner and len(run) == len(words) and _looks_like_person(name[-1:]):
            return "person", " ".join(name)  # an unknown single word: "Pulvermann"
    head = _norm(words[-1])
    if (
        _norm(words[0])
        in {"a", "an", "one", "another", "some", "two", "three", "several", "many", "other"}
        or head in UNNAMED_NOUNS
        or any(_possessive(w) for w in words)
    ):
        if head in ORGANISATION_WORDS and _norm(words[0]) == "the":
            return "description", phrase
        return "unnamed", phrase
    if determiner:
        return "description", phrase
    if head in UNNAMED_NOUNS:
        return "unnamed", phrase
    return "none", None


def _sentences_before(text: str, floor: int, at: int) -> list[tuple[int, int]]:
    """The sentences between ``floor`` and ``at``, nearest first."""
    bounds = [floor]
    for m in re.finditer(r"[.!?…][”\"’']?(?=\s+[“\"A-Z])|\n", text[floor:at]):
        if m.group(0) == ".":
            word = _LAST_WORD.search(text, max(floor, floor + m.start() - 30), floor + m.start())
            if word and _ABBREVIATION.fullmatch(word.group(0)):
                continue  # "Ohio Gov. John Kasich"
        bounds.append(floor + m.end())
    bounds.append(at)
    return [(bounds[i - 1], bounds[i]) for i in range(len(bounds) - 1, 0, -1)]


def _subject_of(
    cast: Cast, text: str, start: int, end: int, possessors: bool = False
) -> list[Person]:
    """People named in a sentence as who might be "he": the subject of a reporting verb
    first, then the others in order, a possessor ("Trump’s accusation") last."""
    found: list[tuple[int, int, Person]] = []
    for person in cast.people:
        for at in person.mentions:
            if start <= at < end and (possessors or at not in person.possessive):
                rank = 0 if at in person.reporting else 2 if at in person.possessive else 1
                found.append((rank, at, person))
    found.sort(key=lambda item: (item[0], item[1]))
    return [person for _, _, person in found]


def _attested(person: Person) -> bool:
    """Known to be a person, not just a capitalised pair ("Lib Dems", "Woodhill Prison"):
    a gender cue, a title, or somewhere the subject of a reporting verb."""
    return bool(person.gender or person.roles or person.reporting or person.speaks)


def _compatible(person: Person, pronoun: str) -> bool:
    want = {"he": "m", "she": "f"}.get(pronoun)
    return want is None or person.gender in (None, want)


def resolve_pronoun(
    pronoun: str,
    cast: Cast,
    text: str,
    body_start: int,
    at: int,
    speakers: list[tuple[int, Person]],
    among: list[Person] | None = None,
) -> Person | None:
    """The person "he"/"she" refers to: going back sentence by sentence, the speaker of a
    quotation there or else the sentence's subject, when the gender cues agree (and, with
    ``among``, only one of those people)."""
    if pronoun not in {"he", "she", ""}:
        return None  # "" asks for whoever the passage is about ("the businessman")
    sentences = _sentences_before(text, max(body_start, at - 3000), at)
    # a possessor ("Bill Clinton’s hair was whiter") only when nobody else will do
    for possessors in (False, True):
        for start, end in sentences:
            if end == at:
                # in the sentence leading into the quote, only who is named before "he"
                own = re.search(r"\b(?:[Hh]e|[Ss]he)\b", text[start:end])
                end = start + own.start() if own else end
            spoken = [p for q_at, p in speakers if start <= q_at < end]
            for person in reversed(spoken):
                if _compatible(person, pronoun) and (among is None or person in among):
                    return person
            for person in _subject_of(cast, text, start, end, possessors):
                if among is not None and person not in among:
                    continue
                if _compatible(person, pronoun) and not (
                    person.gender is None
                    and ((pronoun == "she" and len(cast.people) > 1) or not _attested(person))
                ):
                    return person
    for person in cast.people:  # a headline-only name
        if person.mentions and min(person.mentions) < 0 and _compatible(person, pronoun):
            return person
    return None


def resolve_description(description: str, cast: Cast, at: int) -> Person | None:
    """ "the senator" -> the person introduced as "Sen. ..." most recently before ``at``."""
    words = [_norm(w) for w in description.split()]
    head = words[-1] if words else ""
    if (
        head not in TITLES
        and head not in {_ABBREVIATED_TITLES.get(w, w) for w in TITLES}
        and (
            head
            not in {
                "congressman",
                "congresswoman",
                "lawmaker",
                "businessman",
                "billionaire",
                "mogul",
                "nominee",
                "candidate",
                "frontrunner",
                "front-runner",
            }
        )
    ):
        return None
    best: Person | None = None
    best_key = (0, -(10**9))
    for person in cast.people:
        roles = set(person.roles)
        for role in list(roles):
            roles |= _ROLE_SYNONYMS.get(role, set())
        if head not in roles:
            continue
        before = [m for m in person.mentions if m <= at]
        # the one the story is about ("the president" in a story on Obama that also names
        # the World Bank's president): most named so far, then most recent
        key = (len(before), max(before, default=-(10**9)))
        if before and key > best_key:
            best, best_key = person, key
    return best


PERSON_NOUNS = {
    "winner",
    "veteran",
    "champion",
    "star",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "nominee",
    "candidate",
    "frontrunner",
    "front-runner",
    "congressman",
    "congresswoman",
    "lawmaker",
    "politician",
    "actor",
    "actress",
    "comedian",
    "author",
    "writer",
    "host",
    "singer",
    "entrepreneur",
    "developer",
    "incumbent",
    "challenger",
    "contender",
    "hopeful",
}


def _refers_back(description: str) -> bool:
    """ "the businessman", "the 43-year-old", "the minority leader": a definite description
    of a person the story has named (not "the official", who may never be named)."""
    words = [_norm(w) for w in description.split()]
    if len(words) < 2 or words[0] != "the" or len(words) > 6:
        return False
    if any(w[:1].isupper() and _norm(w) not in TITLES for w in description.split()[1:]):
        return False  # "the England captain" is someone in particular, not whoever was last
    head = words[-1]
    return head in PERSON_NOUNS or head in TITLES or bool(re.fullmatch(r"\d+-year-old", head))


def _kind_of_name(name: str) -> str:
    words = [_norm(w) for w in name.split()]
    if any(w in ORGANISATION_WORDS for w in words):
        return "organisation"
    return "person"


def _runs_on(text: str, end: int) -> bool:
    """The sentence goes on in the writer's words after the closing mark: “What are we going
    to do? That is the fight we're taking” to the rest of the country."""
    if not re.match(r"[ \t\xa0]+[a-z]", text[end : end + 3]):
        return False
    return _AFTER.match(text, end, min(len(text), end + 120)) is None


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in the body, with its speaker where the text says who."""
    text, body_start = article.source_text
    found = [c for c in candidates(text, body_start) if is_quotation(c, text)]
    if not found:
        return ()
    quoted = [(c.start, c.end) for c in found]
    cast = _cast(text, body_start, quoted, article.title)
    speakers: list[tuple[int, Person]] = []
    quotes = []
    previous: tuple[str | None, str | None] = (None, None)
    previous_written: str | None = None
    for c in found:
        who = c.speaker_as_written
        speaker: str | None = None
        kind: str | None = None
        person: Person | None = None
        if c.inherited and previous[0] is not None and who == previous_written:
            speaker, kind = previous
            person = next((p for _, p in reversed(speakers) if p.name == speaker), None)
        elif who:
            parsed, value = parse_speaker(who)
            if parsed == "pronoun" and value:
                person = resolve_pronoun(value, cast, text, body_start, c.start, speakers)
                kind = "person" if person else ("unnamed" if value == "they" else None)
            elif parsed == "person" and value:
                gender = _gender_of(who.split(), value.split())
                person = cast.find(value, gender, c.start) or cast.add(value.split(), [], c.start)
                namesakes = [
                    p
                    for p in cast.people
                    if len(value.split()) == 1
                    and p.surname == _norm(value)
                    and not (gender and p.gender and gender != p.gender)
                ]
                if len(namesakes) > 1:
                    # "Clinton" when the story has Bill and Hillary: the one the passage is about
                    pronoun = {"m": "he", "f": "she"}.get(gender or "", "")
                    person = (
                        resolve_pronoun(
                            pronoun, cast, text, body_start, c.start, speakers, namesakes
                        )
                        or person
                    )
                if person is None:
                    speaker, kind = value, _kind_of_name(value)
                kind = kind or "person"
            elif parsed == "description" and value:
                person = resolve_description(value, cast, c.start)
                if person is None and _refers_back(value):
                    person = resolve_pronoun("", cast, text, body_start, c.start, speakers)
                if person is None and _norm(value.split()[-1]) in ORGANISATION_WORDS:
                    # "the State Department" is named; "the agency" only points back to it
                    named = any(w[:1].isupper() for w in value.split()[1:])
                    org = re.sub(r"^(?i:the)\s+", "", value)
                    speaker, kind = (org if named else None), "organisation"
                kind = kind or ("person" if person else "unnamed")
            elif parsed == "organisation" and value:
                speaker, kind = value, "organisation"
            elif parsed == "unnamed":
                kind = "unnamed"
        if person is not None:
            speaker, kind = person.name, "person"
            person.speaks += 1
            speakers.append((c.start, person))
        previous, previous_written = (speaker, kind), who
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
    return tuple(_inner(text, (part,)) for part in quote.parts)


KEY_MIN_WORDS = 6
KEY_MAX_WORDS = 40
_CONTINUES = re.compile(r"(?i:but|and|or|yet|so|because|which|although|though)\b")


def _cut_before(quote: Quote, quotes: tuple[Quote, ...]) -> bool:
    """The thought goes on in the next quotation of the same speaker: “We will win,” he said,
    “but not this year.” Shown alone, the first half says the opposite."""
    for other in quotes:
        if other.start > quote.end and other.start - quote.end <= 80:
            same = other.speaker == quote.speaker or other.speaker_as_written in PRONOUNS | {None}
            return same and bool(_CONTINUES.match(other.text.lstrip(" .…'‘")))
    return False


def eligible(quote: Quote, quotes: tuple[Quote, ...] = ()) -> bool:
    """What an editor would sign as a pull quote: a person's words (named and resolved), a
    whole thought of 6-40 words, not heading copy in title case, not cut before its "but"."""
    if quote.speaker is None or quote.speaker_kind != "person" or not quote.whole:
        return False
    if len(quote.speaker.split()) < 2:
        return False  # an editor signs "Barack Obama", not "Obama"
    if not KEY_MIN_WORDS <= _words(quote.text) <= KEY_MAX_WORDS:
        return False
    text = quote.text.lstrip(" '‘")
    if not text[:1].isupper() or text.startswith(("…", "...")):
        return False  # a fragment picked out of a sentence
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    small = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "by", "with"}
    content = [w for w in words if w.lower() not in small]
    if len(content) >= 4 and sum(w[0].isupper() for w in content) >= 0.7 * len(content):
        return False  # “Trump Plans Major Ad Buy In Key States”: a heading, not speech
    return not _cut_before(quote, quotes)


def score(quote: Quote) -> float:
    """How much an editor would want this quote as a pull quote (higher is better); what is
    not :func:`eligible` scores minus infinity."""
    if not eligible(quote):
        return float("-inf")
    words = _words(quote.text)
    value = 3.0
    if quote.speaker_as_written and _is_name(quote.speaker_as_written):
        value += 0.5  # the text names the speaker right there
    if quote.speaker and len(quote.speaker.split()) >= 2:
        value += 2  # a full name, not a bare surname
    if _CONTINUES.match(quote.text):
        value -= 1  # “And I’ve decided…” leans on what came before
    if 10 <= words <= 30:
        value += 1
    if _FIRST_PERSON.search(quote.text):
        value += 1  # the speaker's own voice
    return value


def interest(quote: Quote) -> float:
    """How strong a quote is on its own, by its content only (for the quote of the day): the
    speaker's own voice, a full name, a readable length, varied words over filler."""
    count = _words(quote.text)
    value = 0.0
    if quote.speaker and len(quote.speaker.split()) >= 2:
        value += 1
    if 10 <= count <= 30:
        value += 1
    elif not KEY_MIN_WORDS <= count <= KEY_MAX_WORDS:
        value -= 1
    if _FIRST_PERSON.search(quote.text):
        value += 1
    words = [w.lower() for w in _WORD.findall(quote.text)]
    content = [w for w in words if w not in SENTENCE_WORDS and w not in FUNCTION_WORDS]
    if words:
        value += len(set(content)) / len(words)  # dense, varied words
    if quote.text.rstrip().endswith("?"):
        value -= 0.25  # a question leans on its context
    return value


def protagonist(quotes: tuple[Quote, ...], headline: str = "") -> str | None:
    """Who the story is about: the person named in the headline who speaks in it, else the
    most-quoted person (two quotations at least)."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker and quote.speaker_kind == "person":
            # “A,” he said. “B.” is one turn of speech, not two
            if quote.start - last.get(quote.speaker, -(10**9)) > 300:
                counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
            last[quote.speaker] = quote.end
    heading = {_norm(w) for w in _WORD.findall(headline)}
    named = [s for s in counts if _norm(s.split()[-1]) in heading]
    if named:
        return max(named, key=lambda s: counts[s])
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(counts, key=lambda s: counts[s])


def key_quote(
    quotes: tuple[Quote, ...], avoid: tuple[str, ...] = (), headline: str = ""
) -> Quote | None:
    """The quote a reader remembers: :func:`eligible` only (else none at all), the story's
    protagonist first, then the best :func:`score`; not one the summary already shows
    (``avoid``: summary sentences); the earliest wins a tie."""
    lead = protagonist(quotes, headline)
    best: Quote | None = None
    best_score = float("-inf")
    for quote in quotes:
        if not eligible(quote, quotes):
            continue
        if any(quote.text[:40] in sentence for sentence in avoid):
            continue
        value = score(quote) + (1.5 if lead and quote.speaker == lead else 0)
        if value > best_score:
            best, best_score = quote, value
    return best
