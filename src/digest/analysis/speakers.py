"""Who said it: the kind of words naming a speaker (a person, a pronoun, a description, an
organisation, someone unnamed), and who in the story's cast a pronoun or a description such
as "the senator" refers to."""

from __future__ import annotations

import re

from digest.analysis import quotemarks
from digest.analysis.cast import ABBREVIATED_TITLES, Cast, Person
from digest.analysis.names import (
    ABBREVIATION,
    BODY_NOUNS,
    CALENDAR_WORDS,
    FEMALE_TITLES,
    FIRST_NAMES,
    FUNCTION_WORDS,
    HONORIFICS,
    LAST_WORD,
    ORGANISATION_WORDS,
    PARTICLES,
    PERSON_NOUNS,
    PLACE_WORDS,
    TITLES,
    UNNAMED_NOUNS,
    VERB_WORD,
    VERB_WORDS,
    V,
    is_possessive,
    looks_like_person,
    name_words,
    norm,
)

_ROLE_SYNONYMS = {
    "representative": {"congressman", "congresswoman", "lawmaker", "representative"},
    "senator": {"senator", "lawmaker"},
    "governor": {"governor"},
    "president": {"president"},
}


_ROLE_WORDS = TITLES | PERSON_NOUNS


def _capital_after(following: list[str]) -> bool:
    """A particle's next word that is not a particle is a capital: "Mr van Persie", "Mr de la
    Cruz" (a particle inside a name)."""
    after = [w for w in following if w not in PARTICLES]
    return bool(after) and after[0][:1].isupper()


_WRITTEN = {"statement", "release"}  # a body's written words, named by the body before them
_NAME_LINKS = {"of", "for"}  # "Board of Elections", "Centers for Disease Control"


def _run_before(words: list[str], end: int) -> list[str]:
    """The capitalised words right before ``end``."""
    start = end
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    return words[start:end]


def _linked(words: list[str], end: int) -> str:
    """The rest of an organisation's name after its run ends at ``end``: " of Elections" in
    "the Illinois Board of Elections" (each link followed by a capitalised word)."""
    rest = ""
    while end + 1 < len(words) and words[end] in _NAME_LINKS and words[end + 1][:1].isupper():
        rest += f" {words[end]}"
        end += 1
        while end < len(words) and words[end][:1].isupper() and not is_possessive(words[end]):
            rest += f" {words[end].rstrip(',;:')}"
            end += 1
    return rest


_AUXILIARIES = {"will", "would", "can", "could", "may", "might", "should", "must", "shall"}
# words of a person's style after "the": "the Dalai Lama", "the Grand Mufti", "the Special One"
_HONOURED = {
    "lama",
    "mufti",
    "ayatollah",
    "sultan",
    "taoiseach",
    "reverend",
    "emir",
    "sheikh",
    "grand",
    "special",
    "aga",
    "khan",
    "imam",
    "rabbi",
    "pontiff",
    "patriarch",
}


# titles only a person bears, abbreviated as the press writes them before a surname
_PERSONAL_TITLES = (HONORIFICS - {"miss"}) | {
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "sir",
    "lord",
    "rev",
    "sgt",
}


