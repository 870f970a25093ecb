"""The words and patterns that name people and report speech, shared by the quote finder
(:mod:`digest.analysis.candidates`, :mod:`digest.analysis.quotes`), the story's cast
(:mod:`digest.analysis.cast`), who said it (:mod:`digest.analysis.speakers`) and the key quote
(:mod:`digest.analysis.keyquote`).

The word lists are data: one ``.txt`` file each beside this module (one word a line, a ``#``
header saying what the list is for), read once when the module is imported.
"""

from __future__ import annotations

import re
from pathlib import Path


def word_list(name: str) -> frozenset[str]:
    """The words of the list ``name`` shipped beside this module (``#`` lines are comments)."""
    path = Path(__file__).with_name(name)
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for word in words if word and not word.startswith("#"))


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
    "demands|retorted|snapped|scoffed|shot back|fired back|reported|reports|"
    "reporting|questioned|announce|announcing|declare|add|ask|note|write|tweet|quoted|"
    "quoting|recounts|texted|emailed|e-mailed|messaged|summed up|put it"
)
V = rf"(?i:{VERBS})"
VERB_WORD = re.compile(rf"\b{V}\b")  # a reporting verb anywhere: "…, said Jonathan Schwartz"
PRONOUNS = {"he", "she", "they", "i", "we", "it"}
# the small words inside a name ("Robin van Persie", "Jurgen den Hartog")
PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "del",
        "du",
        "dos",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
        "la",
        "le",
    }
)
PARTICLE = rf"\b(?:{'|'.join(sorted(PARTICLES))})(?=[ \t]+[A-Z])"
# A period ends a name word only after an initial ("John F. Kennedy") or a title ("Sen. Jane
# Doe"): after any other word it ends the sentence ("said Elena Marsh. Work began...").
TITLE_ABBREVIATION = (
    r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Cmdr|Rev|Fr|St|Hon|Pres"
    r"|Supt|Insp|Det|Jr|Sr)"
)
NAME_WORD = rf"(?:(?:[A-Z]|{TITLE_ABBREVIATION})\.(?=[ \t]+[A-Z])|[A-Z][\w’'-]*|{PARTICLE})"
NAME = rf"(?<![\w’'-]){NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,5}}"
DESCRIPTION = r"(?:(?:the|a|an|his|her|their|one|another|[A-Z][\w’'-]*’s|[A-Z][\w’'-]*'s)[ \t]+)"
NOUN_PHRASE = (
    r"(?<![\w’'-])(?i:the|an?|his|her|their|one|another)[ \t]+[\w’'-]+"
    r"(?:[ \t]+(?!(?:and|or|but|by|on|in|at|to|for|with|from)\b)[\w’'-]+){0,4}"
)
MENTION = re.compile(NAME)
# the word lists (each file's header says what it is for)
TITLES = word_list("titles.txt")
SENTENCE_WORDS = word_list("sentence_words.txt")
FUNCTION_WORDS = SENTENCE_WORDS | word_list("function_words.txt")
CALENDAR_WORDS = word_list("calendar_words.txt")
NOT_PERSON = word_list("not_person.txt") | CALENDAR_WORDS
PLACE_WORDS = NOT_PERSON | word_list("place_words.txt")
NUMBER_WORDS = word_list("number_words.txt")
ORGANISATION_WORDS = word_list("organisation_words.txt")
UNNAMED_NOUNS = word_list("unnamed_nouns.txt")
PERSON_NOUNS = word_list("person_nouns.txt")
MALE_TITLES = word_list("male_titles.txt")
FEMALE_TITLES = word_list("female_titles.txt")
STOP_AFTER_NAME = word_list("stop_after_name.txt")
# What kind of body a lowercase noun names. Right before a name it introduces the name as
# that body's ("human rights watchdog Reporters Without Borders", "Game maker Valve", "US
# magazine Rolling Stone"): the name is no person, and "the company" or "the group" may point
# back to it when it was introduced as its own kind (a carmaker is a company, a watchdog a
# group), not to any.
_BODY_KINDS = {
    # not "developer", "publisher", "broadcaster": "Florida developer Mel Sembler" is a man
    "company": "company firm maker makers housebuilder retailer carmaker lender insurer giant"
    " chain label studio bank",
    "group": "group organisation organization watchdog charity body alliance association"
    " federation foundation coalition",
    "outlet": "magazine newspaper paper journal website",
}
# a public body is only its own kind: "the ministry" is no charity introduced before it
_OWN_KIND = (
    "union agency institute committee commission council board regulator ministry department"
)
BODY_NOUNS = {noun: kind for kind, nouns in _BODY_KINDS.items() for noun in nouns.split()} | {
    noun: noun for noun in _OWN_KIND.split()
}
HONORIFICS = {"mr", "mrs", "ms", "miss"}
# a peerage or a knighthood is part of how the press names someone: "Lord Goldsmith" (who has
# no other name in the copy), "Sir Anthony O'Reilly" ("Lady" is left out: "First Lady Michelle
# Obama")
HONOURS = {"lord", "baroness", "sir", "dame"}  # not "baron": Martin Baron is a surname
# title words that are also surnames: "King said" may be Rep. Peter King
TITLE_SURNAMES = {"king", "bishop", "dean", "judge", "prince", "young"}
VERB_WORDS = {w for w in VERBS.split("|") if " " not in w}


