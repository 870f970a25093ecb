"""Bytes to text for files that may not be UTF-8: :func:`decode_text` and :func:`decode`.

UTF-8 comes first and is decoded as is (a byte order mark stays in the text, so character
offsets match the file). Anything else is detected with charset-normalizer, whose guesses on
short or ambiguous input are then checked: among the candidates that read about equally well,
the one whose words look like words wins, and on a tie the common Windows code pages
(cp1252 first) win over rarer ones. A file with NUL bytes in its first 8 KB, or one that no
encoding reads plausibly, is binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from digest.errors import ArticleError

SNIFF_BYTES = 8192

# Ties between candidates that decode about equally well go to the code page met most often in
# news files in the languages digest summarizes (charset-normalizer's names).
PREFERRED = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859_15",
    "koi8_r",
    "mac_roman",
)
MAX_STRAY_BYTES = 16  # UTF-8 text with up to this many invalid bytes is still UTF-8
CHAOS_MARGIN = 0.1  # candidates this much messier than the cleanest one are dropped
CHAOS_NOISE = 20.0  # on short text one symbol moves the ratio: widen the margin by this / length
# The letters beyond a-z of the languages digest summarizes (see settings.languages.CODES).
ALPHABETS = {
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "sl": "čćđšž",
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "it": "àèéìíîòóùú",
    "pt": "àáâãçéêíóôõú",
    "nl": "éëïóöü",
    "sv": "åäöé",
    "no": "åæøéèêóòô",
    "da": "åæøé",
    "fi": "åäöšž",
    "et": "äöõüšž",
    "tr": "âçğıîöşûü",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
}
_JUDGED = {"LATIN", "CYRILLIC", "GREEK"}
CHECK_CHARS = 65536  # how much of each candidate's text the word check reads

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WORD = re.compile(r"\w+")
# One character between two letters that is neither a letter, a space, nor the punctuation
# found inside real words (apostrophes, hyphens, a dot as in "e.g."): "wa¹ne", "stra§e".
_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s'’‐\-.·](?=[^\W\d_])")


def decode_text(data: bytes) -> tuple[str, str]:
    """The file's text and its encoding's name in lower case ("utf-8", "cp1252", ...).

    Raises :class:`ArticleError` for an empty or whitespace-only file and for a binary one.
    """
    if data.startswith(_UTF16_BOMS):
        text, name = _decode_utf16(data)
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise ArticleError("binary file, not text")
    else:
        try:
            text, name = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            mixed = _mostly_utf8(data)
            text, name = (mixed, "utf-8") if mixed is not None else _detect(data)
    if not text.lstrip("\ufeff").strip():
        raise ArticleError("empty file")
    return text, name


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes from another encoding (a cp1252 quote pasted into UTF-8
    text), the stray bytes read as cp1252, one character each; None when the file is not that.
    Read as one legacy code page instead, all its UTF-8 characters would turn into mojibake."""
    pieces: list[str] = []
    stray = 0
    pos = 0
    while True:
        try:
            pieces.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(data[pos : pos + exc.start].decode("utf-8"))
            bad = data[pos + exc.start : pos + exc.end]
            pieces.append(bad.decode("cp1252", errors="replace"))
            stray += len(bad)
            pos += exc.end
            if stray > MAX_STRAY_BYTES:
                return None
    utf8 = sum(len(p.encode("utf-8")) - len(p) for p in pieces[::2])  # continuation bytes
    return "".join(pieces) if utf8 >= 2 * stray else None


def _decode_utf16(data: bytes) -> tuple[str, str]:
    """UTF-16 with a byte order mark (Windows 'Unicode' text). The mark stays in the text."""
    name = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        raise ArticleError("binary file, not text") from None