def parse_speaker(phrase: str) -> tuple[str, str | None]:
    """(kind, name) of the words naming a speaker: "person" with the name, a pronoun
    ("pronoun", "he"), a definite description to resolve ("description", "the senator"),
    an organisation, or "unnamed" ("a spokesman", "Trump’s aides")."""
    words = phrase.split()
    while len(words) > 1 and words[-1] in _AUXILIARIES:  # lower case: not "Theresa May"
        words.pop()  # "the cardinal will (ask)", "Mr Kennedy would (say)"
    if len(words) > 1 and norm(words[-1]) in {"he", "she", "they"}:
        words = words[-1:]  # "(Speaking at) the London conference he (said)": he said it
    phrase = " ".join(words)
    if not words:
        return "none", None
    if norm(words[0]) in {"he", "she", "they", "we", "i"} and len(words) == 1:
        return "pronoun", words[0].lower()
    # the last capitalised run that is not a possessive: "Clinton’s top aide Jake Sullivan"
    runs: list[tuple[int, list[str]]] = []  # (where it starts, its words)
    current: list[str] = []
    for i, word in enumerate(words):
        capital = word[:1].isupper() or (
            bool(current) and word in PARTICLES and _capital_after(words[i + 1 : i + 3])
        )
        if capital and not is_possessive(word):
            current.append(word)
            continue
        if current:
            runs.append((i - len(current), current))
        current = []
        if capital:  # a possessive closes a run: "Smith’s"
            runs.append((i, ["’s"]))
    if current:
        runs.append((len(words) - len(current), current))
    determiner = norm(words[0]) in {
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
    indefinite = norm(words[0]) in {"a", "an", "one", "another", "some", "several", "many"}
    ends_in_name = bool(current) and not indefinite
    for at, run in reversed(runs if ends_in_name else []):
        if run == ["’s"]:
            break  # "Smith’s spokesman": the possessor is not the speaker
        name = name_words(run)
        opening = words[at - 1] if at else ""  # the word before the run
        if (
            opening in _NAME_LINKS
            and at >= 2
            and words[at - 2][:1].isupper()
            and not any(norm(w) in FIRST_NAMES for w in run)  # "Secretary of State John Kerry"
            and any(norm(w) in ORGANISATION_WORDS for w in _run_before(words, at - 1))
        ):
            continue  # "Elections" in "the Illinois Board of Elections": the run before it
        if opening.islower() and norm(opening) in ORGANISATION_WORDS and name == run:
            return "organisation", " ".join(name)  # "investment bank Merrill Lynch"
        # the titles end at the last title word: "FBI General Counsel James A. Baker"
        cut = max((i + 1 for i, w in enumerate(name[:-1]) if norm(w) in TITLES), default=0)
        name = name[cut:]
        if determiner and norm(run[-1]) in _ROLE_WORDS:
            return "description", phrase  # "the Utah Republican": a role, nobody named
        if len(name) == 1 and norm(name[0]) in UNNAMED_NOUNS:
            return "unnamed", phrase  # "Analysts said"
        if (
            at == 1
            and norm(words[0]) == "the"
            and name == run
            and len(name) == 2
            and not any(
                norm(w) in FIRST_NAMES or norm(w) in TITLES or norm(w) in _HONOURED or "-" in w
                for w in name
            )
            and not re.search(r"(?:er|ian|ese|ish|an)$", name[-1])  # "the New Zealander"
        ):
            # "said the Vox Populi (…) column", "the Wright Stuff": "the" before a name makes it
            # a body or a title, not a person
            return "organisation", " ".join(name) + _linked(words, at + len(run))
        if looks_like_person(name):
            return "person", " ".join(name)
        if (
            opening.islower()
            and norm(opening) in TITLES
            and name == run
            and 2 <= len(name) <= 3
            and not any(norm(w) in ORGANISATION_WORDS or w.isupper() for w in name)
            and not all(norm(w) in PLACE_WORDS for w in name)
        ):
            return "person", " ".join(name)  # "central bank governor Park Seung": a park is a word
        before_name = norm(run[-len(name) - 1]) if len(run) > len(name) else ""
        if (
            len(name) == 1
            and norm(name[0]) not in VERB_WORDS
            and (
                before_name in _PERSONAL_TITLES
                or (before_name in HONORIFICS and norm(name[0]) not in ORGANISATION_WORDS)
            )
        ):
            # "Mr Irish", "Mrs May", "Dr Fox", "Sen. Hall": a surname, whatever else it is
            return "person", name[0]
        if name and any(
            norm(w) in ORGANISATION_WORDS or (len(w.strip(".’'")) > 1 and w.isupper()) for w in name
        ):
            org = " ".join(w for w in run if norm(w) not in FUNCTION_WORDS or w[0].isupper())
            return "organisation", re.sub(r"^(?i:the)\s+", "", org) + _linked(words, at + len(run))
        if name and not determiner and len(run) == len(words) and looks_like_person(name[-1:]):
            return "person", " ".join(name)  # an unknown single word: "Pulvermann"
    head = norm(words[-1])
    issued = words[1:-1] if norm(words[0]) in {"a", "an", "the"} else []
    if (
        head in _WRITTEN
        and issued
        and all(w[:1].isupper() for w in issued)
        # "the Friday statement", "a French statement"; not "a BBC statement"
        and not all(norm(w) in PLACE_WORDS and not _ACRONYM.fullmatch(w) for w in issued)
        and norm(" ".join(issued)) not in _NOT_OWNERS  # "the US statement"
    ):
        # "a CAS statement", "an SFA statement", "a Capital Economics statement": the body's
        return "organisation", " ".join(issued)
    outlet = words[1:-1] if norm(words[0]) == "the" else words[:-1]
    if (
        outlet
        and words[-1].islower()
        and BODY_NOUNS.get(head) == "outlet"
        and all(w[:1].isupper() for w in outlet)
        and norm(outlet[0]) not in FUNCTION_WORDS
        # "the French newspaper", "the New York paper": which one, not its name
        and not all(norm(w) in PLACE_WORDS and norm(w) not in ORGANISATION_WORDS for w in outlet)
    ):
        return "organisation", " ".join(outlet)  # "Le Figaro newspaper", "the Herald newspaper"
    if (
        norm(words[0])
        in {"a", "an", "one", "another", "some", "two", "three", "several", "many", "other"}
        or head in UNNAMED_NOUNS
        or any(is_possessive(w) for w in words)
    ):
        if head in ORGANISATION_WORDS and norm(words[0]) == "the":
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
            word = LAST_WORD.search(text, max(floor, floor + m.start() - 30), floor + m.start())
            if word and ABBREVIATION.fullmatch(word.group(0)):
                continue  # "Ohio Gov. John Kasich"
        bounds.append(floor + m.end())
    bounds.append(at)
    return [(bounds[i - 1], bounds[i]) for i in range(len(bounds) - 1, 0, -1)]


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:for|to|with|against|about|from|by|on|at|of|than|toward|towards)[ \t]+"
    r"(?:(?:the|a|an)[ \t]+)?(?:(?:Mr|Mrs|Ms|Dr|Sen|Senator|Rep|Representative|Gov|Governor|Gen"
    r"|General|Sir|Lord|Lady|Prof|Professor|Rev|President|Judge|Justice|Mayor|Coach)\.?[ \t]+)?$"
)