# first name -> "m" or "f" (each line of the list: the gender, then the name)
FIRST_NAMES = {name: gender for gender, name in map(str.split, word_list("first_names.txt"))}


def norm(word: str) -> str:
    return word.strip(".,’'").casefold()


def is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "s’", "s'"))


def without_possessive(word: str) -> str:
    """ "Clinton’s" -> "Clinton", "Jones'" -> "Jones"."""
    return re.sub(r"(?:’s|'s|’|')$", "", word)


def first_and_surname(words: list[str]) -> bool:
    """Two words, the first a known first name: "Dean Goldfine", "Will Davies" keep a first
    name that is also a title or a word."""
    return len(words) == 2 and norm(words[0]) in FIRST_NAMES


def name_words(words: list[str]) -> list[str]:
    """A capitalised run cut to the name: leading function words and titles dropped."""
    words = [w.strip("’'\"“”") for w in words]
    while words and (
        norm(words[0]) in FUNCTION_WORDS or (norm(words[0]) in TITLES and len(words) > 1)
    ):
        if first_and_surname(words):
            break
        words = words[1:]
    return [w for w in words if w]


_SURNAMES = {"may", "dear", "long", "little", "rich"}  # function words that are also surnames


# a headline's reporting verb after a first name: "John Said", "Kate Says", "Donald Tweeted"
_REPORTS = frozenset(
    {"said", "says", "tweeted", "tweets", "told", "tells", "added", "adds", "asked", "asks"}
)


# the last word of an event or a place named after someone, never of the person's name
_EVENT_WORDS = frozenset(
    {"memorial", "trophy", "lecture"}  # ("cup", "prize", "stadium" … are in other lists)
)


def looks_like_person(words: list[str]) -> bool:
    if not words or len(words) > 4:
        return False
    if len(words) == 1 and norm(words[0]) in TITLES - TITLE_SURNAMES:
        return False  # "Republican", "Senator"
    if norm(words[-1]) in _EVENT_WORDS:
        return False  # "Jose M Cagigal Memorial": a meeting named after someone
    if any(len(w.strip(".’'")) >= 2 and w.isupper() for w in words):
        return False  # "IAAF", "BBC": an acronym names an organisation
    if any(re.fullmatch(r"[A-Z]{2,}s", w) for w in words):
        return False  # "MPs", "MEPs": a plural of one, no one's name
    # after a known first name, a surname may be a word of the lists ("Mike Lake", "Jeremy
    # Dear", "Oliver Irish"), but not a day or a month other than May ("said Clinton Friday")
    surname = norm(words[-1])
    named = (
        len(words) == 2
        and norm(words[0]) in FIRST_NAMES
        and norm(words[0]) not in PLACE_WORDS
        and surname not in CALENDAR_WORDS - {"may"}
    )
    if any(norm(w) in PLACE_WORDS for w in (words[:1] if named else words)):
        return False
    if norm(words[0]) not in FIRST_NAMES and any(norm(w) in ORGANISATION_WORDS for w in words[1:]):
        return False  # "Continental Airlines", not "Margaret Court"
    if (
        any(norm(w) in NUMBER_WORDS or norm(w) in VERB_WORDS for w in words[1:] if not named)
        or norm(words[0]) in NUMBER_WORDS
        or norm(words[0]) in VERB_WORDS
        or (named and norm(words[-1]) in _REPORTS)  # "John Said", "Donald Tweeted"
    ):
        # "Marsh Tweeted"; "Biden Aims Insult At Trump": a headline, not a name (but after a
        # known first name the surname may be a verb's word: "Mike Read")
        return False
    if any(norm(w) in FUNCTION_WORDS for w in (words[1:] if named else words)) and not (
        named and surname in _SURNAMES
    ):
        return False
    if norm(words[0]) in FUNCTION_WORDS and surname in PLACE_WORDS | ORGANISATION_WORDS:
        return False  # "Will Davies" is a name; "Will Britain" and "Will Labour" are not
    return all(w[:1].isupper() or w in PARTICLES for w in words[:-1]) and words[-1][:1].isupper()


