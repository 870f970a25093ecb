"""headers: From, To, Subject, Date, Message-ID, MIME-Version, Reply-To and List-Unsubscribe are
there once and well-formed, and no header carries a line break (injection)."""

from __future__ import annotations

import re
from collections.abc import Callable
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from digest.checks.registry import CheckResult, Loaded, check, clip, failure, passed, warned
from digest.urls import safe_link

SUBJECT_MAX = 998

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_MESSAGE_ID = re.compile(r"<([^<>@\s]+)@([^<>@\s]*)>")
_ANGLE_URI = re.compile(r"<([^<>]*)>")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_HEADER_NAME = re.compile(rb"([!-9;-~]+)[ \t]*:")
_ONCE = ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Reply-To")


def _address_problem(address: Address) -> str | None:
    shown = f"{address.username}@{address.domain}"
    if not address.username or not address.domain:
        return f"{shown!r} is not an address"
    if not _LOCAL_PART.fullmatch(address.username):
        return f"{shown!r} has an unusual local part"
    if not _DOMAIN.fullmatch(address.domain):
        return f"{shown!r} has an invalid domain"
    return None


def _addresses(message: EmailMessage, name: str) -> tuple[list[Address], list[str]]:
    """The header's addresses and what is wrong with them."""
    try:
        header = message[name]
        found = list(header.addresses)
        defects = [str(d) for d in header.defects]
    except Exception as exc:  # the header parser raises odd errors on odd input
        return [], [f"{name} cannot be parsed ({exc})"]
    problems = [f"{name}: {p}" for a in found if (p := _address_problem(a))]
    if defects and not problems:
        problems.append(f"{name}: {defects[0]} in {clip(str(header))!r}")
    return found, problems


def _bare_line_breaks(raw: bytes) -> list[str]:
    """Header lines that end in a bare CR or LF: a line break smuggled into a header value
    starts a new header (injection). A message with no CRLF at all is mime-structure's
    business, not this check's."""
    lines: list[tuple[int, bytes, bytes]] = []
    start = 0
    for number, match in enumerate(_LINE_END.finditer(raw), start=1):
        content = raw[start : match.start()]
        if not content:
            break  # the blank line that ends the header section
        lines.append((number, content, match.group()))
        start = match.end()
    if not any(ending == b"\r\n" for _, _, ending in lines):
        return []
    found: list[str] = []
    current = "unnamed"
    for number, content, ending in lines:
        if content[:1] not in (b" ", b"\t"):
            named = _HEADER_NAME.match(content)
            current = named.group(1).decode("ascii") if named else "unnamed"
        if ending != b"\r\n":
            kind = "LF" if ending == b"\n" else "CR"
            found.append(f"bare {kind} in the {current} header (line {number})")
    return found


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n(?=[ \t])", "", value).strip()


Values = Callable[[str], str | None]  # a header's first raw value, unfolded, or None


def _sender_and_recipients(message: EmailMessage, value: Values) -> list[str]:
    """From: a display name and one valid address; To: at least one address, all valid."""
    problems: list[str] = []
    if value("From") is None:
        problems.append("From is missing")
    else:
        found, wrong = _addresses(message, "From")
        problems += wrong
        if len(found) != 1:
            problems.append(f"From has {len(found)} addresses, not one")
        elif not found[0].display_name.strip():
            problems.append(f"From {str(message['From'])!r} has no display name")
    if value("To") is None:
        problems.append("To is missing")
    else:
        found, wrong = _addresses(message, "To")
        problems += wrong
        if not found:
            problems.append("To has no address")
    return problems


def _subject_and_date(message: EmailMessage, value: Values) -> list[str]:
    """Subject: there, not empty, not too long; Date: RFC 5322, with a time zone."""
    problems: list[str] = []
    if value("Subject") is None:
        problems.append("Subject is missing")
    else:
        subject = str(message["Subject"])
        if not subject.strip():
            problems.append("Subject is empty")
        if len(subject) > SUBJECT_MAX:
            problems.append(f"Subject is {len(subject)} characters (at most {SUBJECT_MAX})")
    date = value("Date")
    if date is None:
        problems.append("Date is missing")
    else:
        try:
            moment = parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            problems.append(f"Date {date!r} is not an RFC 5322 date")
        else:
            if moment.tzinfo is None:
                problems.append(f"Date {date!r} has no time zone")
    return problems


