"""What is not a summary sentence: news copy around the story rather than the story.

Datelines are cut off the front of a sentence; bylines, date lines, picture captions and
credits, "Also read" lines, live-blog chrome, interview questions and speaker prefixes,
title-case headings and bare quotation fragments are never summary sentences.
"""

from __future__ import annotations

import re

from digest.analysis.names import PARTICLES
from digest.analysis.quotemarks import outside_quotes
from digest.text import is_also_read

MIN_WORDS = 4  # shorter "sentences" (captions, datelines, fragments) are never summary lines

_CAPS = r"[A-Z][A-Z.'’-]+"
_NAME = r"[A-Z][\w.'’-]*"
# "LONDON (Reuters) - ", "NEW DELHI, Nov 26 (PTI) — ", "KYIV, Ukraine — ", "(CNN) — "
_DATELINE = re.compile(
    rf"^(?:{_CAPS}(?:\s+{_CAPS}){{0,3}}(?:\s*,\s*{_NAME}(?:\s+[\w.'’-]+){{0,3}})?\s*(?:\([^()]{{1,30}}\))?"
    rf"|{_NAME}(?:\s+{_NAME}){{0,2}}(?:\s*,\s*[\w.'’]+(?:\s+[\w.'’]+){{0,3}})?\s*\([^()]{{1,30}}\)"
    r"|\([A-Z][^()]{1,30}\)"
    # a wire's date and name: "Dec 29 (Reuters) - "
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*\([^()]{1,30}\))"
    r"(?:\s*[–—―]\s*|\s+-{1,2}\s+|\s*:\s+)(?=[\"“‘'(]?[A-Z0-9])"
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
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATE_TOKEN = re.compile(
    r"(?:\d[\d:./-]*|[AP]\.?M|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST"
    rf"|{_MONTHS}"
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


# "SPRINGFIELD, Ill., Oct. 3 (AP) — ", "Taipei, Taiwan — ": a place, its state or country and a
# date, then a dash, in the first few dozen characters
_PLACE_DATELINE = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}(?:,\s*[\w.'’]+(?:\s[\w.'’]+){0,2}){1,3}"
    r"\s*(?:\([^()]{1,30}\))?\s*(?:[–—―]|--)\s+(?=[\"“‘'(]?[A-Z0-9])"
)
# "... Image: J. Doe." / "Photo credit: Reuters": a credit run into the end of a sentence
_CREDIT_TAIL = re.compile(
    r"\b(?:Image|Photo|Picture|Photograph|Video|Credit)s?(?:\s+credit)?\s*:\s*[^:]{1,60}$", re.I
)
_TRUNCATED = re.compile(r"\[\+\d+\s+chars\]\s*$")  # NewsAPI's cut-off marker
# a social-media embed pasted into the copy: "pic.twitter.com/AbC", a tweet's sign-off
# "— Jane Doe (@jdoe) May 5, 2017", a <tweet ...> tag left by the source
_EMBED = re.compile(
    r"pic\.twitter\.com/|https?://t\.co/|</?tweet\b"
    r"|[—–-]\s*[^—–()]{1,60}\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\.?\s+\w+\s+\d{4})"
)
# a letters page: its label ("LETTERS.", "Letters to the editor") or a letter's salutation
_LETTERS = re.compile(r"^(?:letters?(?: to the editor)?|to the editor)\s*[.:]?$", re.I)
# a letter's sign-off, a paragraph of its own: "Heather T. Remoff.", "Arlington, Mass."
_SIGN_OFF = re.compile(
    r"^(?:[A-Z][\w.'’-]*|de|van|von|der|da)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da)){0,4}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?\.?$"
)
_CHROME = re.compile(
    r"^(?:live|updated?|key events?|show key events only|pinned(?: post)?|breaking(?: news)?"
    r"|latest|refresh|loading|advertisement|share(?: this| on)?|follow|comments?|jump to"
    r"|skip to|sign in|log in|watch live|watch the (?:full |whole )?(?:video|interview|clip)"
    r"|listen|as it happened|e-?mail us|contact us|write to us|subscribe)\b",
    re.I,
)
# a note about the page's embedded video or audio: "… starts about the 7 minute mark.",
# "Watch the video below."
_MEDIA_NOTE = re.compile(
    r"\b(?:minute|second)[- ]mark\b"
    r"|\b(?:video|clip|segment|footage|audio|podcast)\b[^.]{0,40}?\b(?:starts|begins)\b"
    r"|\b(?:watch|see|listen to)\s+(?:the\s+)?(?:full\s+)?(?:video|clip|footage|audio)s?\s+"
    r"(?:below|above|here)\b"
    # "the following picture" or tweet the page no longer shows
    r"|\bthe[ \t]+following[ \t]+(?:picture|photo|photograph|image|video|clip|tweet|chart"
    r"|graphic|map)s?\b"
    # an author's contact line: "Reach him directly at awrhawkins@breitbart.com."
    r"|\b(?:reach|contact|email|e-mail)[ \t]+(?:him|her|them|me|us)\b[^.!?]{0,30}@"
    r"|\b[\w.+-]+@[\w-]+\.[\w.]+\b"
    # a picture's caption: "George Zimmerman (left) shot and killed Trayvon Martin (right) …"
    r"|\((?:(?:far|second|third|from|top|bottom|pictured|front|back)[ \t]+){0,2}"
    r"(?:left|right|center|centre|l-r|left[ \t]+to[ \t]+right)\)",
    re.I,
)
_MONTH = rf"(?:{_MONTHS})\.?"
# lines that are a page's furniture, not prose (round 33 and 34's readers):
_FURNITURE = re.compile(
    # a timeline's row: "11:40 am — Police announce the suspect's name …"
    r"^\d{1,2}(?:[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?|[ \t]*[ap]\.?m\.?)[ \t]*(?:[–—―]|-{1,2})[ \t]"
    # a wire picture's caption, in the present with the day it was taken: "Republican
    # presidential candidate Donald Trump speaks at a campaign rally in Greensboro, North
    # Carolina on June 14, 2016."
    # (the picture's verb is the first clause's: no comma, "who" or "which" before it, and no
    # other verb after it: not "Smith, who stands trial in March, was charged on June 14, 2016.")
    r"|^[A-Z](?:(?!\b(?:who|which|that|says|said)\b)[^,.!?]){0,120}?[ \t]"
    r"(?:speaks|gestures|waves|arrives|listens|looks[ \t]+on|smiles"
    r"|poses|walks|stands|greets|addresses|attends|reacts|sits|shakes[ \t]+hands|hugs|departs"
    r"|pauses|laughs|applauds|cheers)\b"
    r"(?![^!?]*\b(?:was|were|is|are|has|had|have|will|said|says|joined)\b)"
    rf"[^!?]*?(?:[ \t]on|,)[ \t]+(?:[A-Z][a-z]+day,?[ \t]+)?{_MONTH}"
    r"[ \t]+\d{1,2},[ \t]+\d{4}\.?$"
    # a programme's schedule: "Breitbart News Daily airs on SiriusXM Patriot 125 weekdays …"
    # (a programme's name, then the verb: not "The show, which airs on ITV every night, …")
    r"|^(?:[A-Z][\w'’&.-]*[ \t]+){1,6}(?:airs|broadcasts)[ \t]+(?:live[ \t]+)?on\b"
    r"[^.!?]{0,60}?\b(?:weekdays|weeknights"
    r"|daily|every|Monday[ \t]+through[ \t]+Friday|Mondays)\b"
    # a link's label run into the line before it: "The shape of the UK's economy In graphics"
    r"|[^.!?\"”’'\s][ \t]+(?:In[ \t]+(?:graphics|pictures|video|full|quotes|depth)"
    r"|At[ \t]+a[ \t]+glance|Q&A)[ \t]*$"
    # a promotion of more of the outlet's pages: "For more video news from The Huffington Post,
    # check out this morning's newsbrief."
    # a newsletter's greeting: "Welcome to POLITICO New York's Culture-Business Report, a weekly
    # digest of news …"
    r"|^Welcome[ \t]+to[ \t]+(?:the[ \t]+)?[A-Z][^.!?]*?\b(?:Report|Newsletter|Briefing|Digest"
    r"|Playbook|Edition|Email|Roundup|Podcast)\b"
    r"|^For[ \t]+more\b(?![ \t]+than\b)[^.!?]{0,80}?,[ \t]+(?:check[ \t]+out|visit|see"
    r"|go[ \t]+to|click|sign[ \t]+up|subscribe|follow)\b"
)
# a sentence wholly in parentheses is an aside or an editor's note, not news: "(Subscribe to
# the Nerdcast on iTunes.)", "(This story has been updated.)"
_ASIDE = re.compile(r"^\((?:[^()]|\([^()]*\))*(?:\)[.!?]?)?$")  # or opened and never closed
# a credit line: "Podcast produced by Bridget Mulcahy.", "Edited by Jane Doe and Tom Roe."
_MADE_BY = re.compile(
    r"^(?:[\w’'-]+\s+){0,3}(?:produced|edited|hosted|presented|photographed|illustrated"
    rf"|compiled|engineered|mixed|designed)\s+by\s+{_NAME}(?:\s+(?:{_NAME}|and|&)){{0,5}}\.?$"
    # a video's credits run together: "Story by Scott Conroy Video produced by Jon Strauss…"
    r"|^(?:Story|Reporting|Words|Text|Video|Photos?|Cinematography)\s+by\s+[A-Z]"
    r"[^.!?]*\b(?:produced|edited|filmed|shot|Cinematography|Photography)\s+by\b"
)
# a teaser's label: "Plus: what Hillary Clinton's money advantage means", "Coming up: ...";
# an editor's note: "Editor's Note: The following is part 3 of 3 excerpts from ..."
_TEASE_LABEL = re.compile(
    r"^(?:Plus|Coming up|Up next|Next week|Inside|Bonus|Editor['’]?s['’]? note)\s*:", re.I
)
# an interview's speaker label at the start of a line: "Q: ", "A. ", "Question: ", "Interviewer: ",
# "SMITH: ", "JANE DOE: ", "Jane Doe: " (digest.analysis.interview reads who speaks from it)
INTERVIEW_LABEL = re.compile(
    r"(?P<label>[QA]|Question|Answer|Interviewer|Q&A"
    r"|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
    r"|[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){1,3})"
    r"(?:(?<=\b[QA])\.|\s*:)[ \t]+(?=\S)"
)
# "I think", "I'm", "my": not "World War I", "(I-Vt.)"
_FIRST_PERSON = re.compile(
    r"\bI(?=\s+[a-z]|['’](?:m|ve|d|ll)\b)|\b(?:me|my|mine|myself|[Ww]e|[Oo]ur|us|ourselves)\b"
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "to",
        "at",
        "by",
        "with",
        "from",
        "as",
        "vs",
    ]
)


