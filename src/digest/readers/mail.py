"""Mail (``.eml``: one message; ``.mbox``: a mailbox of them), e.g. a newsletter inbox.

Each message is an article: its Subject the headline, its Date the publication date, its
sender (the From display name, else the address) the source and author, and its body the
text: the HTML part when there is one, else the plain-text part, decoded as the message says
(quoted-printable, base64, any charset). A newsletter's chrome is removed: "View this email in
your browser" lines at the top, and from the first unsubscribe or "you are receiving this"
paragraph near the end, the footer (addresses, preferences, copyright, social links).
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import parseaddr

from digest.errors import ArticleError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.text import clean_line, html_to_paragraphs, text_paragraphs

__all__ = ["MAIL", "read_mail", "remove_chrome"]

# The line that separates messages in an mbox file ("From sender date"), at the start or
# after a blank line (mboxo/mboxrd quote body lines that start "From " as ">From ").
_MBOX_FROM = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\r\n\r\n))From \S+ [^\r\n]*\d[^\r\n]*\r?\n")
# A newsletter's chrome: lines above the content, and the footer's first paragraph.
_HEAD_CHROME = re.compile(
    r"view (?:this|it|the) (?:e-?mail|newsletter|message)? ?(?:in|on) (?:your|a|the) "
    r"(?:web )?browser|having trouble (?:viewing|reading)|(?:e-?mail|newsletter) not "
    r"displaying|^view (?:online|in browser|as a web ?page)\b|^web version$",
    re.I,
)
_FOOTER = re.compile(
    r"unsubscribe|you (?:are|were) receiving this|you received this|you(?:'|’)re receiving "
    r"this|no longer (?:wish|want) to receive|(?:update|manage|change) (?:your )?(?:e-?mail )?"
    r"(?:preferences|subscription|settings)|opt[ -]out|this (?:e-?mail|message) was sent to",
    re.I,
)
_CHROME = re.compile(
    r"^(?:forward(?:ed)? (?:this|to a friend)|add us to your address book|follow us on|"
    r"share on|tweet|facebook|twitter|linkedin|instagram|©|copyright\b|all rights reserved)",
    re.I,
)


_QUOTED_FROM = re.compile(rb"(?m)^>(>*From )")


CHROME_WORDS = 12  # chrome is a short line: a longer paragraph is the article's


def _messages(data: bytes) -> list[bytes]:
    """The messages of an mbox file (or the one message of an .eml); body lines quoted as
    ">From " are given back their "From " (mboxrd)."""
    if not data.startswith(b"From "):
        return [data]
    parts = _MBOX_FROM.split(data)
    return [_QUOTED_FROM.sub(rb"\1", p) for p in parts if p.strip()]


def remove_chrome(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A newsletter's paragraphs without the chrome around its content."""
    kept = list(paragraphs)
    while kept and _HEAD_CHROME.search(kept[0]):
        kept.pop(0)
    start = len(kept) // 2  # a footer is in the second half: an article may mention these
    for index in range(start, len(kept)):
        if _FOOTER.search(kept[index]):
            kept = kept[:index]
            break
    return tuple(p for p in kept if not _is_chrome(p))


def _is_chrome(paragraph: str) -> bool:
    """A short line of chrome ("Follow us on Twitter", "© 2026 ...") anywhere in the message;
    a sentence of the article that merely starts with such a word stays."""
    if _HEAD_CHROME.search(paragraph):
        return True
    return len(paragraph.split()) <= CHROME_WORDS and _CHROME.search(paragraph) is not None


def _body(message: EmailMessage) -> tuple[str, ...]:
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        return ()
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset, a broken part
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ()
    if part.get_content_subtype() == "html":
        return html_to_paragraphs(content)
    return text_paragraphs(content)


def _message(data: bytes, number: int) -> Entry | EntrySkip:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    ident = clean_line(str(message.get("Message-ID") or "")).strip("<>") or None
    label = ident or f"message {number}"
    try:
        subject = clean_line(str(message.get("Subject") or ""))
        sender_name, sender_address = parseaddr(str(message.get("From") or ""))
        date = clean_line(str(message.get("Date") or "")) or None
    except (ValueError, TypeError, IndexError) as exc:  # a header the parser cannot read
        return EntrySkip(label, f"unreadable header: {exc}")
    paragraphs = remove_chrome(_body(message))
    if not paragraphs:
        return EntrySkip(label, "no text in the message")
    sender = clean_line(sender_name) or clean_line(sender_address) or None
    return Entry(
        title=subject,
        paragraphs=paragraphs,
        date=date,
        date_origin="mail date" if date else "",
        id=f"mid:{ident}" if ident else None,
        author=sender,
        source=sender,
        language=clean_line(str(message.get("Content-Language") or "")) or None,
    )


def read_mail(data: bytes, label: str) -> list[Entry | EntrySkip]:
    """Every message in an .eml or mbox file. Raises ArticleError when there is none."""
    messages = _messages(data)
    if not messages:
        raise ArticleError("no message in the file")
    return [_message(raw, number) for number, raw in enumerate(messages, 1)]


class _MailReader:
    """One message (.eml) or a mailbox (.mbox)."""

    extensions: tuple[str, ...] = (".eml", ".mbox")

    def enabled(self) -> str | None:
        return None

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        return read_mail(data, location.as_posix())


MAIL = register(_MailReader())