def _subject_of(
    cast: Cast, text: str, start: int, end: int, possessors: bool = False
) -> list[Person]:
    """People named in a sentence as who might be "he": the subject of a reporting verb
    first, then the others in order, a possessor ("Trump’s accusation") last."""
    found: list[tuple[int, int, Person]] = []
    for person in cast.people:
        for at in person.mentions:
            if start <= at < end and (possessors or at not in person.possessive):
                rank = 0 if at in person.reporting else 3 if at in person.possessive else 1
                if rank == 1 and _PREPOSITION_BEFORE.search(text, max(0, at - 24), at):
                    rank = 2  # "after announcing his support for Donald Trump, Marco Rubio …"
                found.append((rank, at, person))
    found.sort(key=lambda item: (item[0], item[1]))
    return [person for _, _, person in found]


def _attested(person: Person) -> bool:
    """Known to be a person, not just a capitalised pair ("Lib Dems", "Woodhill Prison"):
    a gender cue, a title, or somewhere the subject of a reporting verb."""
    return bool(person.gender or person.roles or person.reporting or person.speaks)


# "A US Embassy spokesman said", "the band's spokesman added": someone described, never named,
# as the subject of a reporting verb
_UNNAMED_REPORTER = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w’'-]*(?:’s|'s))[ \t]+"
    rf"(?:[\w’'-]+[ \t]+){{0,3}}?(?P<noun>[a-z]+)[ \t]+(?:also[ \t]+)?{V}\b"
    # or after its verb: "…,” said a Juventus official, who declined to be named.
    rf"|\b(?:said|says|added|adds|explained)[ \t]+(?:an?|the)[ \t]+(?:[\w’'-]+[ \t]+){{0,3}}?"
    rf"(?P<after>official|spokesman|spokeswoman|spokesperson|source|aide)\b(?![ \t]*,?[ \t]+[A-Z])"
)


