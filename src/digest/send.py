"""Deliver a written digest's ``.eml`` over SMTP, once.

The SMTP password is read from ``DIGEST_SMTP_PASSWORD`` only (never from a file or an option).
What was delivered is recorded in the outbox state by Message-ID, so the same digest is not
sent twice (``force`` sends it again); a rebuilt digest with new content has a new Message-ID.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr
from pathlib import Path

from digest.errors import DigestError, UsageError
from digest.outbox import names, state
from digest.outbox.digest_folder import DigestFolder, eml_path
from digest.settings import Settings

DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 30


class AlreadySent(DigestError):
    exit_code = 0


def _message(path: Path) -> tuple[Path, EmailMessage]:
    eml = eml_path(path)
    if not eml.is_file():
        raise UsageError(f"no digest to send at {str(path)!r} (expected a folder with {names.EML})")
    message = DigestFolder.open(path).message  # smtplib sends it with CRLF line endings
    if not message["Message-ID"] or not message["From"]:
        raise DigestError(f"{eml} has no Message-ID or From header")
    return eml, message


def recipients(message: EmailMessage) -> list[str]:
    addresses = getaddresses([str(v) for k in ("To", "Cc", "Bcc") for v in message.get_all(k, [])])
    return [addr for _, addr in addresses if addr]


def send(
    path: Path,
    settings: Settings,
    env: Mapping[str, str],
    *,
    force: bool = False,
    now: datetime | None = None,
) -> dict[str, object]:
    """Send ``path`` (a digest folder or .eml). Returns what was recorded; raises AlreadySent
    when this Message-ID was delivered before and ``force`` is not set."""
    settings = settings.validated()  # a mistyped smtp_security must not mean plain SMTP
    eml, message = _message(path)
    out = eml.parent.parent  # OUT/<date>/digest.eml
    message_id = str(message["Message-ID"])
    to = recipients(message)
    if not to:
        raise DigestError(f"{eml} has no recipients")
    with state.locked(out, wait=30):
        current = state.load(out)
        if message_id in current.sent and not force:
            when = current.sent[message_id].get("at")
            raise AlreadySent(
                f"{eml.parent.name} was already sent at {when} (Message-ID {message_id}); "
                "use --force to send it again"
            )
        _deliver(message, to, settings, env)
        record: dict[str, object] = {
            "at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "folder": eml.parent.name,
            "to": to,
            "server": f"{settings.smtp_host}:{_port(settings)}",
        }
        state.save(out, current.with_sent(message_id, record))
    return record


def _port(settings: Settings) -> int:
    return settings.smtp_port or DEFAULT_PORTS[settings.smtp_security]


def _deliver(
    message: EmailMessage, to: list[str], settings: Settings, env: Mapping[str, str]
) -> None:
    host, port = settings.smtp_host, _port(settings)
    password = env.get("DIGEST_SMTP_PASSWORD")
    if settings.smtp_user and not password:
        raise UsageError("smtp_user is set but DIGEST_SMTP_PASSWORD is not")
    sender = parseaddr(str(message["From"]))[1]
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
            refused = client.send_message(message, from_addr=sender, to_addrs=to)
    except smtplib.SMTPAuthenticationError as exc:
        raise DigestError(f"SMTP login to {host}:{port} refused: {exc.smtp_code}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DigestError(
            f"{host}:{port} does not support that: {exc} (set smtp_security to tls or none?)"
        ) from None
    except (TimeoutError, smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise DigestError(f"could not send through {host}:{port}: {exc}") from None
    if refused:
        raise DigestError(f"the server refused some recipients: {', '.join(refused)}")
