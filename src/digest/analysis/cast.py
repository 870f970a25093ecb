"""The story's cast: the people it names, with a gender cue, their roles, and where each is
named (as the subject of a reporting verb, or only as a possessor), so that "he", "the
senator" and a bare surname resolve to someone the story introduced."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.analysis.names import (
    BODY_NOUNS,
    FEMALE_TITLES,
    FIRST_NAMES,
    FUNCTION_WORDS,
    HONORIFICS,
    HONOURS,
    MALE_TITLES,
    NAME_WORD,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    TITLES,
    V,
    first_and_surname,
    is_possessive,
    looks_like_person,
    name_words,
    norm,
    without_possessive,
)

ABBREVIATED_TITLES = {
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
    honour: str = ""  # a peerage or knighthood named with them: "Lord", "Sir"

    @property
    def shown(self) -> str:
        """The name as the digest prints it: a peer or knight with the title ("Lord
        Goldsmith", "Sir Anthony O'Reilly"), anyone else by name alone."""
        return f"{self.honour} {self.name}" if self.honour else self.name

    @property
    def surname(self) -> str:
        return norm(self.name.split()[-1])

    @property
    def first(self) -> str:
        return norm(self.name.split()[0])


def gender_of(title_words: list[str], words: list[str]) -> str | None:
    """A gender cue: an honorific right before the name (Mr., Mrs.), else a known first
    name, else a title or relation just before it ("her husband Bill")."""
    last = norm(title_words[-1]) if title_words else ""
    if last in HONORIFICS | {"sir", "lord", "lady", "dame", "king", "queen"}:
        return "f" if last in FEMALE_TITLES else "m"
    if len(words) >= 2 and norm(words[0]) in FIRST_NAMES:
        return FIRST_NAMES[norm(words[0])]
    for word in reversed(title_words[-2:]):
        key = norm(word)
        if key in MALE_TITLES:
            return "m"
        if key in FEMALE_TITLES:
            return "f"
    return None


def _roles(title_words: list[str]) -> set[str]:
    roles = set()
    for word in title_words:
        key = norm(word)
        if key in TITLES or key in PERSON_NOUNS:
            roles.add(ABBREVIATED_TITLES.get(key, key))
    return roles


def _title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class Cast:
    """The people a story names, in the order it names them."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_word: dict[str, list[Person]] = {}  # every word of a name -> its people

    def _index(self, person: Person) -> None:
        for word in {norm(w) for w in person.name.split()}:
            bucket = self._by_word.setdefault(word, [])
            if person not in bucket:
                bucket.append(person)

    def bears(self, word: str) -> bool:
        """Whether someone in the cast has ``word`` (normalised) in their name."""
        return bool(self._by_word.get(word))

    def admit(self, person: Person) -> None:
        """Add someone found outside :meth:`add` (a surname that speaks alone)."""
        self.people.append(person)
        self._index(person)

    def add(self, words: list[str], title_words: list[str], at: int) -> Person | None:
        words = name_words(words)
        # "Man-of-the-match Stephen Jones", "Tory Whip Mary Hill": the name starts at a known
        # first name, and a hyphenated phrase with lowercase parts is not a name
        for i in range(len(words) - 2, 0, -1):
            if norm(words[i]) in FIRST_NAMES and norm(words[0]) not in FIRST_NAMES:
                title_words = [*title_words, *words[:i]]
                words = words[i:]
                break
        while words and re.search(r"-[a-z]", words[0]):
            title_words = [*title_words, words.pop(0)]
        if not looks_like_person(words):
            return None
        gender = gender_of(title_words, words)
        titled = any(norm(w) in TITLES for w in title_words[-2:])
        person = self.find(" ".join(words), gender, at, add_new=len(words) >= 2 or titled)
        if person is None:
            return None
        if len(words) > len(person.name.split()) and words[-1] == person.name.split()[-1]:
            person.name = " ".join(words)
            self._index(person)
        person.gender = person.gender or gender
        person.roles |= _roles(title_words)
        if title_words and norm(title_words[-1]) in HONOURS and not person.honour:
            person.honour = title_words[-1].capitalize()
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
        """The person ``name`` refers to: the one with that full name, else, of those with that
        surname whose gender does not contradict ``gender``, the one named most often before
        ``at`` (the story's main bearer of it), the most recently named on a tie."""
        words = name.split()
        key = [norm(w) for w in words]
        best: Person | None = None
        best_rank = (0, -1)
        for person in self._by_word.get(key[-1], []) if key else ():
            if gender and person.gender and person.gender != gender:
                continue
            theirs = [norm(w) for w in person.name.split()]
            suffix = len(key) < len(theirs) and theirs[-len(key) :] == key  # "Le Pen"
            if len(key) >= 2 and not suffix and (key[0] != theirs[0] or key[-1] != theirs[-1]):
                continue
            if len(key) == 1 and key[0] not in theirs:
                continue
            before = [m for m in person.mentions if m <= at]
            last = max(before) if before else -1 - min(person.mentions, default=0)
            # a bare surname is the story's main bearer of it, not whoever was named last:
            # "Clinton said" after "her husband, former President Bill Clinton" is still Hillary
            rank = (len(before), last) if len(key) == 1 else (0, last)
            if best is None or rank > best_rank:
                best, best_rank = person, rank
        if best is None and add_new:
            best = Person(name=name, gender=gender)
            self.people.append(best)
            self._index(best)
        return best


# "said Jane Roe": a reporting verb before a name makes it the speaker, unless the verb takes
# whom it addresses ("the 21-year-old told Cadena Cope", a radio station)
_VERB_BEFORE = re.compile(
    # (not "But he said Mr Blair had lost …": the name is what he said, not who)
    r"(?<![Hh]e )(?<![Ss]he )(?<![Tt]hey )(?<![Ww]e )(?<!I )(?<![Ii]t )"
    rf"\b(?!(?:told|tells|telling|texted|emailed|e-mailed|messaged)\b){V}[ \t]+$"
)
# "executive partner of Tods Murray said": a name after a preposition is not who reports
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|at|from|to|in|with|by|on)[ \t]+$")
_RUN = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,9}}")
_ARTICLES = frozenset({"a", "an", "the"})
# the noun a name modifies: "an Alan Shearer strike" (not "… said", "… who", "… has won")
_MODIFIES = re.compile(
    rf"[ \t]+(?!(?:who|whose|that|which|of|and|or|is|was|are|were|has|had|have|will|would"
    rf"|could|can|may|might|must|should|also|then)\b|{V}\b|[a-z]+ed\b)[a-z]"
)
# a name in apposition that reports: "The head of that tribunal, Kostas Panagopoulos, said"
_APPOSED_REPORTS = re.compile(rf",[ \t]*(?:also[ \t]+)?{V}\b")
_REPORTS_AFTER = re.compile(
    rf"[ \t]*(?:,[^,\n\"“”]{{1,80}},[ \t]*|\([^)\n]{{1,20}}\)[ \t]*)?"
    rf"(?:also[ \t]+|then[ \t]+|later[ \t]+|has[ \t]+|had[ \t]+)?{V}\b"
)