# a sentence closing on a description that reports what it said: "Mr Brown liked to rattle off
# …, the Tory leader said."
_DESCRIBED_REPORTER = re.compile(
    rf",[ \t]+(?:(?P<d>[Tt]he[ \t]+(?:[\w-]+[ \t]+){{0,3}}?[\w-]+)[ \t]+(?:also[ \t]+)?{V}"
    rf"|{V}[ \t]+(?P<d2>the[ \t]+(?:[\w-]+[ \t]+){{0,3}}?[\w-]+))[ \t]*[.!?]?[ \t\n]*$"
)


# a sentence opening on a description that reports or stands in apposition: "The home
# secretary said", "The home secretary, whose blueprint …, also rejected"
_DESCRIBED_SUBJECT = re.compile(
    rf"[\s\"“”]*(?P<d>[Tt]he[ \t]+(?:[a-z-]+[ \t]+){{0,2}}?[a-z-]+)"
    rf"(?=[ \t]*,|[ \t]+(?:also[ \t]+)?{V}\b)"
)


# a sentence whose subject is a description, not a name: "The 31-year-old was third behind
# Hayley Yelling and Justyna Bak": who it names are not who "she" is
_DESCRIPTION_OPENS = re.compile(
    r"[\s\"“”]*The[ \t]+(?:\d+-year-old|[a-z][\w-]*)(?:[ \t]+[a-z][\w-]*){0,2}?[ \t]+"
    r"(?:was|is|has|had|will|would|could|can|also|then|won|lost|took|made|came|became"
    r"|[a-z]+ed)\b"
)


_PRONOUN_REPORTS = re.compile(
    # "But he said Mr Blair had lost the trust …": a connective may come first
    rf"[\s\"“”]*(?:(?:But|And|Yet|So|Still|Later|Then|However,?)[ \t]+)?(?:[Hh]e|[Ss]he)[ \t]+"
    rf"(?:[a-z]+[ \t]+)?{V}\b"
)