# a paid death notice's label: "SIEGEL--Jerome Arthur, 98, of Mamaroneck"; an id glued to the
# first word by the page's markup: "20266The question was about transparency."
_NOTICE_LABEL = re.compile(r"^[A-Z][A-Z'’-]+(?:,\s*[A-Z][A-Z'’-]+)?\s*--\s*(?=[A-Z])")
_GLUED_ID = re.compile(r"^\d{3,}(?=[A-Z][a-z])")
# what is left when the splitter cut a dateline at its abbreviation: "JACKSON, Miss." then
# "- U.S. District Judge Carlton W. Reeves ..." (the place is too short to be a sentence)
_LEFT_DASH = re.compile(r"^(?:(?:[–—―]|-{1,2})\s+|[:;]\s*)(?=[\"“‘'(]?[A-Z0-9])")


# the place of a dateline: "CLEVELAND", "MANCHESTER, N.H.", "BUENA PARK, Calif.", "Taipei,
# Taiwan" (then an optional wire's name in brackets and the dash)
_DATELINE_PLACE = re.compile(
    rf"^(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,3}}(?:,\s*[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){{0,2}})?"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    r"\s*(?:\([^()]{1,30}\))?\s*(?:[–—―]|--?)\s+(?=[\"“‘'(]?[A-Z0-9])"
)