# two capitalised words, every such pair (overlapping: "Why Anna Kowalski Built …" has "Anna
# Kowalski"), a possessive's "’s" apart ("Anna Kowalski’s Library")
_FULL_NAME = re.compile(
    r"(?<![\w’'-])(?=([A-Z][a-z’']+)[ \t]+([A-Z][a-z]+)((?:[’']s)?)\b(?![’'-]))"
)


# a surname speaking alone: "Richards said", "said Richards", "Ms. Richards" (overlapping, so
# that every one is found)
_SURNAME = r"([A-Z][a-z]+)"
_SPEAKS_ALONE = (
    re.compile(rf"(?=\b{_SURNAME}[ \t]+{V}\b)"),
    re.compile(rf"(?=\b{V}[ \t]+{_SURNAME}\b(?![ \t]+[A-Z]))"),
    re.compile(rf"(?=\b(?:Mr|Mrs|Ms|Dr)\.?[ \t]+{_SURNAME}\b)"),
)


def _may_name(name: re.Match[str]) -> bool:
    """Whether a title-case headline's two words ``name`` can be a person's name: a first name
    (or, opening the headline as its speaker, "Cecile Richards: …", a word no list knows) and a
    surname. Every word of a title-case line is capitalised, so nothing else in it is
    believed; the story must then have the surname speak alone (:data:`_SPEAKS_ALONE`)."""
    first = norm(name[1])
    if norm(name[2]) in FUNCTION_WORDS or (first in {"will", "may"} and "?" in name.string):
        return False  # "As Its Rivals Pair Up, Will Twitter Be Next?"
    # a first name; else a name the headline opens on as its speaker ("Cecile Richards: …")
    labels = name.start() == 0 and name.string.startswith(":", name.end(3))
    return first in FIRST_NAMES or (labels and looks_like_person([name[1], name[2]]))


