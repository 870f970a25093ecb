"""The quote-mark rules that finding quotes (:mod:`digest.analysis.candidates`) and picking
summary sentences (:mod:`digest.analysis.summarize`) share: which characters are double
quote marks, which of them only open or only close, how context tells a straight or curly
mark's direction, and what of a sentence lies outside its quotations.
"""

from __future__ import annotations

__all__ = ["CLOSERS", "MARKS", "OPENERS", "balance", "is_open", "outside_quotes", "starts_inside"]

MARKS = '"“”«»„‟'  # every double quote mark a quotation opens or closes with
OPENERS = "«„"  # marks that only ever open
CLOSERS = "»"  # marks that only ever close
_OPEN_CONTEXT = set(" \t\r\n\xa0([{—–-/")  # a no-break space counts as a space
_CLOSE_CONTEXT = set(" \t\r\n\xa0,.;:!?)]}—–-…")
_CURLY_OPENING = "“„«‟"
_CURLY_CLOSING = "”»"
_LOW_CLOSING = "“”»"  # „so“: after a low opening mark, “ closes (German, Czech, ...)


def is_open(text: str, i: int) -> bool:
    """Whether the quote mark at ``text[i]`` opens a quotation, by its shape when that says
    (« „ open, » closes), else by what stands either side of it."""
    mark = text[i]
    if mark in OPENERS:
        return True
    if mark in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before in _OPEN_CONTEXT and after not in " \t\r\n":
        return True
    if after in _CLOSE_CONTEXT or before not in " \t\r\n":
        return False
    return mark in "“‟"


def _curly(sentence: str) -> tuple[str, str]:
    """The opening and closing curly marks of a sentence (“ closes after a low „)."""
    return ("„«", _LOW_CLOSING) if "„" in sentence else (_CURLY_OPENING, _CURLY_CLOSING)


def _starts_inside_quote(sentence: str) -> bool:
    """Whether the sentence begins inside a quotation: its first quote mark closes one."""
    opening, closing = _curly(sentence)
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


def quoted(sentence: str, *, begins_inside: bool | None = None) -> list[bool]:
    """For each character of the sentence, whether it is a quote mark or quoted (a quote left
    open runs to the end). Whether the sentence begins inside a quotation is read from its
    first mark unless ``begins_inside`` says."""
    if not any(mark in sentence for mark in MARKS):
        return [False] * len(sentence)
    opening, closing = _curly(sentence)
    inside = _starts_inside_quote(sentence) if begins_inside is None else begins_inside
    mask = []
    for at, char in enumerate(sentence):
        if char in opening:
            inside = True
        elif char in closing:
            inside = False
        elif char == '"':
            # a straight mark that opens by its context while inside re-opens (BBC's way of
            # going on with a quotation at its next paragraph), see :func:`balance`
            inside = not inside or is_open(sentence, at)
        elif not inside:
            mask.append(False)
            continue
        mask.append(True)
    return mask


def outside_quotes(sentence: str) -> str:
    """The sentence without its quoted words (a quote left open runs to the end)."""
    mask = quoted(sentence)
    return "".join(char for char, inside in zip(sentence, mask, strict=True) if not inside)


def _typewriter(sentence: str) -> str:
    """The typewriter pairs some newspapers use (``so'') as curly marks."""
    return sentence.replace("``", "“").replace("''", "”")


def balance(sentence: str) -> int:
    """How many quotations the sentence leaves open (negative: it closes one it did not open)."""
    sentence = _typewriter(sentence)
    opening, closing = _curly(sentence)
    depth = low = 0
    straight_open = False
    for at, char in enumerate(sentence):
        if char in opening and not (char in closing and depth > 0):
            depth += 1
        elif char in closing:
            depth -= 1
        elif char == '"':
            if straight_open and is_open(sentence, at):
                pass  # “… the scoreline. "In the second half …”: BBC re-opens a quotation at
                # each of its paragraphs (run together in the copy) without closing it
            elif straight_open:
                depth -= 1
                straight_open = False
            elif is_open(sentence, at):
                depth += 1
                straight_open = True
            else:
                depth -= 1
        low = min(low, depth)
    return depth if low == 0 else low


def starts_inside(sentence: str) -> bool:
    """Whether the sentence begins inside a quotation: its first quote mark closes one."""
    return _starts_inside_quote(_typewriter(sentence))