# a label in capitals and a dash, not a place: "EDITOR'S NOTE — …", "UPDATE - …"
_NOT_PLACES = re.compile(
    r"(?:EDITOR['’]?S NOTE|NOTE|UPDATE|UPDATED|CORRECTION|CLARIFICATION|EXCLUSIVE|ANALYSIS"
    r"|BREAKING|BREAKING NEWS|OPINION|COMMENT|WATCH|LIVE|VIDEO|PHOTOS?|REVIEW|FACT CHECK)"
)


def _filed_from(paragraph: str) -> str | None:
    """The place of the dateline a paragraph opens on; "" for a label in its place ("UPDATE -",
    "EDITOR'S NOTE —"); None for no dateline (a dash is needed: not "KATE BOLDUAN: Why …")."""
    found = _DATELINE_PLACE.match(paragraph)
    if found is None:
        return None
    return "" if _NOT_PLACES.fullmatch(found["place"].rstrip(" ,")) else found["place"]


def dateline_place(paragraphs: tuple[str, ...]) -> str | None:
    """The place the story was filed from, written as prose ("Manchester, N.H."), when one of
    its first paragraphs opens on a dateline ("MANCHESTER, N.H. - At a rally here …")."""
    for paragraph in paragraphs[:3]:
        place = _filed_from(paragraph)
        if not place:
            continue
        words = []
        for word in place.split():
            # the city's capitals as prose; an abbreviation ("N.H.") as written
            plain = word.isupper() and "." not in word.rstrip(".,") and len(word.strip(".,")) > 1
            words.append(word.capitalize() if plain else word)  # "ST." → "St.", not "N.H."
        return " ".join(words)
    return None