@dataclass
class _Candidate:
    text: str
    names: list[str]  # every code page that gives this text
    chaos: float  # charset-normalizer's mess ratio: 0 reads cleanly
    coherence: float  # charset-normalizer's fit to a language's letter frequencies


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # loaded only for text that is not UTF-8

    found = list(from_bytes(data))
    if not found:
        raise ArticleError("binary file, not text")
    covered = {name for match in found for name in match.could_be_from_charset}
    for name in PREFERRED:
        # charset-normalizer stops at the first clean reading: hear the usual ones too.
        if name not in covered:
            found += from_bytes(data, cp_isolation=[name], threshold=1.0)
    candidates: dict[str, _Candidate] = {}
    for match in found:
        text = str(match)
        known = candidates.get(text)
        if known is None:
            candidates[text] = _Candidate(
                text, list(match.could_be_from_charset), match.chaos, match.coherence
            )
        else:
            known.names += match.could_be_from_charset
            known.chaos = min(known.chaos, match.chaos)
            known.coherence = max(known.coherence, match.coherence)
    choice = _choose(list(candidates.values()))
    name = next((n for n in PREFERRED if n in choice.names), choice.names[0])
    return choice.text, _canonical(name)


def _choose(candidates: list[_Candidate]) -> _Candidate:
    """The reading with the fewest odd words and letters foreign to its language; then habit;
    then charset-normalizer's fit to a language. Candidates much messier than the cleanest are
    dropped first, with a wider margin on short text, where one symbol moves the ratio.
    """
    size = max(len(c.text) for c in candidates)
    cleanest = min(c.chaos for c in candidates)
    margin = CHAOS_MARGIN + CHAOS_NOISE / size
    near = [c for c in candidates if c.chaos <= cleanest + margin]

    def rank(candidate: _Candidate) -> tuple[int, int, float]:
        habit = min(
            (PREFERRED.index(n) for n in candidate.names if n in PREFERRED),
            default=len(PREFERRED),
        )
        sample = candidate.text[:CHECK_CHARS]
        return _odd_words(sample) + _foreign_letters(sample), habit, -candidate.coherence

    return min(near, key=rank)  # min is stable: charset-normalizer's order breaks the last tie


def _odd_words(text: str) -> int:
    """How many words look like a wrong decoding: scripts mixed inside one word ("It𠏋"),
    Latin words made mostly of accented letters ("Ïðèâåò"), a capital with an accent after a
    small letter ("fÜr"), or a symbol between two letters ("wa¹ne")."""
    odd = len(_INSIDE_WORD.findall(text))
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        letters = [c for c in word if c.isalpha()]
        if len(letters) < len(word) and any(not c.isascii() for c in word if not c.isalpha()):
            odd += 1  # superscripts and other non-letters fused with letters
            continue
        scripts = {_script(c) for c in letters}
        accented = sum(not c.isascii() for c in letters)
        if (
            len(scripts) > 1
            or (scripts == {"LATIN"} and len(letters) >= 4 and accented * 5 > len(letters) * 3)
            or any(a.islower() and b.isupper() and not b.isascii() for a, b in pairwise(word))
        ):
            odd += 1
    return odd


def _foreign_letters(text: str) -> int:
    """Accented Latin, Cyrillic and Greek letters outside the alphabet of the one language that
    explains most of them: Czech read as cp1252 ("pondìlí", "pøíští") has letters no single
    language uses together; read as cp1250 ("pondělí", "příští") it has none."""
    counts = Counter(
        c for c in text.lower() if c.isalpha() and not c.isascii() and _script(c) in _JUDGED
    )
    if not counts:
        return 0
    total = sum(counts.values())
    return min(
        total - sum(n for c, n in counts.items() if c in letters) for letters in ALPHABETS.values()
    )


def _script(char: str) -> str:
    """The first word of the character's Unicode name: LATIN, CYRILLIC, GREEK, CJK, ..."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _canonical(name: str) -> str:
    """Python's own name for the codec, lower case: 'cp1252', 'iso8859-2', 'koi8-r'."""
    try:
        return codecs.lookup(name).name.lower()
    except LookupError:
        return name.lower().replace("_", "-")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 exactly as decoded (offsets into it are what quotes report),
    else the detected encoding (cp1252 and Latin-1 occur in real exports)."""
    return decode_text(data)[0]
