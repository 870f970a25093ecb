"""The ready-to-send message: multipart/alternative, text then HTML, UTF-8, quoted-printable.

Header values come from settings and article titles, which readers already fold to one clean
line; the ``email`` package refuses any CR/LF that might remain, so no header can be injected.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, parseaddr

from digest.compose import cut
from digest.errors import ConfigError
from digest.model import Digest
from digest.settings import DEFAULT_SUBJECT
from digest.text import one_line
from digest.urls import safe_link


def parse_address(value: str, setting: str) -> Address:
    """'Name <user@example.org>' or 'user@example.org'; anything else is a ConfigError."""
    if "\n" in value or "\r" in value:
        raise ConfigError(f"{setting}: an address cannot contain a line break")
    name, addr = parseaddr(value)
    user, at, domain = addr.rpartition("@")
    if not (user and at and domain) or " " in addr:
        raise ConfigError(f"{setting}: {value!r} is not an email address")
    return Address(display_name=name, username=user, domain=domain)


def parse_addresses(values: tuple[str, ...], setting: str) -> tuple[Address, ...]:
    pairs = getaddresses(list(values))
    return tuple(parse_address(f"{n} <{a}>" if n else a, setting) for n, a in pairs)


SUBJECT_CHARS = 60  # what a phone shows of a subject


def subject(digest: Digest, template: str = DEFAULT_SUBJECT) -> str:
    """The subject: the template with {top} the lead story's headline (its hook), cut at a
    word so that the whole subject stays within :data:`SUBJECT_CHARS` where it can."""
    values = dict(title=digest.title, date=_long_date(digest.window.until), count=digest.count)
    top = digest.hook or (digest.stories[0].article.title if digest.stories else "")
    room = max(30, SUBJECT_CHARS - len(one_line(template.format(top="", **values))))
    text = template.format(top=cut(top or "no new stories", room), **values)
    # one line, whatever the template or the titles hold (a configured title is not cleaned
    # by any reader): no controls, bidi or zero-width characters
    return one_line(text)


def build_message(
    digest: Digest,
    html: str,
    text: str,
    sender: Address,
    recipients: tuple[Address, ...],
    now: datetime,
    *,
    reply_to: Address | None = None,
    subject_template: str = DEFAULT_SUBJECT,
    unsubscribe_url: str | None = None,
) -> EmailMessage:
    """The digest as a MIME message. Message-ID and boundary derive from the content, so the
    same input and clock give the same bytes."""
    fingerprint = hashlib.sha256(
        "\0".join(
            (
                digest.title,
                digest.window.since.isoformat(),
                digest.window.until.isoformat(),
                text,
                html,
            )
        ).encode()
    ).hexdigest()
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = recipients or (sender,)
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject(digest, subject_template)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = f"<digest.{digest.window.until:%Y%m%d}.{fingerprint[:20]}@{sender.domain}>"
    msg["MIME-Version"] = "1.0"
    if unsubscribe_url:
        # RFC 8058 one-click unsubscribe; a mailto: link is offered as it is
        msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        if safe_link(unsubscribe_url):  # an https link (a mailto: one is not one-click)
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(f"=_digest_{fingerprint[20:44]}")
    return msg


# Headers are written unfolded (RFC 5322 allows 998 characters a line): Python's folder puts a
# subject holding "(...)" on a continuation line, which clients then show with a leading space.
# Bodies are already quoted-printable with 76-character lines when they are set.
_WRITE_POLICY = SMTP.clone(max_line_length=998)


def message_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=_WRITE_POLICY)


def _long_date(moment: datetime) -> str:
    from digest.render.templates import (
        long_date,  # the template engine is loaded only to write a message
    )

    return long_date(moment)
