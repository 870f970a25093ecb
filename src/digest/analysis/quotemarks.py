"""Quotation marks: which open and close a quotation, and whether a sentence starts inside one,
leaves one open, or is all quotation. Shared by the summarizer and the quote finder's callers.

Curly marks (“ ” „ « »), straight double quotes, and the typewriter pairs some newspapers use
(`` and '') are all understood.
"""

from __future__ import annotations

_OPENING = "“„«"
_CLOSING = "”»"
_GERMAN_CLOSING = "“”"  # „so“: with a low opening mark, “ closes


def _marks(sentence: str) -> tuple[str, str]:
    return ("„«", _GERMAN_CLOSING + "»") if "„" in sentence else (_OPENING, _CLOSING)


def _starts_inside_quote(sentence: str) -> bool:
    """Whether the sentence begins inside a quotation: its first quote mark closes one."""
    opening, closing = _marks(sentence)
    for at, char in enumerate(sentence):
        if char in opening:
            return False
        if char in closing:
            return True
        if char == '"':
            before = sentence[at - 1] if at else " "
            after = sentence[at + 1] if at + 1 < len(sentence) else " "
            return not before.isspace() and (after.isspace() or after in ",.;:!?)")
    return False


def outside_quotes(sentence: str) -> str:
    """The sentence without its quoted words (a quote left open runs to the end)."""
    if not any(mark in sentence for mark in _OPENING + _CLOSING + '"'):
        return sentence
    opening, closing = _marks(sentence)
    inside = _starts_inside_quote(sentence)
    out = []
    for char in sentence:
        if char in opening:
            inside = True
        elif char in closing:
            inside = False
        elif char == '"':
            inside = not inside
        elif not inside:
            out.append(char)
    return "".join(out)


def _normalised(sentence: str) -> str:
    return sentence.replace("``", "“").replace("''", "”")


def balance(sentence: str) -> int:
    """How many quotations the sentence leaves open (negative: it closes one it did not open)."""
    sentence = _normalised(sentence)
    opening, closing = _marks(sentence)
    depth = 0
    low = 0
    straight_open = False
    for at, char in enumerate(sentence):
        if char in opening and not (char in closing and depth > 0):
            depth += 1
        elif char in closing:
            depth -= 1
        elif char == '"':
            before = sentence[at - 1] if at else " "
            if straight_open:
                depth -= 1
                straight_open = False
            elif before.isspace() or before in "([{—–-" or at == 0:
                depth += 1
                straight_open = True
            else:
                depth -= 1
        low = min(low, depth)
    return depth if low == 0 else low


def starts_inside(sentence: str) -> bool:
    """Whether the sentence begins inside a quotation: its first quote mark closes one."""
    return _starts_inside_quote(_normalised(sentence))