DECK_MAX_WORDS = 25


def deck_paragraphs(paragraphs: tuple[str, ...]) -> int:
    """How many short paragraphs open the body before its dateline: a deck under the headline
    ("Nation shuffling top diplomats and honing its rhetoric to defend image." then "MEXICO
    CITY - The rise of Donald Trump …"), headline copy rather than a sentence of the story."""
    for index, paragraph in enumerate(paragraphs[:3]):
        place = _filed_from(paragraph)
        if place == "":
            return 0  # a label ("UPDATE -", "CORRECTION —"): what came before is the story
        # a wire's place in capitals ("PORTLAND, Ore. -"), not "Meanwhile, Sanders - …"
        if place and place.split()[0].isupper() and len(place) > 1:
            before = paragraphs[:index]
            return index if all(len(p.split()) <= DECK_MAX_WORDS for p in before) else 0
    return 0


def strip_front(sentence: str) -> str:
    """The sentence without a dateline (and a byline run into it) in front, nor the dash of
    a dateline the splitter cut off, nor the colon of a label the copy lost (": It was always
    a struggle …" in a BBC piece whose speaker labels are gone)."""
    sentence = _DATELINE.sub("", _BYLINE_PREFIX.sub("", sentence, count=1), count=1)
    sentence = _NOTICE_LABEL.sub("", _GLUED_ID.sub("", sentence, count=1), count=1)
    sentence = _CAPS_HEADING.sub("", sentence, count=1)
    return _LEFT_DASH.sub("", _PLACE_DATELINE.sub("", sentence, count=1), count=1)


# a section heading in capitals run into the sentence after it: "HOW IT ALL STARTED The first
# Academy Awards …", "TWO DEAD, 16 INJURED IN … Three people …" (two capitals words or numbers
# of two characters at least, then a capitalised word in lower case; not "A UK Independence …")
_CAPS_HEADING = re.compile(r"^(?:[A-Z0-9][A-Z0-9’'&-]+,?[ \t]+){2,}(?=[\"“‘']?[A-Z][a-z])")


