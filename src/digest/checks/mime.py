"""mime-structure: multipart/alternative holding text/plain then text/html, UTF-8, a 7-bit-safe
transfer encoding, CRLF line endings and no parser defects."""

from __future__ import annotations

import re
from email.message import Message

from digest.checks.registry import CheckResult, Loaded, check, failure, first, passed

_BARE = re.compile(rb"(?<!\r)\n|\r(?!\n)")


def _part_problems(part: Message) -> tuple[list[str], str]:
    """Charset and transfer encoding of one text part."""
    problems: list[str] = []
    kind = part.get_content_type()
    charset = part.get_content_charset()
    if charset != "utf-8":
        problems.append(f"{kind} has charset {charset or 'none'!r}, not utf-8")
    cte = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if cte == "7bit":
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and not payload.isascii():
            problems.append(f"{kind} is 7bit but not pure ASCII")
    elif cte not in ("quoted-printable", "base64"):
        problems.append(f"{kind} uses {cte}, not quoted-printable or base64")
    return problems, cte


@check("mime-structure")
def mime_structure(loaded: Loaded) -> CheckResult:
    raw, message = loaded.raw, loaded.message
    problems: list[str] = []
    bare = _BARE.search(raw)
    if bare:
        kind = "LF" if bare.group() == b"\n" else "CR"
        line = raw.count(b"\n", 0, bare.start()) + 1
        problems.append(f"bare {kind} at line {line} (the message must use CRLF line endings)")
    defects: list[str] = []
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
    if defects:
        problems.append(f"parser defects: {first(list(dict.fromkeys(defects)))}")
    top = message.get_content_type()
    encodings: list[str] = []
    if top != "multipart/alternative":
        problems.append(f"the message is {top}, not multipart/alternative")
    else:
        payload = message.get_payload()
        parts = [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []
        kinds = [p.get_content_type() for p in parts]
        if kinds != ["text/plain", "text/html"]:
            problems.append(
                f"multipart/alternative holds {', '.join(kinds) or 'nothing'}, "
                "not text/plain then text/html"
            )
        for sub in parts:
            if sub.get_content_maintype() != "text":
                continue
            wrong, cte = _part_problems(sub)
            problems += wrong
            encodings.append(cte)
    if problems:
        return failure("mime-structure", "; ".join(problems))
    ctes = " and ".join(dict.fromkeys(encodings))
    return passed(
        "mime-structure",
        f"multipart/alternative: text/plain then text/html, UTF-8, {ctes}, CRLF line endings",
    )
