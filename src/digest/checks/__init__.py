"""Pre-send checks: what a careful newsletter sender looks at before hitting send.

:func:`check_path` takes a digest folder (its ``digest.eml``, plus ``digest.html`` and
``digest.txt`` when present) or a single ``.eml`` file and returns one :class:`CheckResult` per
check: size (Gmail clipping), headers, MIME structure, the plain-text part's lines, links in both
parts, accessibility, absolute links, template leftovers, Outlook conditional comments, dark mode
and the preheader. Only the standard library is used, so the checks run wherever digest runs.
"""

from __future__ import annotations

import email
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from digest.errors import DigestError

__all__ = ["CHECKS", "CheckResult", "check_path", "failed", "format_results"]

EML_NAME = "digest.eml"
HTML_NAME = "digest.html"
TEXT_NAME = "digest.txt"

GMAIL_CLIP_BYTES = 102_000
HTML_WARN_BYTES = 90_000
TEXT_MAX = 78
TEXT_SOFT = 72
SUBJECT_MAX = 998
SHOW = 3  # offenders named in a detail

CHECKS = (
    "html-size",
    "headers",
    "mime-structure",
    "text-lines",
    "links-in-text",
    "accessibility",
    "absolute-links",
    "leftovers",
    "outlook-conditionals",
    "dark-mode",
    "preheader",
)


@dataclass(frozen=True)
class CheckResult:
    """One check. A warning is ``ok=True`` but worth saying."""

    name: str
    ok: bool
    detail: str
    warning: bool = False

    @property
    def status(self) -> str:
        if not self.ok:
            return "FAIL"
        return "WARN" if self.warning else "PASS"


def format_results(results: Iterable[CheckResult]) -> str:
    """One line per check: ``PASS  html-size  38.2 KB of HTML (Gmail clips at 102 KB)``."""
    return "\n".join(f"{r.status}  {r.name}  {r.detail}" for r in results)


def failed(results: Iterable[CheckResult]) -> bool:
    return any(not r.ok for r in results)


def _pass(name: str, detail: str) -> CheckResult:
    return CheckResult(name, True, detail)


def _warn(name: str, detail: str) -> CheckResult:
    return CheckResult(name, True, detail, warning=True)


def _fail(name: str, detail: str) -> CheckResult:
    return CheckResult(name, False, detail)


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def _first(items: Sequence[str], show: int = SHOW) -> str:
    """'a, b, c and 4 more'."""
    shown = ", ".join(items[:show])
    return shown if len(items) <= show else f"{shown} and {len(items) - show} more"