def _unnamed_reporter(text: str, start: int, end: int, pronoun: str) -> bool:
    """The sentence's reporting subject is someone unnamed whom ``pronoun`` can stand for."""
    for m in _UNNAMED_REPORTER.finditer(text, start, end):
        noun = m.group("noun") or m.group("after")
        if noun in UNNAMED_NOUNS and not (pronoun == "he" and noun in FEMALE_TITLES):
            return not (pronoun == "she" and noun.endswith("man") and not noun.endswith("woman"))
    return False


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
    description: str = "",
) -> Person | None:
    """The person "he"/"she" refers to: going back sentence by sentence, the speaker of a
    quotation there or else the sentence's subject, when the gender cues agree (and, with
    ``among``, only one of those people; with a ``description``, "the candidate", nobody
    known to hold another post)."""

    def fits(person: Person) -> bool:
        return (
            _compatible(person, pronoun)
            and (among is None or person in among)
            and not (description and holds_another_post(person, description))
        )

    if pronoun not in {"he", "she", ""}:
        return None  # "" asks for whoever the passage is about ("the businessman")
    sentences = _sentences_before(text, max(body_start, at - 3000), at)
    # a possessor ("Bill Clinton’s hair was whiter") only when nobody else will do
    # (a description may be a possessor's: "Mr Blair's was asked … The prime minister told MPs")
    for possessors in (True,) if description else (False, True):
        for start, end in sentences:
            if end == at and description and not re.search(r"[.!?][”\"’']?\s*$", text[start:end]):
                # "Mr Blair denied it, and … the chancellor told reporters: “…”": a description
                # in the sentence leading into the quote is someone other than its subject,
                # whom the writer would have called "he"
                continue
            if end == at:
                # in the sentence leading into the quote, only who is named before "he"
                own = re.search(r"\b(?:[Hh]e|[Ss]he)\b", text[start:end])
                end = start + own.start() if own else end
            spoken = [p for q_at, p in speakers if start <= q_at < end]
            for person in reversed(spoken):
                if fits(person):
                    return person
            described = _DESCRIBED_SUBJECT.match(text, start, end) or _DESCRIBED_REPORTER.search(
                text, start, end
            )
            if described and among is None:
                # "The home secretary said …": the sentence's subject, named earlier by role
                phrase = next(v for v in described.groupdict().values() if v)  # "d" or "d2"
                role = resolve_description(phrase, cast, start)
                if role is not None and fits(role):
                    return role
            subjects = _subject_of(cast, text, start, end, possessors)
            # a name inside quotation marks the quote finder did not take (a quotation
            # re-opened and never closed) is the speaker's words, not who "he" is:
            # "… so Tony Blair, Michael Howard and myself were all class of '83 …" (but a
            # sentence is not taken to begin inside one: ”get close to Ben …” is a typo's)
            if subjects and any(mark in text[start:end] for mark in quotemarks.MARKS):
                mask = quotemarks.quoted(text[start:end], begins_inside=False)
                subjects = [
                    p
                    for p in subjects
                    if not all(mask[a - start] for a in p.mentions if start <= a < end)
                ]
            if (
                among is None
                and _DESCRIPTION_OPENS.match(text, start, end)
                and not VERB_WORD.search(text, start, end)  # "…, said Sun's Jonathan Schwartz"
            ):
                subjects = [p for p in subjects if any(start <= a < end for a in p.reporting)]
            if _PRONOUN_REPORTS.match(text, start, end):
                # "He said that Mr Houston may be interviewed.": "he" goes on from an earlier
                # sentence; someone only mentioned here is not who "he" is
                subjects = [p for p in subjects if any(start <= a < end for a in p.reporting)]
            reporting = any(
                a in p.reporting and start <= a < end for p in subjects for a in p.mentions
            )
            if among is None and not reporting and _unnamed_reporter(text, start, end, pronoun):
                return None  # “…,” he added, after “A US Embassy spokesman said: …”
            for person in subjects:
                if fits(person) and not (
                    person.gender is None
                    and ((pronoun == "she" and len(cast.people) > 1) or not _attested(person))
                ):
                    return person
    for person in cast.people:  # a headline-only name
        if person.mentions and min(person.mentions) < 0 and fits(person):
            return person
    return None


_LESSER = {"deputy", "vice"}  # the lesser posts' words a person's roles can hold (titles.txt)