def _ids_and_reply_to(message: EmailMessage, value: Values) -> list[str]:
    """Message-ID: <local@domain>; MIME-Version: 1.0 (comments allowed); Reply-To, if
    present, valid."""
    problems: list[str] = []
    message_id = value("Message-ID")
    if message_id is None:
        problems.append("Message-ID is missing")
    else:
        match = _MESSAGE_ID.fullmatch(message_id)
        if not match:
            problems.append(f"Message-ID {clip(message_id)!r} is not of the form <local@domain>")
        elif not match.group(2):
            problems.append(f"Message-ID {clip(message_id)!r} has no domain")
    version = value("MIME-Version")
    if version is None:
        problems.append("MIME-Version is missing")
    elif re.sub(r"\([^()]*\)", "", version).strip() != "1.0":
        problems.append(f"MIME-Version is {version!r}, not 1.0")
    if value("Reply-To") is not None:
        found, wrong = _addresses(message, "Reply-To")
        problems += wrong
        if not found:
            problems.append("Reply-To has no address")
    return problems


def _unsubscribe(value: Values) -> tuple[list[str], bool]:
    """List-Unsubscribe (RFC 2369) and one-click (RFC 8058): the problems, and whether
    one-click is offered."""
    problems: list[str] = []
    unsubscribe = value("List-Unsubscribe")
    post = value("List-Unsubscribe-Post")
    if unsubscribe is None:
        if post is not None:
            problems.append("List-Unsubscribe-Post without List-Unsubscribe")
        return problems, False
    uris = [u.strip() for u in _ANGLE_URI.findall(unsubscribe)]
    https = [u for u in uris if safe_link(u)]
    mailto = [u for u in uris if safe_link(u, mailto=True) and not safe_link(u)]
    if not (https or mailto):
        problems.append(
            f"List-Unsubscribe {clip(unsubscribe)!r} has no <https://...> or <mailto:...>"
        )
    if not https:
        return problems, False
    if post is None:
        problems.append(
            "List-Unsubscribe has an https URI but no "
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058)"
        )
    elif post.strip() != "List-Unsubscribe=One-Click":
        problems.append(f"List-Unsubscribe-Post is {post!r}, not List-Unsubscribe=One-Click")
    else:
        return problems, True
    return problems, False


def _line_breaks(message: EmailMessage) -> list[str]:
    """No line break in any decoded header value (an encoded word can carry one)."""
    problems: list[str] = []
    for name in dict.fromkeys(message.keys()):
        try:
            decoded = [str(header) for header in message.get_all(name, [])]
        except Exception:  # unparseable: the checks above name the header
            continue
        for header in decoded:
            if "\r" in header or "\n" in header:
                problems.append(f"{name} contains a line break: {clip(header)!r}")
    return problems


def _local_domains(message: EmailMessage, value: Values) -> list[str]:
    return sorted(
        {
            f"{a.username}@{a.domain}"
            for name in ("From", "To", "Reply-To")
            if value(name) is not None
            for a in _addresses(message, name)[0]
            if "." not in a.domain
        }
    )


@check("headers")
def headers(loaded: Loaded) -> CheckResult:
    raw, message = loaded.raw, loaded.message
    problems = _bare_line_breaks(raw)
    raw_values: dict[str, list[str]] = {}
    for name, header in message.raw_items():
        raw_values.setdefault(name.lower(), []).append(_unfold(str(header)))

    def value(name: str) -> str | None:
        values = raw_values.get(name.lower())
        return values[0] if values else None

    for name in _ONCE:
        count = len(raw_values.get(name.lower(), []))
        if count > 1:
            problems.append(f"{name} appears {count} times")
    problems += _sender_and_recipients(message, value)
    problems += _subject_and_date(message, value)
    problems += _ids_and_reply_to(message, value)
    unsubscribe, one_click = _unsubscribe(value)
    problems += unsubscribe
    problems += _line_breaks(message)
    if problems:
        return failure("headers", "; ".join(dict.fromkeys(problems)))
    local = _local_domains(message, value)
    if local:
        return warned(
            "headers",
            f"{', '.join(local)}: a domain without a dot only reaches this machine's network "
            "(set a real sender and recipients before sending)",
        )
    detail = "From, To, Subject, Date, Message-ID and MIME-Version are well-formed"
    if value("List-Unsubscribe") is not None:
        detail += "; List-Unsubscribe" + (" with one-click" if one_click else "")
    return passed("headers", detail)