def _capitals(sentence: str) -> tuple[int, float]:
    """How many words the sentence has besides small ones, and the share of them capitalised."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(big), (sum(w[0].isupper() for w in big) / len(big) if big else 0.0)


def is_title_case(sentence: str) -> bool:
    """A heading set in title case ("Storm Warning Issued For Coast"), not a sentence."""
    count, share = _capitals(sentence)
    if count < 4:
        return False
    ends = sentence.rstrip("”\"’' ")[-1:] in ".!?"
    return share >= (0.95 if ends else 0.8)


def is_name_list(sentence: str) -> bool:
    """A team sheet or a list of names ("Viljoen; Lakomskis, Emerick, Sika, Fee, …"): six or
    more commas and semicolons between words nearly all capitalised."""
    if sentence.count(",") + sentence.count(";") < 6:
        return False
    count, share = _capitals(sentence)
    return count > 0 and share >= 0.8


def is_question(sentence: str) -> bool:
    """An interviewer's (or the writer's) question, outside any quotation."""
    return outside_quotes(sentence).rstrip(" ”\"’'").endswith("?")


def ends_with_credit(sentence: str) -> bool:
    """A picture credit closing a caption paragraph ("Image: J. Doe.", "Photo credit: AP")."""
    return bool(_CREDIT_TAIL.search(sentence))


# "QThere's no shortage of causes …": a question's "Q:" whose colon the copy lost
_GLUED_Q = re.compile(r"Q(?=[A-Z][a-z’'])")


def is_interview_line(sentence: str) -> bool:
    return bool(INTERVIEW_LABEL.match(sentence) or _GLUED_Q.match(sentence))


def is_first_person(sentence: str) -> bool:
    """The writer or an interviewee speaking as "I" outside quotation marks."""
    return bool(_FIRST_PERSON.search(outside_quotes(sentence)))


def is_embed(text: str) -> bool:
    """A social-media embed (a tweet with its link and sign-off), not the story's copy."""
    return bool(_EMBED.search(text))


def is_letters_label(paragraph: str) -> bool:
    """The label of a letters page ("LETTERS.", "To the editor:"): each letter is one
    reader's opinion, signed at its end."""
    return bool(_LETTERS.match(paragraph.strip()))


def is_sign_off(paragraph: str) -> bool:
    """A letter writer's name or town on a line of its own ("Heather T. Remoff.")."""
    return len(paragraph.split()) <= 6 and bool(_SIGN_OFF.match(paragraph.strip()))


# a sentence that starts on a lower-case word lost its start: a subhead cut over two lines
# ("Activists on both sides" | "of the issue gear up for …"), a results roundup whose names
# were links ("fought off fellow Briton Tim Abeyie to take the 200m"); not "eBay", "iPhone",
# nor a name's particle ("de Gaulle", "van Gogh")
_FRAGMENT = re.compile(
    rf"^(?!(?:{'|'.join(sorted(PARTICLES))})\s+[A-Z])[a-z][a-z'’-]*\b"
    r"|^(?:[–—―]|-{1,2})[ \t]*[a-z]"  # "-- a movie set for release on Feb. 5."
)


def not_summary(sentence: str, words: tuple[str, ...]) -> bool:
    """Lines of news copy that are not summary sentences whatever their score."""
    return bool(
        len(words) < MIN_WORDS
        or _BYLINE.match(sentence)
        or _is_stamp(sentence)
        or _CAPTION.match(sentence)
        or _CREDIT.match(sentence)
        or _CREDIT_TAIL.search(sentence)
        or _TRUNCATED.search(sentence)
        or is_embed(sentence)
        or is_also_read(sentence)
        or (_CHROME.match(sentence) and len(words) < 12)
        or _MEDIA_NOTE.search(sentence)
        or _FURNITURE.search(sentence)
        or _ASIDE.match(sentence)
        or _MADE_BY.match(sentence)
        or _TEASE_LABEL.match(sentence)
        or _FRAGMENT.match(sentence)
        or sentence.rstrip().endswith(":")  # a list's lead-in: "Rankings did not change:"
        or is_interview_line(sentence)
        or is_title_case(sentence)
        or is_name_list(sentence)
        or not any(c.isalnum() for c in outside_quotes(sentence))  # a bare quote: whose words?
    )
