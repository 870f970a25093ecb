"""The ready-to-send message: multipart/alternative, text then HTML, UTF-8, quoted-printable.

Header values come from settings and article titles, which readers already fold to one clean
line; the ``email`` package refuses any CR/LF that might remain, so no header can be injected.

The message written to the outbox is the edition's; :func:`personalize` makes each recipient's
copy of it at send time (its own To, Message-ID and unsubscribe link). The Message-ID depends
on the edition (its folder) and its stories only, never on delivery settings or the clock.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html as html_text
import io
import re
from collections.abc import Iterable
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from urllib.parse import quote

from digest.compose import cut
from digest.errors import ConfigError
from digest.model import Digest
from digest.render.words import long_date
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
    values = dict(title=digest.title, date=long_date(digest.window.until), count=digest.count)
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
    edition: str | None = None,
    list_id: str | None = None,
) -> EmailMessage:
    """The digest as a MIME message. The Message-ID derives from the edition (the folder's
    name, the window's end date by default) and the ids of its stories; the boundary from the
    content, so the same input and clock give the same bytes."""
    edition = edition or f"{digest.window.until:%Y-%m-%d}"
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
    msg["Message-ID"] = message_id(edition, story_ids(digest), sender.domain)
    msg["MIME-Version"] = "1.0"
    msg["List-Id"] = f"{_phrase(digest.title)} <{list_id or default_list_id(digest.title, sender)}>"
    if unsubscribe_url:
        _unsubscribe_headers(msg, unsubscribe_url)
    _parts(msg, text, html, fingerprint[20:44])
    return msg


def _unsubscribe_headers(msg: EmailMessage, url: str) -> None:
    # RFC 8058 one-click unsubscribe; a mailto: link is offered as it is
    msg["List-Unsubscribe"] = f"<{url}>"
    if safe_link(url):  # an https link (a mailto: one is not one-click)
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def _parts(msg: EmailMessage, text: str, html: str, boundary: str) -> None:
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(f"=_digest_{boundary}")


def story_ids(digest: Digest) -> list[str]:
    """The ids of every article the digest shows or counts, sorted: its identity."""
    return sorted(
        a.id
        for s in (*digest.stories, *digest.more, *digest.unlisted)
        for a in (s.article, *s.also)
    )


def message_id(edition: str, ids: Iterable[str], domain: str) -> str:
    """``<digest.<edition>.<hash of the story ids>@<domain>>``: the same edition with the same
    stories has the same Message-ID, whatever the delivery settings or the clock."""
    identity = hashlib.sha256("\0".join((edition, *sorted(ids))).encode()).hexdigest()
    return f"<digest.{edition.replace('-', '')}.{identity[:20]}@{domain}>"


def _phrase(text: str) -> str:
    """A display phrase for a header: one clean line, quoted when it holds a special."""
    line = one_line(text)
    if any(c in line for c in '()<>@,;:\\".[]'):
        return '"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return line


def default_list_id(title: str, sender: Address) -> str:
    """``<title as a label>.<the sender's domain>`` (RFC 2919)."""
    label = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "digest"
    return f"{label[:60]}.{sender.domain}"


# --- each recipient's copy -------------------------------------------------------------------

_REPLACED = {"to", "message-id", "list-unsubscribe", "list-unsubscribe-post"}
_CONTENT = {"content-type", "content-transfer-encoding"}


def unsubscribe_link(template: str, address: str, secret: str | None) -> str:
    """The unsubscribe template filled in for one address: ``{email}`` percent-encoded,
    ``{token}`` the HMAC-SHA256 of the address (lower case) with ``secret``."""
    if "{token}" in template and not secret:
        raise ConfigError(
            "unsubscribe_url uses {token} but DIGEST_SECRET is not set: set it (a long random "
            "string, the same your unsubscribe page checks the token with)"
        )
    fields = {"email": quote(address, safe="@"), "token": token(address, secret or "")}
    return template.format(**fields)


def unsubscribe_template(message: EmailMessage) -> str:
    """The List-Unsubscribe header of a written digest, without its angle brackets: the
    template each recipient's link is filled in from ("" when there is none)."""
    return str(message.get("List-Unsubscribe") or "").strip().removeprefix("<").removesuffix(">")


def check_unsubscribe(template: str, secret: str | None) -> None:
    """A ConfigError now, before anything is made or sent, if ``template`` cannot be filled in
    (``{token}`` without DIGEST_SECRET)."""
    unsubscribe_link(template, "check@example.org", secret)


def token(address: str, secret: str) -> str:
    return hmac.new(secret.encode(), address.lower().encode(), hashlib.sha256).hexdigest()


def personalize(
    message: EmailMessage, recipient: Address, *, unsubscribe: str | None = None
) -> EmailMessage:
    """One recipient's copy of a written digest: its own To, a Message-ID of its own derived
    from the edition's, and ``unsubscribe`` (the template filled in for it) in place of the
    template in List-Unsubscribe and in both parts. Everything else is the edition's."""
    text_part, html_part = message.get_body(("plain",)), message.get_body(("html",))
    if text_part is None or html_part is None:
        raise ValueError("the message has no text or no HTML part")
    text, html = text_part.get_content(), html_part.get_content()
    template = unsubscribe_template(message)
    if template and unsubscribe and template != unsubscribe:
        text = text.replace(template, unsubscribe)
        html = html.replace(html_text.escape(template), html_text.escape(unsubscribe))
        html = html.replace(template, html_text.escape(unsubscribe))
    edition_id = str(message["Message-ID"]).strip()
    local, _, domain = edition_id.strip("<>").rpartition("@")
    mine = hashlib.sha256(recipient.addr_spec.lower().encode()).hexdigest()[:12]
    copy = EmailMessage(policy=_WRITE_POLICY)  # smtplib writes it with this policy: unfolded
    for key, value in message.items():
        name = key.lower()
        if name in _CONTENT:
            continue
        if name == "to":
            copy["To"] = recipient
        elif name == "message-id":
            copy["Message-ID"] = f"<{local}.{mine}@{domain}>"
        elif name == "list-unsubscribe" and unsubscribe:
            _unsubscribe_headers(copy, unsubscribe)
        elif name not in _REPLACED:
            copy[key] = str(value)
    boundary = hashlib.sha256(f"{edition_id}\0{mine}".encode()).hexdigest()[:24]
    _parts(copy, text, html, boundary)
    return copy


def read_recipients(path: Path) -> tuple[Address, ...]:
    """Recipients from a file: one address a line (blank lines and ``#`` comments passed
    over), or CSV whose header row has an ``email`` column (a ``name`` column is used as the
    display name). The same address twice is one recipient. ConfigError names the file and
    line of anything that is not an address."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"recipients_file {str(path)!r} cannot be read: {exc}") from None
    found: dict[str, Address] = {}
    rows = list(csv.reader(io.StringIO(content)))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    if "email" in header:
        column, name = header.index("email"), header.index("name") if "name" in header else None
        lines = [
            (
                n,
                row[column].strip(),
                row[name].strip() if name is not None and name < len(row) else "",
            )
            for n, row in enumerate(rows[1:], start=2)
            if len(row) > column and row[column].strip()
        ]
    else:
        lines = [
            (n, line.strip(), "")
            for n, line in enumerate(content.splitlines(), start=1)
            if line.strip() and not line.strip().startswith("#")
        ]
    for number, value, display in lines:
        where = f"recipients_file {path}, line {number}"
        address = parse_address(f"{display} <{value}>" if display else value, where)
        found.setdefault(address.addr_spec.lower(), address)
    return tuple(found.values())


# Headers are written unfolded (RFC 5322 allows 998 characters a line): Python's folder puts a
# subject holding "(...)" on a continuation line, which clients then show with a leading space.
# Bodies are already quoted-printable with 76-character lines when they are set.
_WRITE_POLICY = SMTP.clone(max_line_length=998)


def message_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=_WRITE_POLICY)
