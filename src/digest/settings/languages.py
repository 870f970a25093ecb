"""The languages digest knows: their codes, the script each is written in, and the evidence a
text gives of its language (its script, and its commonest words).

Readers use :func:`override` to correct a declared language the text contradicts (an English
feed that says ``<language>kn</language>``); the analysis uses :func:`script_of` to split text in
a language without Punkt tables. Plain data and the standard library: nothing is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# name: (ISO 639-1 codes, the script it is written in)
LANGUAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "english": (("en",), "latin"),
    "german": (("de",), "latin"),
    "french": (("fr",), "latin"),
    "spanish": (("es",), "latin"),
    "italian": (("it",), "latin"),
    "portuguese": (("pt",), "latin"),
    "dutch": (("nl",), "latin"),
    "czech": (("cs",), "latin"),
    "slovak": (("sk",), "latin"),
    "polish": (("pl",), "latin"),
    "russian": (("ru",), "cyrillic"),
    "ukrainian": (("uk",), "cyrillic"),
    "greek": (("el",), "greek"),
    "swedish": (("sv",), "latin"),
    "norwegian": (("no", "nb", "nn"), "latin"),
    "danish": (("da",), "latin"),
    "finnish": (("fi",), "latin"),
    "estonian": (("et",), "latin"),
    "slovene": (("sl",), "latin"),
    "turkish": (("tr",), "latin"),
    "hungarian": (("hu",), "latin"),
    "romanian": (("ro",), "latin"),
    "malayalam": (("ml",), "malayalam"),
    "arabic": (("ar",), "arabic"),
    "hebrew": (("he", "iw"), "hebrew"),
    "chinese": (("zh",), "han"),
    "japanese": (("ja",), "kana"),  # with Han; kana is what tells it from Chinese
    "korean": (("ko",), "hangul"),
    "thai": (("th",), "thai"),
    "hindi": (("hi",), "devanagari"),
    "kannada": (("kn",), "kannada"),
}

CODES: dict[str, str] = {code: name for name, (codes, _) in LANGUAGES.items() for code in codes}

# Scripts written without spaces between words: words are told apart by character pairs.
UNSPACED = frozenset({"han", "kana", "thai", "lao", "khmer", "myanmar"})

# The first code point of each block we name, in order (a code point belongs to the last
# block starting at or before it); None: not a letter of a script we name.
_BLOCKS: tuple[tuple[int, str | None], ...] = (
    (0x0000, "latin"),
    (0x0250, None),
    (0x0370, "greek"),
    (0x0400, "cyrillic"),
    (0x0530, None),
    (0x0590, "hebrew"),
    (0x0600, "arabic"),
    (0x0700, None),
    (0x0900, "devanagari"),
    (0x0980, None),
    (0x0C80, "kannada"),
    (0x0D00, "malayalam"),
    (0x0D80, None),
    (0x0E00, "thai"),
    (0x0E80, "lao"),
    (0x0F00, None),
    (0x1000, "myanmar"),
    (0x10A0, None),
    (0x1100, "hangul"),
    (0x1200, None),
    (0x1780, "khmer"),
    (0x1800, None),
    (0x1E00, "latin"),
    (0x1F00, "greek"),
    (0x2000, None),
    (0x3040, "kana"),
    (0x3100, None),
    (0x3400, "han"),
    (0xA000, None),
    (0xAC00, "hangul"),
    (0xD7B0, None),
    (0xF900, "han"),
    (0xFB00, None),
    (0xFB50, "arabic"),
    (0xFE00, None),
    (0xFF66, "kana"),
    (0xFFA0, None),
    (0x20000, "han"),
    (0x30000, None),
)
_STARTS = [start for start, _ in _BLOCKS]


def script_of(char: str) -> str | None:
    """The script a letter is written in ('latin', 'han', 'kana', ...); None for anything
    that is not a letter of a script we name."""
    return block_of(char) if char.isalpha() else None


def block_of(char: str) -> str | None:
    """The script of the Unicode block a character is in (its marks and digits included)."""
    point = ord(char)
    low, high = 0, len(_STARTS) - 1
    while low < high:  # the last block starting at or before the code point
        middle = (low + high + 1) // 2
        if _STARTS[middle] <= point:
            low = middle
        else:
            high = middle - 1
    return _BLOCKS[low][1]


def _script_patterns() -> dict[str, re.Pattern[str]]:
    ranges: dict[str, list[str]] = {}
    ends = [*_STARTS[1:], 0x110000]
    for (start, name), end in zip(_BLOCKS, ends, strict=True):
        if name is not None:
            ranges.setdefault(name, []).append(f"\\U{start:08x}-\\U{end - 1:08x}")
    return {name: re.compile(f"[{''.join(r)}]") for name, r in ranges.items()}


_SCRIPTS = _script_patterns()
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ASCII = re.compile(r"[\x00-\x7f]+")


def scripts(text: str) -> Counter[str]:
    """How many letters of each script the text has."""
    letters = _NOT_LETTERS.sub("", text)
    others = _ASCII.sub("", letters)  # ASCII letters are Latin: only the rest is looked up
    counts: Counter[str] = Counter()
    if len(letters) > len(others):
        counts["latin"] = len(letters) - len(others)
    for name, pattern in _SCRIPTS.items():
        if others:
            found = len(pattern.findall(others))
            if found:
                counts[name] += found
    return counts


# The commonest words of each language written in a script more than one language shares.
# fmt: off
STOP_WORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    "english": "the and of to in is that it was for on are with as his they be at by this "
               "have from or had not but what all were when we there can an which their said "
               "has will would been who its",
    "german": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
              "als auch es an werden aus er hat dass sie nach wird bei einer um noch wie",
    "french": "le de la et les des en un du une que est pour qui dans par sur pas au plus ne "
              "se ce il sont avec elle aux ont été mais nous cette",
    "spanish": "de la que el en y los del se las por un para con no una su al es lo como "
               "más pero sus le ya fue este ha sí porque esta entre cuando muy sin",
    "italian": "di e il la che in un per non una del della è sono le con al si dei gli da "
               "come anche ma nel alla più ha",
    "portuguese": "de a o que e do da em um para é com não uma os no se na por mais as dos "
                  "como mas foi ao ele das tem à seu sua ou",
    "dutch": "de en van het een in is dat op te zijn voor met die niet aan er om ook als "
             "dan maar bij nog wordt door naar heeft",
    "swedish": "och i att det som en på är av för med till den har de inte om ett han men "
               "var jag sig från vi så kan",
    "norwegian": "og i det som en på er av for med til den har de ikke om et han men var "
                 "jeg seg fra vi så kan",
    "danish": "og i at det som en på er af for med til den har de ikke om et han men var "
              "jeg sig fra vi så kan",
    "finnish": "ja on ei se että oli hän mutta kun niin myös ovat joka tai sen jo kuin "
               "mitä nyt ole vain",
    "estonian": "ja on ei et see oli kui ka aga mis ta nii seda oma või veel kes siis",
    "czech": "a se na je že v to s o do i ve z jako by pro ale jsou jeho k už když tak po",
    "slovak": "a sa na je že v to s o do i vo z ako by pre ale sú jeho k už keď tak po",
    "polish": "i w na z się że do nie to jest o jak po za od ale przez są tak jego dla już "
              "co tym",
    "slovene": "in je v na se da za z so pa ki ne bi o tudi kot po pri ali",
    "turkish": "ve bir bu da de için ile olarak çok daha gibi en ne ama o kadar olan sonra",
    "hungarian": "a az és hogy nem is egy de meg van csak már mint ez el ki volt",
    "romanian": "și de la în a că pe cu nu un o se din care mai este sau fost pentru",
    "russian": "и в не на я что он с как а то все она так его но да ты к у же вы за бы по "
               "только ее мне было",
    "ukrainian": "і в не на що він з як а та це вона так його але до у же ви за би по тільки "
                 "її мені було й",
}.items()}
# fmt: on

_WORD = re.compile(r"\w+")
SAMPLE_CHARS = 1500  # enough text to tell a language; reading more costs time, not accuracy
MIN_EVIDENCE = 8  # stop-word hits (or letters of a script) below which nothing is decided


def language_name(value: str) -> str:
    """'en', 'en-GB', 'EN_us' or 'English' -> 'english'; an unknown code stays as written
    (lower case)."""
    lowered = value.strip().lower()
    return CODES.get(lowered.split("-")[0].split("_")[0], lowered)


def language_code(name: str) -> str:
    """'english' -> 'en' (for the HTML lang attribute); unknown names give 'en'."""
    entry = LANGUAGES.get(name)
    return entry[0][0] if entry else "en"


def _by_script(script: str) -> str | None:
    """The language a script alone names (Kana: Japanese), else None."""
    found = [name for name, (_, s) in LANGUAGES.items() if s == script]
    return found[0] if len(found) == 1 else None


_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _name, _words in STOP_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _name)


def _stop_word_hits(sample: str) -> Counter[str]:
    hits: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(sample.lower())).items():
        for name in _LANGUAGES_OF_WORD.get(word, ()):
            hits[name] += count
    return hits


def _detect(sample: str) -> tuple[str | None, Counter[str]]:
    """The language of an NFC sample, and the stop-word hits of each language (when the
    script alone did not say)."""
    counts = scripts(sample)
    if sum(counts.values()) < MIN_EVIDENCE:
        return None, Counter()
    script, _ = counts.most_common(1)[0]
    if script == "han" and counts["kana"] >= counts["han"] // 10 + 1:
        return "japanese", Counter()  # Japanese mixes Han with kana; Chinese has none
    by_script = _by_script(script)
    if by_script is not None:
        return by_script, Counter()
    hits = _stop_word_hits(sample)
    candidates = [(n, c) for n, c in hits.most_common() if LANGUAGES[n][1] == script]
    if not candidates or candidates[0][1] < MIN_EVIDENCE:
        return None, hits
    return candidates[0][0], hits


def detect(text: str) -> str | None:
    """The language the text reads as, from its script and its commonest words; None when the
    evidence is too thin to say."""
    return _detect(unicodedata.normalize("NFC", text[:SAMPLE_CHARS]))[0]


def override(declared: str, text: str) -> str | None:
    """The language to read a text in when the one declared for it is contradicted by the
    text (another script, or far more of another language's common words); None when the
    declared language stands (or the text is too short to say)."""
    found, hits = _detect(unicodedata.normalize("NFC", text[:SAMPLE_CHARS]))
    if found is None or found == declared:
        return None
    entry = LANGUAGES.get(declared)
    if entry is None or entry[1] != LANGUAGES[found][1]:
        return found  # an unknown language, or another script: the text decides
    if declared not in STOP_WORDS:
        return None
    # the same script: only overwhelming evidence (Danish and Norwegian share most words)
    return found if hits[found] >= 4 * max(hits[declared], 1) + MIN_EVIDENCE else None