def resolve_description(description: str, cast: Cast, at: int) -> Person | None:
    """ "the senator" -> the person introduced as "Sen. ..." most recently before ``at``."""
    words = [norm(w) for w in description.split()]
    head = words[-1] if words else ""
    if (
        head not in TITLES
        and head not in {ABBREVIATED_TITLES.get(w, w) for w in TITLES}
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
        if (person.roles & _LESSER) - set(words):
            continue  # "the prime minister" is not Deputy Prime Minister John Prescott
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


_INTRODUCED_WINDOW = 600  # how far back "an Abraham Lincoln impersonator" introduces someone


def introduced_unnamed(description: str, text: str, at: int) -> bool:
    """ "the Lincoln actor" after "an Abraham Lincoln impersonator": the description's
    capitalised word was last seen in someone introduced as "a"/"an", whom the story never
    names."""
    words = [w for w in description.split()[1:-1] if w[:1].isupper()]
    if not words:
        return False
    word = re.escape(words[-1])
    # not the description itself, when it leads into its quotation ("The Lincoln actor said:")
    own = text.rfind(description, max(0, at - 200), at)
    at = own if own >= 0 else at
    lo = max(0, at - _INTRODUCED_WINDOW)
    seen = list(re.finditer(rf"\b{word}\b", text[lo:at]))
    if not seen:
        return False
    last = seen[-1]
    before = text[max(lo, lo + last.start() - 40) : lo + last.start()]
    return bool(re.search(r"\b(?:[Aa]n?|[Oo]ne)[ \t]+(?:[\w’'-]+[ \t]+){0,2}$", before))


def refers_back(description: str) -> bool:
    """ "the businessman", "the 43-year-old", "the former Florida governor": a definite
    description of a person the story has named (not "the official", who may never be
    named)."""
    words = [norm(w) for w in description.split()]
    if len(words) < 2 or words[0] != "the" or len(words) > 6:
        return False
    head = words[-1]
    return head in PERSON_NOUNS or head in TITLES or bool(re.fullmatch(r"\d+-year-old", head))


# offices one person holds at a time: "the prime minister" is not the story's mayor
_POSTS = {
    "minister",
    "president",
    "mayor",
    "governor",
    "chancellor",
    "secretary",
    "senator",
    "candidate",
    "nominee",
}


# one race: "the candidate" may be the story's nominee
_SAME_POST = {"candidate": {"candidate", "nominee"}, "nominee": {"candidate", "nominee"}}


def holds_another_post(person: Person, description: str) -> bool:
    """``description`` ("the prime minister") names an office, and the person is known to
    hold another one ("London mayor Ken Livingstone")."""
    head = norm(description.split()[-1])
    same = _SAME_POST.get(head, {head})
    return head in _POSTS and bool((person.roles & _POSTS) - same)


def kind_of_name(name: str) -> str:
    words = [norm(w) for w in name.split()]
    if any(w in ORGANISATION_WORDS for w in words):
        return "organisation"
    return "person"


# what speaks for an organisation it does not name: "the company said", "the report said",
# "said the magazine"; the owner is named before it
_OWNED = {
    "report",
    "study",
    "survey",
    "statement",
    "release",
    "editorial",
    "poll",
    "research",
    "analysis",
    "review",
    "memo",
    "paper",
    "magazine",
    "newspaper",
    "journal",
    "website",
    "company",
    "companies",
    "firm",
    "firms",
    "organisation",
    "organization",
    "agency",
    "ministry",
    "department",
    "bank",
    "union",
    "committee",
    "commission",
    "council",
    "board",
    "institute",
    "charity",
    "watchdog",
    "regulator",
    "body",
    "group",
    "alliance",
    "association",
    "federation",
    "foundation",
    "coalition",
}
_OWNER_WINDOW = 1000  # how far before the quotation its owner may be named
_TIED_WINDOW = 4000  # how far before it "the World Bank report" still names "the report"
_ORG_WORD = r"[A-Z](?:[\w&’'-]|\.(?=\w))*"  # "U.S", not "PCs." before the next sentence
_ORG_RUN = re.compile(
    rf"(?<![\w’'.-])(?:[Tt]he[ \t]+)?{_ORG_WORD}"
    rf"(?:[ \t]+(?:(?:of|for|and|on|&)[ \t]+)?{_ORG_WORD})*"
)
_SINGULAR = {"companies": "company", "firms": "firm"}  # the plurals in _OWNED
_OUTLETS = {n for n, kind in BODY_NOUNS.items() if kind == "outlet"}  # named with their noun
_ACRONYM = re.compile(r"[A-Z][A-Z&-]{1,6}s?")
_NOT_OWNERS = {"us", "uk", "usa", "ceo", "gmt", "am", "pm"}  # "TV" is a place word


def _bare(run: str) -> str:
    """A name without a leading article, and cut at a possessive: "The Advocate's Friday" is
    "Advocate"."""
    run = re.split(r"(?:’s|'s)\b", run)[0]
    # "the Royal Bank of Scotland on Friday": a day or month after a connective is not the
    # name ("the Department of State" keeps its state)
    run = re.sub(r"[ \t]+(?:of|for|and|on|&)[ \t]+([A-Z][\w’'-]*)$", _dated, run.strip())
    return re.sub(r"^(?:[Tt]he|An?)[ \t]+", "", run)  # "An IFS study": "IFS"


def _dated(found: re.Match[str]) -> str:
    return "" if norm(found[1]) in CALENDAR_WORDS else found[0]


_DESCRIBING = re.compile(r"[A-Z][\w’']*-[a-z][\w-]*")  # "Paris-based", "US-led"


def _owner(run: str, cast: Cast, *, tied: bool) -> str | None:
    """The run as an organisation's name, when it can be one: not a person of the cast, not
    "US" or "UK"; untied to the description's noun, only an acronym ("IMF") or a name with an
    organisation word ("the World Bank")."""
    bare = _bare(run)
    words = bare.split()
    if not words or norm(bare) in _NOT_OWNERS or norm(words[0]) in FUNCTION_WORDS:
        return None
    if _DESCRIBING.fullmatch(words[-1]):
        return None  # "The Paris-based pressure group": a word describing it, not its name
    organisation = any(norm(w) in ORGANISATION_WORDS for w in words)
    if all(norm(w) in PLACE_WORDS for w in words) and not organisation:
        return None  # "Friday", "London"; not "World Bank"
    if any(p.surname == norm(words[-1]) for p in cast.people):
        return None
    if tied or organisation or _ACRONYM.fullmatch(bare):
        return bare
    return None


def _ends(pattern: str, text: str, lo: int, at: int) -> set[int]:
    """Where in ``text`` the matches of ``pattern`` in ``text[lo:at]`` end (or end but for a
    newline), so that a name starting there follows them: one pass, not a search per name."""
    ends = set()
    for found in re.finditer(pattern, text[lo:at]):
        ends.add(lo + found.end())
        if text[lo + found.end() : lo + found.end() + 1] == "\n":
            ends.add(lo + found.end() + 1)
    return ends


_INTRODUCED_ONLY = {"group"}  # a crowd as often as a body: only a name the text introduced
_INTRODUCED = re.compile(rf"\b([a-z]+),?[ \t]+({_ORG_RUN.pattern})")


def owner_before(description: str, text: str, at: int, cast: Cast) -> str | None:
    """The organisation a description such as "the company", "the report" or "the magazine"
    speaks for: the nearest name before ``at`` tied to the description's own noun ("the World
    Bank report", "US magazine Mobile PC", "a report by the IMF"), else the nearest
    organisation named (an acronym, or a name with an organisation word such as "Bank")
    within ``_OWNER_WINDOW`` characters. None when no such name is there."""
    words = description.split()
    if len(words) != 2 or norm(words[0]) != "the" or norm(words[1]) not in _OWNED:
        return None
    noun = norm(words[1])
    singular = _SINGULAR.get(noun, noun)
    forms = {
        noun,
        singular,
        singular + "s",
        singular[:-1] + "ies" if singular.endswith("y") else "",
    }
    named_as = "(?:" + "|".join(sorted(f for f in forms if f)) + r")\b"  # "report", not "reporter"
    noun_after = re.compile(rf"(?:’s|'s)?[ \t]+(?:\w+[ \t]+)?{named_as}")  # "World Bank report"
    lo = max(0, at - _TIED_WINDOW)
    after_noun = _ends(rf"\b{named_as}[ \t]+(?:(?:by|from)[ \t]+)?", text, lo, at)  # "report by"
    tied = None
    for found in _ORG_RUN.finditer(text, lo, at):
        its_words = _bare(found.group(0)).split()
        # "the Finance and Economy Ministry" … "the ministry": the name ends in the noun (not
        # "UnitedHealth Group" … "the trade group for …, the group wrote")
        ends_in_noun = (
            len(its_words) > 1 and norm(its_words[-1]) in forms and noun not in _INTRODUCED_ONLY
        )
        if noun_after.match(text, found.end(), at) or found.start() in after_noun or ends_in_noun:
            name = _owner(found.group(0), cast, tied=True)
            if name and norm(name) not in forms:
                tied = name
    if tied:
        return tied
    if noun in _OUTLETS:
        return None  # "the newspaper" is one the story names as a newspaper, or not known
    lo = max(0, at - _OWNER_WINDOW)
    after_told = _ends(r"\btold[ \t]+", text, lo, at)
    kind = BODY_NOUNS.get(singular)
    introduced = introduced_organisations(text, at) if kind is not None else {}
    for found in reversed(list(_ORG_RUN.finditer(text, lo, at))):
        if found.start() in after_told:
            continue  # "told the BBC": who was told does not speak
        tie = noun in _SINGULAR and " and " in found.group(0)  # "EADS and BAE" … "the companies"
        bare = _bare(found.group(0))
        known = noun not in _SINGULAR and kind is not None and introduced.get(bare) == kind
        if noun in _INTRODUCED_ONLY and not known:
            continue  # "the group shouted": a crowd, unless the text named a group
        name = _owner(found.group(0), cast, tied=tie or known)
        if name and norm(name) not in forms:
            return name
    return None


_ISSUED = re.compile(
    r"(?<![\w’'.-])(?P<name>(?:[A-Z][\w’'.-]*[ \t]+){0,3}[A-Z][\w’'.-]*)"
    r"(?:,[^,.;:\"“”]{1,60},)?[ \t]+"  # ", the council's press secretary,"
    r"(?:(?:has|had|also|later|then)[ \t]+)?"
    r"(?:issued|released|provided|put[ \t]+out|sent|gave|published|e-?mailed)[ \t]+"
    r"(?:a|an|the|its|his|her|their)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:statement|release)\b"
)
_WHEN = {"yesterday", "today", "tonight", "tomorrow", "earlier", "later", "meanwhile", "now"}
_ISSUED_WINDOW = 600  # how far before "the statement said" its issuer may be named


def issuer_before(description: str, text: str, at: int, cast: Cast) -> Person | str | None:
    """Who issued "the statement" (or "the release") a quotation is read from: the nearest
    "X issued / released / provided / put out / sent … a statement" before ``at`` ("The Times
    said Cook provided a written statement"): X's person in the cast, else X as an
    organisation's name. None when no issuer is named so close."""
    words = description.split()
    if not 2 <= len(words) <= 3 or norm(words[0]) not in {"the", "a", "its", "his", "her", "their"}:
        return None
    if norm(words[-1]) not in _WRITTEN or any(w[:1].isupper() for w in words[1:]):
        return None
    found = next(reversed(list(_ISSUED.finditer(text, max(0, at - _ISSUED_WINDOW), at))), None)
    if found is None:
        return None
    words = found["name"].split()
    while words and norm(words[0]) in FUNCTION_WORDS | CALENDAR_WORDS | _WHEN:
        words.pop(0)  # "Yesterday Harbour Rail issued …", "The Times said Cook provided …"
    if not words:
        return None
    name = " ".join(words)
    if looks_like_person(words) and (person := cast.find(name, None, at)) is not None:
        return person
    return _owner(name, cast, tied=True)


def introduced_organisations(text: str, at: int) -> dict[str, str]:
    """The names ``text`` introduces before ``at`` as a body's with a noun right before them,
    and the kind of body the noun says (:data:`names.BODY_NOUNS`): "Game maker Valve" makes
    "Valve" a company."""
    found_kinds: dict[str, str] = {}
    for found in _INTRODUCED.finditer(text, 0, at):
        name = _bare(found.group(2))
        if found.group(1) in BODY_NOUNS and name and norm(name.split()[0]) not in FIRST_NAMES:
            found_kinds[name] = BODY_NOUNS[found.group(1)]  # not "maker Nick Broomfield"
    return found_kinds