def _headline_names(title: str, text: str) -> list[str]:
    """The names a title-case headline gives that :func:`_may_name` allows and whose surname
    the story has speak alone ("Cecile Richards")."""
    names = [m for m in _FULL_NAME.finditer(title) if _may_name(m)]
    if not names:
        return []
    speaking = {found[1] for pattern in _SPEAKS_ALONE for found in pattern.finditer(text)}
    return [f"{m[1]} {m[2]}" for m in names if m[2] in speaking]


def cast_of(text: str, start: int, quoted: list[tuple[int, int]], title: str) -> Cast:
    """Everyone named outside quotation marks (and in the headline; of a title-case one only
    the names :func:`_headline_names` believes),
    with where each is the subject of a reporting verb and where only a possessor."""
    cast = Cast()
    spans: list[tuple[int, str]] = []
    if title and not _title_case(title):
        spans.append((-1, title))
    elif title:  # title case: only a name whose surname the story has speak ("Cecile Richards")
        spans += [(-2, name) for name in _headline_names(title, text)]
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
                if is_possessive(word.group(0)):
                    pieces.append([])
            for number, piece in enumerate(pieces):
                if not piece:
                    continue
                raw = [without_possessive(w.group(0)) for w in piece]
                possessive = is_possessive(piece[-1].group(0))
                # a title never takes the last word: "Rep. Peter King"
                # … but not a first name right before the surname: "Coach Dean Goldfine"
                cut = max(
                    (
                        i + 1
                        for i, w in enumerate(raw[:-1])
                        if norm(w) in TITLES and not first_and_surname(raw[i:])
                    ),
                    default=0,
                )
                titles, words = raw[:cut], raw[cut:]
                first = cut
                while words and norm(words[0]) in FUNCTION_WORDS and not first_and_surname(words):
                    titles.append(words.pop(0))
                    first += 1
                if not looks_like_person(name_words(words)):
                    # "Post Editor-in-Chief Martin Baron": the name is the run's tail
                    for size in (3, 2):
                        tail = words[-size:]
                        if (
                            len(words) > size
                            and norm(tail[0]) in FIRST_NAMES
                            and looks_like_person(tail)
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
                if head and norm(head[-1]) == "of" and len(words) == 1:
                    continue  # "the Bishop of Durham", "Mayor of London": a place, not a name
                if re.match(r"[ \t]*(?:/|via\b)", chunk[end : end + 6]):
                    continue  # a photo credit: "Neilson Barnard via Getty Images"
                if (
                    head
                    and norm(head[-1]) in {"the", "a", "an"}
                    and not (words and norm(words[0]) in FIRST_NAMES)
                ):
                    continue  # "the Academy Award winner": a modifier, not a person
                if (
                    number == 0
                    and not titles
                    and head
                    and head[-1] in BODY_NOUNS
                    and not (words and norm(words[0]) in FIRST_NAMES)
                ):
                    # "US magazine Rolling Stone", "Game maker Valve": a body; not "Documentary
                    # maker Nick Broomfield" or "rail union General Secretary Bob Crowe"
                    continue
                if offset == -1 and not titles and not (words and norm(words[0]) in FIRST_NAMES):
                    continue  # "outside Wisconsin Trump rally": a headline's run needs a name
                # the words before the run describe its first name, not what a possessive
                # owns: "spokeswoman said Graham Norton's Strictly Dance Fever"
                # only the words right before the name, not across a function word: "the prime
                # minister and Mr Brown" gives Mr Brown no "minister", "chief in Benghazi" makes
                # no chief of Benghazi, "Mr Howard. Pointing" no Mr Pointing; "Head librarian
                # Aisling Brennock" keeps both
                described: list[str] = []
                for before in reversed(head):
                    if norm(before) in FUNCTION_WORDS or (
                        before[-1:] in ".,;:!?" and norm(before) not in TITLES
                    ):
                        break
                    described.insert(0, before)
                person = cast.add(words, [*(described if number == 0 else []), *titles], at)
                if person is None or offset < 0:
                    continue
                modifier = (
                    number == 0
                    and (
                        (first == 0 and head and norm(head[-1]) in _ARTICLES)
                        # "An Alan Shearer strike" opening a sentence: the article joined the run
                        or (first == 1 and norm(raw[0]) in _ARTICLES)
                    )
                    and _MODIFIES.match(chunk, end)
                )
                if possessive or modifier:
                    # "an Alan Shearer strike": a name as a modifier is no more the subject
                    # than a possessor is
                    person.possessive.add(at)
                elif (
                    (
                        _REPORTS_AFTER.match(chunk, end)
                        and not _PREPOSITION_BEFORE.search(chunk, max(0, at - 12), at)
                    )
                    or (
                        _APPOSED_REPORTS.match(chunk, end)
                        and re.search(
                            r"\b[a-z]+,[ \t]*$", chunk[max(0, m.start() - 30) : m.start()]
                        )
                    )
                    or (
                        # "said Graham Norton's Strictly Dance Fever": only the run's first name
                        # follows the verb; what the possessive owns does not report
                        number == 0
                        and _VERB_BEFORE.search(chunk, max(0, m.start() - 30), m.start())
                    )
                ):
                    person.reporting.add(at)
    cast.merge_surnames()
    _lone_speakers(cast, text, start, quoted)
    genders_from_pronouns(cast, text)
    return cast


# a surname never given a first name that speaks of itself as he or she: "Safin said he was
# trying to keep his temper", "Cruz openly admitted that his pick …"
_SPEAKS_OF_ITSELF = re.compile(
    rf"(?<![\w’'.-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+(?:[a-z]+ly[ \t]+|also[ \t]+|then[ \t]+"
    rf"|later[ \t]+)?(?:{V}|admitted|admits|insisted|insists|believes|believed|felt|feels)"
    r"[ \t]+(?:that[ \t]+)?(he|she|his|her)\b"
)


def _lone_speakers(cast: Cast, text: str, start: int, quoted: list[tuple[int, int]]) -> None:
    """Add who :data:`_SPEAKS_OF_ITSELF` shows to be a person (BBC sport's "Safin", whom the
    story never gives a first name), with every place the surname stands alone as a mention."""
    for found in _SPEAKS_OF_ITSELF.finditer(text, start):
        word = found[1]
        key = norm(word)
        before = text[max(0, found.start() - 30) : found.start()].split()[-1:]
        if (
            # "Prosecutors said he", "Opponents said he": a plural, nobody's surname
            re.search(r"(?:ors|ers|ists|ants|ents|ics|als|ees|ives|ians|ies)$", word)
            # "Moscow said he …": a place the story puts things in, at or from
            or re.search(rf"\b(?:in|at|from|into|near)[ \t]+{re.escape(word)}\b", text)
        ):
            continue
        if (
            # "The Russian added that he …", "Celebrity Eyes said she …": a description, a run
            (
                before
                and (
                    norm(before[0]) in {"the", "a", "an", "of", "for", "in", "at", "from", "by"}
                    or (before[0][:1].isupper() and before[0][-1] not in ".!?:\"”’'")
                )
            )
            or (before and before[0][:1].isdigit())  # "50 Cent said he …"
            or not looks_like_person([word])  # "Thursday", "England"
            or key in FUNCTION_WORDS
            or key in ORGANISATION_WORDS
            or key in FIRST_NAMES
            or cast.bears(key)
            or any(a <= found.start() < b for a, b in quoted)
        ):
            continue
        gender = "f" if found[2] in {"she", "her"} else "m"
        person = Person(name=word, gender=gender)
        for m in re.finditer(rf"(?<![\w’'.-]){re.escape(word)}(?![\w-])(?![ \t]+[A-Z])", text):
            if m.start() < start or any(a <= m.start() < b for a, b in quoted):
                continue
            person.mentions.append(m.start())
            if is_possessive(text[m.start() : m.end() + 2].split()[0]):
                person.possessive.add(m.start())
            elif _REPORTS_AFTER.match(text, m.end()):
                person.reporting.add(m.start())
        cast.admit(person)


# the person's own pronoun: he, she, his, and "her" before the noun it owns ("her knees"),
# not "him" or "thanked her for", which are someone else
_PRONOUN_CUE = re.compile(
    r"\b(?:(?P<m>[Hh]e|[Hh]is)|(?P<f>[Ss]he|[Hh]er(?=[ \t]+(?!(?:for|to|at|in|on|with|by|from|"
    r"and|or|that|as|a|an|the)\b)[a-z])))\b"
)
# the name opens its sentence, after at most two words that are not a subject and its verb
# ("Rock star", "Teenager"; not "She beat")
_SENTENCE_START = re.compile(
    r"(?:^|[.!?]\s+|\n)[“\"]?(?:(?!(?:He|She|They|It|We|I|You)\b)[A-Z][\w’'-]*"
    r"(?:[ \t]+[a-z][\w’'-]*)?[ \t]+)?$"
)
_CLAUSE_END = re.compile(r"[.!?;](?=\s)|\n|[“”\"]")


def genders_from_pronouns(cast: Cast, text: str) -> None:
    """A gender for someone no name or title gives one: the he/his or she/her that follows
    their name in the writer's words of the same sentence, with nobody else named between
    ("Mirza, ranked 134 in the world, sunk to her knees"). Each mention votes; any
    disagreement leaves the gender unknown."""
    starts = sorted(a for p in cast.people for a in p.mentions if a >= 0)
    for person in cast.people:
        if person.gender or len(person.name.split()) < 2:
            continue  # a full name only: "Nevada" … "her" is no woman
        votes = []
        for at in person.mentions:
            run = _RUN.match(text, at) if at >= 0 else None  # never in a quotation: see cast_of
            if run is None:
                continue
            opening = _SENTENCE_START.search(text, max(0, at - 40), at)
            if opening is None:
                continue  # the sentence's subject only: "Mirza, ranked 134, sunk to her knees"
            stop = _CLAUSE_END.search(text, run.end())
            end = stop.start() if stop else len(text)
            cue = _PRONOUN_CUE.search(text, run.end(), end)
            if cue is None or any(run.end() <= a < cue.start() for a in starts):
                continue
            votes.append("m" if cue.group("m") else "f")
        if votes and len(set(votes)) == 1:
            person.gender = votes[0]
