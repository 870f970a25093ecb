"""Direct quotations, their speakers, and the key quote an editor would pull.

Quote marks are classified by context rather than shape, because real text mixes straight,
curly and wrongly-curled marks. A quote is attributed from the words right after it
("…,” he said) or right before it (Name said: “…”); pronouns resolve to the nearest person
named before the quote as the subject of a reporting verb, and a surname resolves to the full
name the story introduced.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .models import Article, Quote

OPENERS = "«„‚"
CLOSERS = "»"
MARKS = '"“”«»„‟'
_OPEN_CONTEXT = set(" \t\n([{—–-/")

VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|stated|states|explained|explains|wrote|"
    "writes|noted|notes|insisted|insists|warned|warns|argued|argues|declared|declares|replied|"
    "replies|continued|continues|recalled|recalls|admitted|admits|claimed|claims|announced|"
    "announces|suggested|suggests|joked|jokes|conceded|concedes|acknowledged|acknowledges|"
    "remarked|remarks|observed|observes|tweeted|posted|commented|comments|urged|urges|promised|"
    "promises|vowed|vows|predicted|predicts|emphasised|emphasized|stressed|stresses|cautioned|"
    "cautions|laughed|shouted|recounted|wondered|agreed|agrees|countered|counters|"
    "confirmed|confirms|pointed out|points out|went on|would say|has said|had said"
)
PRONOUNS = {"he", "she", "they", "i", "we"}
_PARTICLE = r"\b(?:de|da|van|von|der|del|bin|al|la|le)(?=[ \t]+[A-Z])"
_NAME_WORD = rf"(?:[A-Z][\w’'-]*(?:\.(?=[ \t]+[A-Z]))?|{_PARTICLE})"
NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,5}}"
_WHO = rf"(?P<who>[Hh]e|[Ss]he|[Tt]hey|{NAME})"
_AFTER = re.compile(
    rf"[ \t]*[,—–-]?[ \t]*(?:(?:[a-z][\w-]*[ \t]+){{0,3}}?{_WHO}[ \t]+(?:{VERBS})\b"
    rf"|(?:{VERBS})[ \t]+{_WHO.replace('who', 'who2')}"
    rf"|according[ \t]+to[ \t]+{_WHO.replace('who', 'who3')})"
)
_BEFORE = re.compile(
    rf"(?:{_WHO}[ \t]+(?:{VERBS})(?:[ \t]+[\w’'-]+){{0,4}}|according[ \t]+to[ \t]+"
    rf"{_WHO.replace('who', 'who2')})[ \t]*[:,]?[ \t]*$"
)
_SUBJECT_MENTION = re.compile(rf"(?P<who>{NAME})[ \t]+(?:{VERBS})\b")
_MENTION = re.compile(NAME)
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
}
TITLES = {
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
}
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|we|We|my|My|our|Our|me|us)\b")
_WORD = re.compile(r"[\w’'-]+")


def _is_open(text: str, i: int) -> bool:
    mark = text[i]
    if mark in OPENERS:
        return True
    if mark in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before in _OPEN_CONTEXT and not after.isspace():
        return True
    if after.isspace() or after in ",.;:!?)—–-" or not before.isspace():
        return False
    return mark in "“‟"


def find_spans(text: str) -> list[tuple[tuple[int, int], ...]]:
    """Spans of quotations (marks included). A quote that runs on across paragraphs (no
    closing mark at the paragraph's end, an opening mark at the next one's start) is one quote
    made of several parts."""
    found: list[tuple[tuple[int, int], ...]] = []
    parts: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char == "\n" and start is not None and text[i : i + 2] == "\n\n":
            rest = text[i:].lstrip("\n")
            if rest[:1] in MARKS and _is_open(text, len(text) - len(rest)):
                parts.append((start, i))  # continues in the next paragraph
            else:
                parts = []
            start = None
        if char not in MARKS:
            continue
        if _is_open(text, i):
            start = i
        elif start is not None:
            found.append((*parts, (start, i + 1)))
            parts, start = [], None
    return found


def _inner(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """The quoted words without their marks; a trailing comma before "he said" is dropped."""
    inner = " ".join(text[a + 1 : b - (text[b - 1] in MARKS)].strip() for a, b in parts)
    return " ".join(inner.split()).rstrip(" ,;:")


def _strip_titles(name: str) -> str:
    words = name.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower().strip(".") in TITLES:
            return " ".join(words[i + 1 :])
    return name


def full_name(name: str, text: str) -> str:
    """The name as the story first introduced it: "Zelensky" -> "Volodymyr Zelensky"."""
    name = _strip_titles(name)
    if not name:
        return name
    last = name.split()[-1]
    for match in re.finditer(rf"{NAME}", text):
        words = _strip_titles(match.group(0)).split()
        if last in words:
            candidate = " ".join(words[: words.index(last) + 1])
            if len(candidate.split()) > len(name.split()) and candidate.endswith(name):
                return candidate
    return name


def _who(match: re.Match[str]) -> str:
    return next(v for k, v in match.groupdict().items() if k.startswith("who") and v)


def _person_before(text: str, position: int, named: list[tuple[int, str]]) -> str | None:
    """The nearest person named before ``position``: as a quote's speaker or as the subject of
    a reporting verb ("Zelensky said ...")."""
    best: tuple[int, str] | None = None
    for at, name in named:
        if at < position and (best is None or at > best[0]):
            best = (at, name)
    return best[1] if best else None


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in the body, with its speaker where the text says who."""
    text = article.body
    quotes: list[Quote] = []
    named: list[tuple[int, str]] = []
    spans = find_spans(text)
    quoted = [(p[0][0], p[-1][1]) for p in spans]
    for m in _MENTION.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue  # a name inside a quotation is not who speaks
        words = _strip_titles(m.group(0)).split()
        while words and words[0].lower() in SENTENCE_WORDS:
            words = words[1:]
        who = " ".join(words)
        if 2 <= len(words) <= 4 and not any(w.lower().strip(".") in NOT_PERSON for w in words):
            named.append((m.start(), who))
    for m in _SUBJECT_MENTION.finditer(text):
        who = _strip_titles(m.group("who"))
        if who and who.lower() not in PRONOUNS and who.split()[0].lower() not in {"the", "a"}:
            named.append((m.start(), who))
    previous_end = 0
    for parts in spans:
        start, end = parts[0][0], parts[-1][1]
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        after = _AFTER.match(text, end, line_end)
        before = _BEFORE.search(text[max(line_start, previous_end) : start])
        as_written = _who(after) if after else _who(before) if before else None
        quote = Quote(
            text=_inner(text, parts),
            speaker=None,
            speaker_as_written=as_written,
            start=start,
            end=end,
            parts=parts,
        )
        between = text[previous_end:start]
        glue = _AFTER.match(between) if quotes and "\n" not in between else None
        if glue and re.fullmatch(r"[ \t]*[,;.]?[ \t]*", between[glue.end() :]):
            prev = quotes[-1]
            if re.search(r"[,;]", between[glue.end() :]):
                # “A,” she said, “B.” is one quotation split around its attribution
                joined = (*prev.parts, *parts)
                quotes[-1] = replace(prev, text=_inner(text, joined), end=end, parts=joined)
                previous_end = end
                continue
            # “A,” Zelensky said. “B.”: the next sentence has the same speaker
            quote = replace(quote, speaker_as_written=prev.speaker_as_written)
        quotes.append(quote)
        previous_end = end
    context = f"{article.title}\n{article.dek}\n{text}"
    resolved = []
    for quote in quotes:
        who = quote.speaker_as_written
        speaker = None
        if who and who.lower() in PRONOUNS:
            if who.lower() in {"he", "she", "they"}:
                person = _person_before(text, quote.start, named)
                speaker = full_name(person, context) if person else None
        elif who:
            speaker = full_name(who, context)
            named.append((quote.start, speaker))
        resolved.append(replace(quote, speaker=speaker or None))
    return tuple(resolved)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def score(quote: Quote) -> float:
    """How much an editor would want this quote as the story's pull quote."""
    words = _words(quote.text)
    if words < 4 or quote.speaker is None:
        return float("-inf")  # scare quotes, titles, fragments, anonymous voices
    value = 3.0
    if quote.speaker_as_written and quote.speaker_as_written.lower() not in PRONOUNS:
        value += 1  # the text names the speaker right there
    if 6 <= words <= 40:
        value += 2
    elif words > 60:
        value -= 1
    if quote.text[:1].isupper():
        value += 0.5  # a whole sentence, not a fragment picked out of one
    if _FIRST_PERSON.search(quote.text):
        value += 1  # the speaker's own voice
    return value


def key_quote(quotes: tuple[Quote, ...]) -> Quote | None:
    """The quote a reader remembers: named speaker, whole thought, not too long; earliest wins."""
    best: Quote | None = None
    best_score = float("-inf")
    for quote in quotes:
        value = score(quote)
        if value > best_score:
            best, best_score = quote, value
    return best