def _clip(value: str, width: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lineno(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


# --- loading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    eml: Path
    raw: bytes
    message: EmailMessage
    html: str | None  # LF line endings
    text: str | None
    html_from: str  # where the HTML came from, for details
    text_from: str
    mismatches: tuple[str, ...]  # folder files that differ from the message's parts
    folder: bool


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DigestError(f"{path} does not exist") from None
    except OSError as exc:
        raise DigestError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_text(path: Path) -> str:
    try:
        return _lf(_read(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DigestError(f"{path} is not valid UTF-8 (byte {exc.start})") from None


def _parse(path: Path, raw: bytes) -> EmailMessage:
    if not raw.strip():
        raise DigestError(f"{path} is empty, not an email message")
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
    except Exception as exc:  # the parser is lenient; anything it does raise is unparseable
        raise DigestError(f"{path} cannot be parsed as an email message: {exc}") from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise DigestError(f"{path} is not an email message (it has no headers)")
    return message


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset: mime-structure reports it
        return payload.decode("utf-8", errors="replace")


def _part(message: Message, content_type: str) -> str | None:
    """The first inline part of that type, decoded, with LF line endings."""
    for part in message.walk():
        if part.get_content_type() == content_type and not part.is_attachment():
            return _lf(_decoded(part))
    return None


def _first_difference(a: str, b: str) -> int:
    left, right = a.split("\n"), b.split("\n")
    for number, (x, y) in enumerate(zip(left, right, strict=False), start=1):
        if x != y:
            return number
    return min(len(left), len(right)) + 1


def _load(path: Path) -> _Source:
    if path.is_dir():
        eml = path / EML_NAME
        if not eml.is_file():
            raise DigestError(f"{eml} does not exist: {path} is not a digest folder")
        folder = True
    elif path.is_file():
        if path.suffix.lower() != ".eml":
            raise DigestError(f"{path} is neither a digest folder nor an .eml file")
        eml, folder = path, False
    else:
        raise DigestError(f"{path} does not exist")
    raw = _read(eml)
    message = _parse(eml, raw)
    html, text = _part(message, "text/html"), _part(message, "text/plain")
    html_from, text_from = "the text/html part", "the text/plain part"
    mismatches: list[str] = []
    if folder:
        for name, kind, part in ((HTML_NAME, "text/html", html), (TEXT_NAME, "text/plain", text)):
            file = path / name
            if not file.is_file():
                continue
            content = _read_text(file)
            if part is None:
                mismatches.append(f"{name} exists but {EML_NAME} has no {kind} part")
            elif content != part:
                line = _first_difference(content, part)
                mismatches.append(f"{name} differs from the {kind} part (line {line})")
            if kind == "text/html":
                html, html_from = content, name
            else:
                text, text_from = content, name
    return _Source(eml, raw, message, html, text, html_from, text_from, tuple(mismatches), folder)


# --- HTML scanning ---------------------------------------------------------------------------

_CONDITIONAL = re.compile(r"\[if[^\]]*\]>(.*)<!\[endif\]\s*$", re.DOTALL | re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_FILLER = " \t\r\n\u00a0\u00ad\u034f\u200b\u200c\u200d\u2007\u2060\ufeff"


@dataclass(frozen=True)
class _Tag:
    line: int
    name: str
    attrs: dict[str, str | None]


class _Scan(HTMLParser):
    """Collects what the HTML checks need. Markup inside Outlook conditional comments
    (``<!--[if mso]>...<![endif]-->``) is scanned too: Outlook users see it."""

    def __init__(self, first_line: int = 1) -> None:
        super().__init__(convert_charrefs=True)
        self._first_line = first_line
        self.html_lang: str | None = None
        self.seen_html = False
        self.tags: list[_Tag] = []  # table, img, a, area, link (including conditional ones)
        self.texts: list[tuple[int, str]] = []  # visible text and attribute values
        self.styles: list[str] = []
        self.metas: list[dict[str, str | None]] = []
        self.preheader: str | None = None
        self._raw_text: str | None = None  # inside <style>/<script>
        self._in_head = False
        self._table_seen = False
        self._hidden_depth = 0
        self._hidden_text: list[str] = []

    def line(self) -> int:
        return self.getpos()[0] + self._first_line - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.line()
        for attr, value in attrs:
            if value and attr != "style":
                self.texts.append((line, value))
        if tag == "html" and not self.seen_html:
            self.seen_html = True
            self.html_lang = values.get("lang")
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag in ("style", "script"):
            self._raw_text = tag
        elif tag == "meta":
            self.metas.append(values)
        if tag in ("table", "img", "a", "area", "link"):
            self.tags.append(_Tag(line, tag, values))
        if tag == "table":
            self._table_seen = True
        if tag == "div":
            if self._hidden_depth:
                self._hidden_depth += 1
            elif (
                self.preheader is None
                and not self._table_seen
                and not self._in_head
                and _HIDDEN.search(values.get("style") or "")
            ):
                self._hidden_depth = 1
                self._hidden_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw_text:
            self._raw_text = None
        elif tag == "head":
            self._in_head = False
        elif tag == "div" and self._hidden_depth:
            self._hidden_depth -= 1
            if not self._hidden_depth:
                text = "".join(self._hidden_text).strip(_FILLER)
                if text:
                    self.preheader = " ".join(text.split())

    def handle_data(self, data: str) -> None:
        if self._raw_text == "style":
            self.styles.append(data)
        elif self._raw_text is None:
            self.texts.append((self.line(), data))
            if self._hidden_depth:
                self._hidden_text.append(data)

    def handle_comment(self, data: str) -> None:
        match = _CONDITIONAL.match(data)
        if not match:
            return
        inner = _Scan(first_line=self.line())
        inner.feed(match.group(1))
        inner.close()
        self.tags.extend(inner.tags)
        self.texts.extend(inner.texts)


def _scan(html: str) -> _Scan:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan


# --- 1. html-size ----------------------------------------------------------------------------


def _check_html_size(html: str) -> CheckResult:
    size = len(html.encode("utf-8"))
    detail = f"{size / 1000:.1f} KB of HTML (Gmail clips at {GMAIL_CLIP_BYTES // 1000} KB)"
    if size > GMAIL_CLIP_BYTES:
        return _fail("html-size", f"{detail}: Gmail will cut the message short")
    if size >= HTML_WARN_BYTES:
        return _warn("html-size", f"{detail}: close to the limit")
    return _pass("html-size", detail)


# --- 2. headers ------------------------------------------------------------------------------

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
        problems.append(f"{name}: {defects[0]} in {_clip(str(header))!r}")
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


def _check_headers(raw: bytes, message: EmailMessage) -> CheckResult:
    problems = _bare_line_breaks(raw)
    raw_values: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        raw_values.setdefault(name.lower(), []).append(_unfold(str(value)))

    def value(name: str) -> str | None:
        values = raw_values.get(name.lower())
        return values[0] if values else None

    for name in _ONCE:
        count = len(raw_values.get(name.lower(), []))
        if count > 1:
            problems.append(f"{name} appears {count} times")

    # From: a display name and one valid address
    if value("From") is None:
        problems.append("From is missing")
    else:
        found, wrong = _addresses(message, "From")
        problems += wrong
        if len(found) != 1:
            problems.append(f"From has {len(found)} addresses, not one")
        elif not found[0].display_name.strip():
            problems.append(f"From {str(message['From'])!r} has no display name")
    # To: at least one address, all valid
    if value("To") is None:
        problems.append("To is missing")
    else:
        found, wrong = _addresses(message, "To")
        problems += wrong
        if not found:
            problems.append("To has no address")
    # Subject
    if value("Subject") is None:
        problems.append("Subject is missing")
    else:
        subject = str(message["Subject"])
        if not subject.strip():
            problems.append("Subject is empty")
        if len(subject) > SUBJECT_MAX:
            problems.append(f"Subject is {len(subject)} characters (at most {SUBJECT_MAX})")
    # Date: RFC 5322, with a time zone
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
    # Message-ID: <local@domain>
    message_id = value("Message-ID")
    if message_id is None:
        problems.append("Message-ID is missing")
    else:
        match = _MESSAGE_ID.fullmatch(message_id)
        if not match:
            problems.append(f"Message-ID {_clip(message_id)!r} is not of the form <local@domain>")
        elif not match.group(2):
            problems.append(f"Message-ID {_clip(message_id)!r} has no domain")
    # MIME-Version: 1.0 (comments allowed)
    version = value("MIME-Version")
    if version is None:
        problems.append("MIME-Version is missing")
    elif re.sub(r"\([^()]*\)", "", version).strip() != "1.0":
        problems.append(f"MIME-Version is {version!r}, not 1.0")
    # Reply-To, if present
    if value("Reply-To") is not None:
        found, wrong = _addresses(message, "Reply-To")
        problems += wrong
        if not found:
            problems.append("Reply-To has no address")
    # List-Unsubscribe (RFC 2369) and one-click (RFC 8058)
    unsubscribe = value("List-Unsubscribe")
    post = value("List-Unsubscribe-Post")
    one_click = False
    if unsubscribe is not None:
        uris = [u.strip() for u in _ANGLE_URI.findall(unsubscribe)]
        https = [u for u in uris if u.lower().startswith("https://") and len(u) > len("https://")]
        mailto = [u for u in uris if u.lower().startswith("mailto:") and len(u) > len("mailto:")]
        if not (https or mailto):
            problems.append(
                f"List-Unsubscribe {_clip(unsubscribe)!r} has no <https://...> or <mailto:...>"
            )
        if https:
            if post is None:
                problems.append(
                    "List-Unsubscribe has an https URI but no "
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058)"
                )
            elif post.strip() != "List-Unsubscribe=One-Click":
                problems.append(
                    f"List-Unsubscribe-Post is {post!r}, not List-Unsubscribe=One-Click"
                )
            else:
                one_click = True
    elif post is not None:
        problems.append("List-Unsubscribe-Post without List-Unsubscribe")
    # no line break in any decoded header value (an encoded word can carry one)
    for name in dict.fromkeys(message.keys()):
        try:
            decoded = [str(header) for header in message.get_all(name, [])]
        except Exception:  # unparseable: the checks above name the header
            continue
        for header in decoded:
            if "\r" in header or "\n" in header:
                problems.append(f"{name} contains a line break: {_clip(header)!r}")

    if problems:
        return _fail("headers", "; ".join(dict.fromkeys(problems)))
    local = sorted(
        {
            f"{a.username}@{a.domain}"
            for name in ("From", "To", "Reply-To")
            if value(name) is not None
            for a in _addresses(message, name)[0]
            if "." not in a.domain
        }
    )
    if local:
        return _warn(
            "headers",
            f"{', '.join(local)}: a domain without a dot only reaches this machine's network "
            "(set a real sender and recipients before sending)",
        )
    detail = "From, To, Subject, Date, Message-ID and MIME-Version are well-formed"
    if unsubscribe is not None:
        detail += "; List-Unsubscribe" + (" with one-click" if one_click else "")
    return _pass("headers", detail)


# --- 3. mime-structure -----------------------------------------------------------------------

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


def _check_mime_structure(raw: bytes, message: EmailMessage) -> CheckResult:
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
        problems.append(f"parser defects: {_first(list(dict.fromkeys(defects)))}")
    top = message.get_content_type()
    encodings: list[str] = []
    if top != "multipart/alternative":
        problems.append(f"the message is {top}, not multipart/alternative")
    else:
        payload = message.get_payload()
        parts = payload if isinstance(payload, list) else []
        kinds = [p.get_content_type() for p in parts]
        if kinds != ["text/plain", "text/html"]:
            problems.append(
                f"multipart/alternative holds {', '.join(kinds) or 'nothing'}, "
                "not text/plain then text/html"
            )
        for part in parts:
            if part.get_content_maintype() != "text":
                continue
            wrong, cte = _part_problems(part)
            problems += wrong
            encodings.append(cte)
    if problems:
        return _fail("mime-structure", "; ".join(problems))
    ctes = " and ".join(dict.fromkeys(encodings))
    return _pass(
        "mime-structure",
        f"multipart/alternative: text/plain then text/html, UTF-8, {ctes}, CRLF line endings",
    )


# --- 4. text-lines ---------------------------------------------------------------------------

_LONE_URL = re.compile(r" *(?:\[\d+\] ?)?<?((?:https?://|mailto:)\S+?)>?")
_SIGNATURE = "-- "  # RFC 3676: the signature separator keeps its trailing space


def _check_text_lines(text: str) -> CheckResult:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not "".join(lines).strip():
        return _fail("text-lines", "the text part is empty")
    too_long: list[str] = []
    lone_urls: list[str] = []
    trailing: list[str] = []
    over_soft = 0
    for number, line in enumerate(lines, start=1):
        if line != _SIGNATURE and line.endswith((" ", "\t")):
            trailing.append(str(number))
        url = _LONE_URL.fullmatch(line)
        if url and len(line) > TEXT_MAX and len(url.group(1)) > TEXT_MAX:
            lone_urls.append(str(number))
            continue
        if len(line) > TEXT_SOFT:
            over_soft += 1
        if len(line) > TEXT_MAX:
            too_long.append(f"line {number} ({len(line)})")
    problems: list[str] = []
    if too_long:
        problems.append(
            f"{_plural(len(too_long), 'line')} over {TEXT_MAX} characters: {_first(too_long)}"
        )
    if trailing:
        problems.append(
            f"trailing spaces on {_plural(len(trailing), 'line')}: line {_first(trailing)}"
        )
    if problems:
        return _fail("text-lines", "; ".join(problems))
    notes: list[str] = []
    if lone_urls:
        notes.append(
            f"{_plural(len(lone_urls), 'line')} over {TEXT_MAX} characters "
            f"{'is a URL' if len(lone_urls) == 1 else 'are URLs'} too long to wrap "
            f"(line {_first(lone_urls)})"
        )
    if over_soft * 10 > len(lines):
        notes.append(
            f"{over_soft} of {len(lines)} lines are over {TEXT_SOFT} characters (more than 10%)"
        )
    if notes:
        return _warn("text-lines", "; ".join(notes))
    return _pass(
        "text-lines",
        f"{_plural(len(lines), 'line')}, none over {TEXT_MAX} characters or with trailing spaces",
    )


# --- 5. links-in-text ------------------------------------------------------------------------

_URL_CONTINUES = re.compile(r"[A-Za-z0-9/?#&=%_~+\-]")


def _appears(url: str, text: str) -> bool:
    """``url`` occurs in ``text`` and is not merely the start of a longer URL."""
    start = text.find(url)
    while start != -1:
        end = start + len(url)
        if end == len(text) or not _URL_CONTINUES.match(text[end]):
            return True
        start = text.find(url, start + 1)
    return False


def _check_links_in_text(scan: _Scan, text: str) -> CheckResult:
    hrefs: list[str] = []
    for tag in scan.tags:
        href = (tag.attrs.get("href") or "").strip()
        if tag.name in ("a", "area") and re.match(r"(?i)(https?://|mailto:)", href):
            hrefs.append(href)
    hrefs = list(dict.fromkeys(hrefs))
    if not hrefs:
        return _pass("links-in-text", "no links in the HTML")
    missing = []
    for href in hrefs:
        found = _appears(href, text)
        if not found and href.lower().startswith("mailto:"):
            # a mail link may show as the bare address in plain text
            address = href[len("mailto:") :].split("?", 1)[0]
            found = bool(address) and _appears(address, text)
        if not found:
            missing.append(href)
    if missing:
        return _fail(
            "links-in-text",
            f"{len(missing)} of {_plural(len(hrefs), 'link')} in the HTML "
            f"{'is' if len(missing) == 1 else 'are'} missing from the text part: "
            f"{_first([_clip(m) for m in missing])}",
        )
    every = "the 1 link appears" if len(hrefs) == 1 else f"all {len(hrefs)} links appear"
    return _pass("links-in-text", f"{every} in the text part too")


# --- 6. accessibility ------------------------------------------------------------------------


def _check_accessibility(scan: _Scan) -> CheckResult:
    problems: list[str] = []
    if not scan.seen_html:
        problems.append("no <html> element (so no lang)")
    elif not (scan.html_lang or "").strip():
        problems.append("<html> has no lang attribute")
    tables = [t for t in scan.tags if t.name == "table"]
    bare = [f"line {t.line}" for t in tables if not (t.attrs.get("role") or "").strip()]
    if bare:
        problems.append(
            f"{len(bare)} of {_plural(len(tables), 'table')} "
            f'{"has" if len(bare) == 1 else "have"} no role="presentation" ({_first(bare)})'
        )
    images = [t for t in scan.tags if t.name == "img"]
    no_alt = [
        f"{_clip(t.attrs.get('src') or '(no src)', 50)} (line {t.line})"
        for t in images
        if "alt" not in t.attrs
    ]
    if no_alt:
        problems.append(
            f"{len(no_alt)} of {_plural(len(images), 'image')} "
            f"{'has' if len(no_alt) == 1 else 'have'} no alt: {_first(no_alt)}"
        )
    if problems:
        return _fail("accessibility", "; ".join(problems))
    lang = (scan.html_lang or "").strip()
    return _pass(
        "accessibility",
        f'lang="{lang}", {_plural(len(tables), "table")} with a role, '
        f"{_plural(len(images), 'image')} with alt",
    )


# --- 7. absolute-links -----------------------------------------------------------------------

_LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src"}


def _link_problem(value: str) -> str | None:
    url = value.strip()
    if not url:
        return "empty"
    if url.startswith("#"):
        return "an in-page anchor (email clients break these)"
    if url.startswith("//"):
        return "protocol-relative"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed"
    scheme = parts.scheme.lower()
    if scheme == "https":
        return None if parts.netloc else "https: without a host"
    if scheme == "mailto":
        return None if parts.path else "mailto: without an address"
    if scheme == "http":
        return "http:, not https:"
    if scheme:
        return f"{scheme}: is not allowed"
    return "relative"


def _check_absolute_links(scan: _Scan) -> CheckResult:
    offenders: list[str] = []
    checked = 0
    for tag in scan.tags:
        attr = _LINK_ATTRS.get(tag.name)
        if attr is None or attr not in tag.attrs:
            continue
        checked += 1
        value = tag.attrs[attr] or ""
        problem = _link_problem(value)
        if problem:
            offenders.append(f'<{tag.name} {attr}="{_clip(value, 50)}"> line {tag.line}: {problem}')
    if offenders:
        return _fail(
            "absolute-links",
            f"{len(offenders)} of {checked} links {'is' if len(offenders) == 1 else 'are'} "
            "not absolute https:/mailto: — "
            f"{_first(offenders)}",
        )
    return _pass("absolute-links", f"{checked} links and image sources, all https: or mailto:")


# --- 8. leftovers ----------------------------------------------------------------------------

# a whole ``{{ ... }}`` / ``{% ... %}`` / ``{# ... #}`` on one line counts once
_TEMPLATE = re.compile(r"\{\{(?:[^\n]*?\}\})?|\{%(?:[^\n]*?%\})?|\{#(?:[^\n]*?#\})?|\}\}|%\}")
_MJML_TAG = re.compile(r"</?mj-[a-z][^<>\n]*>?|<mjml\b[^<>\n]*>?", re.IGNORECASE)


def _leftover(where: str, line: int, match: re.Match[str]) -> str:
    return f"{where} line {line}: {_clip(match.group(), 40)!r}"


def _article_words(folder: Path) -> str:
    """Every string the digest's articles contribute (from its manifest), whitespace
    collapsed: an article may well contain ``{{`` as text, which is no leftover."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    if isinstance(data, dict):
        collect([data.get("articles"), data.get("more_stories")])
    return " ".join(" ".join(strings).split())


def _check_leftovers(
    html: str | None, scan: _Scan | None, text: str | None, articles: str = ""
) -> CheckResult:
    """Template syntax in the text part or in the HTML's text and attribute values (never in
    CSS, where ``}}`` is normal), and MJML tags anywhere in the HTML. Syntax that is part of
    an article's own words (``articles``, see :func:`_article_words`) is the article's."""
    found: list[str] = []

    def own(match: re.Match[str]) -> bool:
        words = " ".join(match.group(0).split())
        return bool(articles and words and words in articles)

    if text is not None:
        for match in _TEMPLATE.finditer(text):
            if not own(match):
                found.append(_leftover("text", _lineno(text, match.start()), match))
    if scan is not None:
        for line, chunk in scan.texts:
            for match in _TEMPLATE.finditer(chunk):
                if not own(match):
                    at = line + chunk.count("\n", 0, match.start())
                    found.append(_leftover("HTML", at, match))
    if html is not None:
        for match in _MJML_TAG.finditer(html):
            found.append(_leftover("HTML", _lineno(html, match.start()), match))
    if found:
        return _fail(
            "leftovers",
            f"{_plural(len(found), 'leftover')} of template syntax or MJML: {_first(found)}",
        )
    return _pass("leftovers", "no template syntax or MJML tags left over")


# --- 9. outlook-conditionals -----------------------------------------------------------------

_IF_ENDIF = re.compile(r"(<!--\[if\b)|<!\[endif\]-->", re.IGNORECASE)


def _check_outlook_conditionals(html: str) -> CheckResult:
    opened: list[int] = []
    total = 0
    for match in _IF_ENDIF.finditer(html):
        line = _lineno(html, match.start())
        if match.group(1):
            opened.append(line)
            total += 1
        elif opened:
            opened.pop()
        else:
            return _fail(
                "outlook-conditionals",
                f"<![endif]--> at line {line} closes no <!--[if ...]>",
            )
    if opened:
        return _fail(
            "outlook-conditionals",
            f"{_plural(len(opened), '<!--[if ...]>', '<!--[if ...]>s')} never closed "
            f"(line {_first([str(n) for n in opened])})",
        )
    if not total:
        return _pass("outlook-conditionals", "no Outlook conditional comments")
    return _pass("outlook-conditionals", f"{_plural(total, 'conditional comment')}, all closed")


# --- 10. dark-mode ---------------------------------------------------------------------------

_DARK_MEDIA = re.compile(r"@media[^{]*\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.IGNORECASE)
_SCHEME_METAS = ("color-scheme", "supported-color-schemes")


def _check_dark_mode(scan: _Scan) -> CheckResult:
    problems: list[str] = []
    metas = [m for m in scan.metas if (m.get("name") or "").strip().lower() in _SCHEME_METAS]
    contents = [(m.get("content") or "").strip() for m in metas]
    if not metas:
        problems.append('no <meta name="color-scheme" content="light dark">')
    elif not any("dark" in c.lower() for c in contents):
        problems.append(f"the color-scheme meta ({_first(contents) or 'empty'!r}) omits dark")
    rules = sum(len(_DARK_MEDIA.findall(style)) for style in scan.styles)
    if not rules:
        problems.append("no @media (prefers-color-scheme: dark) rule in a <style> block")
    if problems:
        return _fail("dark-mode", "; ".join(problems))
    return _pass(
        "dark-mode",
        f"color-scheme {contents[0]!r} and {_plural(rules, 'prefers-color-scheme: dark rule')}",
    )


# --- 11. preheader ---------------------------------------------------------------------------


def _check_preheader(scan: _Scan) -> CheckResult:
    if scan.preheader is None:
        return _warn(
            "preheader",
            "no hidden preheader (a display:none <div> before the first table): inboxes will "
            "show the first words of the email instead; add <mj-preview>",
        )
    return _pass("preheader", f"hidden preheader: {_clip(scan.preheader)!r}")


# --- all together ----------------------------------------------------------------------------


def check_path(path: Path) -> list[CheckResult]:
    """Run every check on a digest folder or a single ``.eml`` file.

    Raises DigestError (naming the file) when the folder has no ``digest.eml`` or a file is
    missing, unreadable or not an email message.
    """
    source = _load(Path(path))
    html, text = source.html, source.text
    scan = _scan(html) if html is not None else None

    def no_html(name: str) -> CheckResult:
        return _fail(name, f"no HTML to check: {source.eml.name} has no text/html part")

    def no_text(name: str) -> CheckResult:
        return _fail(name, f"no plain text to check: {source.eml.name} has no text/plain part")

    results = [
        _check_html_size(html) if html is not None else no_html("html-size"),
        _check_headers(source.raw, source.message),
        _check_mime_structure(source.raw, source.message),
        _check_text_lines(text) if text is not None else no_text("text-lines"),
    ]
    if scan is None:
        results.append(no_html("links-in-text"))
    elif text is None:
        results.append(no_text("links-in-text"))
    else:
        results.append(_check_links_in_text(scan, text))
    if scan is None:
        results += [no_html("accessibility"), no_html("absolute-links")]
    else:
        results += [_check_accessibility(scan), _check_absolute_links(scan)]
    results.append(_check_leftovers(html, scan, text, _article_words(source.eml.parent)))
    if html is None or scan is None:
        results += [no_html(n) for n in ("outlook-conditionals", "dark-mode", "preheader")]
    else:
        results += [
            _check_outlook_conditionals(html),
            _check_dark_mode(scan),
            _check_preheader(scan),
        ]
    files = [name for name in (source.html_from, source.text_from) if name.startswith("digest.")]
    if source.mismatches:
        results.append(_fail("parts-match", "; ".join(source.mismatches)))
    elif files:
        results.append(_pass("parts-match", f"{' and '.join(files)} match the parts of {EML_NAME}"))
    return results
