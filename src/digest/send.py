"""Deliver written digests over SMTP: one message per recipient, each recipient once, and a
queue of digests still to send.

Each recipient gets its own copy of the edition's ``.eml`` (:func:`personalize`: its own To,
Message-ID and unsubscribe link). Every delivery is recorded in the outbox state as soon as
the server accepts it (per digest folder and recipient), so a send that stops half-way (the
server goes away, the process is killed) resumes with the recipients not reached yet and never
mails the others again. A digest whose send did not complete stays *pending*; :func:`send_pending`
sends the pending digests of an outbox, oldest first. A test send (``to``) is not recorded.

Recipients are the configured ones (``recipients`` and ``recipients_file``), else the To of
the written message. The SMTP password is read from ``DIGEST_SMTP_PASSWORD`` only, the secret
of unsubscribe tokens from ``DIGEST_SECRET`` only (never from a file or an option).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from digest.errors import DigestError, UsageError
from digest.outbox import names, state
from digest.outbox.digest_folder import DigestFolder, eml_path
from digest.render.message import (
    check_unsubscribe,
    parse_address,
    parse_addresses,
    personalize,
    read_recipients,
    unsubscribe_link,
    unsubscribe_template,
)
from digest.settings import Settings

DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 30
LOCK_WAIT = 30  # seconds a send waits for a make holding the outbox


class AlreadySent(DigestError):
    exit_code = 0


class SendError(DigestError):
    """A digest could not be sent (completely); it stays pending. ``pending`` names the
    folders still waiting, oldest first."""

    def __init__(self, message: str, pending: tuple[Path, ...] = ()) -> None:
        super().__init__(message)
        self.pending = pending


@dataclass(frozen=True)
class Sent:
    """What one send did: the folder, the addresses it reached now, those reached before."""

    folder: Path
    to: tuple[str, ...]
    before: int
    server: str
    test: bool = False


def _message(path: Path) -> tuple[Path, EmailMessage]:
    eml = eml_path(path)
    if not eml.is_file():
        raise UsageError(f"no digest to send at {str(path)!r} (expected a folder with {names.EML})")
    message = DigestFolder.open(path).message  # smtplib sends it with CRLF line endings
    if not message["Message-ID"] or not message["From"]:
        raise DigestError(f"{eml} has no Message-ID or From header")
    return eml, message


def recipients(settings: Settings, message: EmailMessage | None = None) -> tuple[Address, ...]:
    """The configured recipients (``recipients`` then ``recipients_file``, each address
    once), else the written message's To and Cc."""
    found: dict[str, Address] = {}
    configured = parse_addresses(settings.recipients, "recipients")
    if settings.recipients_file is not None:
        configured += read_recipients(settings.recipients_file)
    if not configured and message is not None:
        pairs = getaddresses([str(v) for k in ("To", "Cc") for v in message.get_all(k, [])])
        configured = tuple(parse_address(f"{n} <{a}>" if n else a, "To") for n, a in pairs if a)
    for address in configured:
        found.setdefault(address.addr_spec.lower(), address)
    return tuple(found.values())


def _unsubscribe(message: EmailMessage, env: Mapping[str, str]) -> Callable[[str], str | None]:
    """The message's unsubscribe template, filled in per address; checked once up front (a
    template with {token} and no DIGEST_SECRET is a ConfigError before anything is sent)."""
    template = unsubscribe_template(message)
    if not template:
        return lambda address: None
    if "{" not in template:  # the same link for everyone: each copy keeps it as it is
        return lambda address: template
    secret = env.get("DIGEST_SECRET")
    check_unsubscribe(template, secret)
    return lambda address: unsubscribe_link(template, address, secret)