def person_like(run: str) -> bool:
    """A capitalised run that names a person once titles are dropped ("Republican pollster
    Daron Shaw" has "Daron Shaw"; "Washington Post" has no one)."""
    words = run.split()
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if norm(w) in TITLES), default=0)
    return looks_like_person(name_words(words[cut:]))


def strip_titles(name: str) -> str:
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower().strip(".") in TITLES:
            return " ".join(words[i + 1 :])
    return name


def strip_titles_but_honorific(name: str) -> str:
    """Titles dropped, but "Mr."/"Mrs."/"Ms." kept: they tell who a surname is."""
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower().strip(".") in TITLES:
            keep = i if words[i].lower().strip(".") in HONORIFICS and i + 1 < len(words) else i + 1
            return " ".join(words[keep:])
    return name


# surnames a reader takes for an adverb or a participle by their ending
_SURNAMES_LIKE_ADVERBS = frozenset(
    {"manning", "golding", "browning", "fielding", "reilly", "daly", "conolly", "cowling"}
)


def names_in(span: str) -> list[re.Match[str]]:
    """Names in a span, without sentence-initial words that only look like names."""
    found = []
    for m in MENTION.finditer(span):
        words = m.group(0).split()
        first = words[0].lower()
        if first in SENTENCE_WORDS or (
            len(words) == 1
            and ((first.endswith("ing") and len(first) > 4) or first.endswith("ly"))  # "King"
            and first not in FIRST_NAMES  # "Kelly said"
            and first not in _SURNAMES_LIKE_ADVERBS
        ):
            continue  # "Finally", "Speaking": not a name
        if all(w.lower().strip(".") in NOT_PERSON or w.lower() in NUMBER_WORDS for w in words):
            continue  # "Thursday", "Eight years ago", "Fox"
        found.append(m)
    return found


WORD = re.compile(r"[\w’'-]+")  # a word as the name and quote rules count it
LAST_WORD = re.compile(r"[\w’'-]+$")
_PHRASE_END = re.compile(r"[,;:!?()\n\"“”—–.]")
ABBREVIATION = re.compile(rf"(?:[A-Z]|{TITLE_ABBREVIATION})")


def speaker_phrase(text: str) -> str:
    """The words naming a speaker, up to the first punctuation or preposition."""
    cut = None
    for m in _PHRASE_END.finditer(text):
        before = (
            LAST_WORD.search(text, max(0, m.start() - 30), m.start()) if m.group(0) == "." else None
        )
        if before and ABBREVIATION.fullmatch(before.group(0)):
            continue  # "Sen." or an initial goes on: "said Sen. Jane Doe"
        cut = m
        break
    words = (text[: cut.start()] if cut else text).split()
    out: list[str] = []
    for word in words:
        key = norm(word)
        if key in STOP_AFTER_NAME and out:
            break
        if key == "of" and out and norm(out[-1]) not in TITLES:
            break  # "Phil Bryant of Mississippi", but "Secretary of State John Kerry"
        out.append(word)
    return " ".join(out[:12])


def is_name(who: str) -> bool:
    return who[:1].isupper() and who.lower() not in PRONOUNS and not re.match(DESCRIPTION, who)