def _now(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def send(
    path: Path,
    settings: Settings,
    env: Mapping[str, str],
    *,
    force: bool = False,
    now: datetime | None = None,
    to: tuple[str, ...] = (),
    wait: float = LOCK_WAIT,
) -> Sent:
    """Send ``path`` (a digest folder or .eml) to each recipient it has not reached yet.

    With ``to``, a test send: to those addresses only, nothing recorded. ``force`` sends to
    every recipient again. Raises AlreadySent when every recipient had it, SendError when the
    send stopped (the digest is then pending), ConfigError for a bad recipient or template."""
    settings = settings.validated()  # a mistyped smtp_security must not mean plain SMTP
    eml, message = _message(path)
    fill = _unsubscribe(message, env)
    sender = parse_address(str(message["From"]), "From").addr_spec
    if to:
        tests = parse_addresses(to, "--to")
        with _connection(settings, env) as client:
            for address in tests:
                copy = personalize(message, address, unsubscribe=fill(address.addr_spec))
                _one(client, copy, sender, address)
        return Sent(eml.parent, tuple(a.addr_spec for a in tests), 0, _server(settings), True)
    everyone = recipients(settings, message)
    if not everyone:
        raise DigestError(f"{eml} has no recipients")
    out, name = eml.parent.parent, eml.parent.name  # OUT/<folder>/digest.eml
    message_id = str(message["Message-ID"]).strip()
    with state.locked(out, wait=wait):
        current = state.load(out)
        delivery = current.delivery(name)
        if delivery.message_id != message_id and not delivery.started:
            delivery = replace(delivery, message_id=message_id)  # remade before any send
        if delivery.complete is not None and not force:
            raise AlreadySent(
                f"{name} was already sent at {delivery.complete} (Message-ID "
                f"{delivery.message_id or message_id}); use --force to send it again"
            )
        if force:
            delivery = replace(delivery, done={}, complete=None)
        before = len(delivery.done)
        todo = [a for a in everyone if a.addr_spec.lower() not in delivery.done]
        delivery = replace(delivery, queued=delivery.queued or _now(now))
        current = current.with_delivery(name, delivery)
        state.save(out, current)  # pending from here: a failure below leaves it queued
        reached: list[str] = []
        refused: list[str] = []
        try:
            with _connection(settings, env) as client:
                for address in todo:
                    copy = personalize(message, address, unsubscribe=fill(address.addr_spec))
                    outcome = _one(client, copy, sender, address)
                    key = address.addr_spec.lower()
                    if outcome is None:
                        reached.append(address.addr_spec)
                        delivery = replace(delivery, done={**delivery.done, key: _now(now)})
                    elif outcome.startswith("5"):  # refused for good: never retried
                        refused.append(f"{address.addr_spec} ({outcome})")
                        done = {**delivery.done, key: f"refused {outcome}"}
                        delivery = replace(delivery, done=done)
                    else:  # refused for now: retried with the queue
                        refused.append(f"{address.addr_spec} ({outcome}, will retry)")
                        continue
                    current = current.with_delivery(name, delivery)
                    state.save(out, current)
        except SendError as exc:
            raise SendError(
                f"{exc.message}; {name} is pending ({len(delivery.done)} of "
                f"{len(everyone)} recipients reached)"
            ) from None
        if all(a.addr_spec.lower() in delivery.done for a in everyone):
            delivery = replace(delivery, complete=_now(now))
            state.save(out, current.with_delivery(name, delivery))
        if refused:
            note = "; ".join(refused)
            if delivery.complete is None:
                raise SendError(f"the server refused {note}; {name} is pending")
            raise SendError(f"sent {name}, but the server refused {note}")
    return Sent(eml.parent, tuple(reached), before, _server(settings))


def pending(out: Path) -> list[Path]:
    """The digest folders of ``out`` waiting to be sent, oldest first."""
    if not (out / names.STATE).is_file():
        return []
    return [out / name for name in state.load(out).pending() if (out / name).is_dir()]


def send_pending(
    out: Path,
    settings: Settings,
    env: Mapping[str, str],
    *,
    now: datetime | None = None,
    wait: float = LOCK_WAIT,
    but: Path | None = None,
) -> list[Sent]:
    """Send every pending digest of ``out`` (other than ``but``), oldest first; stop at the
    first that fails (SendError naming every folder still pending)."""
    done = []
    for folder in pending(out):
        if but is not None and folder.resolve() == but.resolve():
            continue
        try:
            done.append(send(folder, settings, env, now=now, wait=wait))
        except AlreadySent:
            continue
        except SendError as exc:
            raise SendError(exc.message, tuple(pending(out))) from None
    return done


def _server(settings: Settings) -> str:
    return f"{settings.smtp_host}:{_port(settings)}"


def _port(settings: Settings) -> int:
    return settings.smtp_port or DEFAULT_PORTS[settings.smtp_security]


@contextmanager
def _connection(settings: Settings, env: Mapping[str, str]) -> Iterator[smtplib.SMTP]:
    """One SMTP session (logged in when ``smtp_user`` is set); failures are SendError."""
    host, port = settings.smtp_host, _port(settings)
    password = env.get("DIGEST_SMTP_PASSWORD")
    if settings.smtp_user and not password:
        raise UsageError("smtp_user is set but DIGEST_SMTP_PASSWORD is not")
    try:
        if settings.smtp_security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=TIMEOUT, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_user and password:
                client.login(settings.smtp_user, password)
            yield client
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"SMTP login to {host}:{port} refused: {exc.smtp_code}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(
            f"{host}:{port} does not support that: {exc} (set smtp_security to tls or none?)"
        ) from None
    except (TimeoutError, smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise SendError(f"could not send through {host}:{port}: {exc}") from None


def _one(
    client: smtplib.SMTP,
    message: EmailMessage,
    sender: str,
    address: Address,
) -> str | None:
    """Send one recipient's copy: None when accepted, the server's code and reply when it
    refused the recipient (the session goes on). Anything else is raised (SendError)."""
    try:
        refused = client.send_message(message, from_addr=sender, to_addrs=[address.addr_spec])
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    for code, reply in refused.values():
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{code} {text}".strip()
    return None
