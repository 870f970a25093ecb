"""digest send against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import email
import shutil
import subprocess
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from digest.cli import app
from mailserver import Inbox, free_port, smtp_env

runner = CliRunner()
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(
        app, list(args), env={"DIGEST_NOW": NOW.isoformat(), "TZ": "UTC", **(env or {})}
    )


def make_digest(articles: Path, out: Path, *extra: str) -> Path:
    result = invoke(
        "make",
        "-s",
        str(articles),
        "--out",
        str(out),
        "--since",
        "2026-11-20",
        "--from",
        "Desk <desk@example.org>",
        "--to",
        "one@example.org",
        "--to",
        "Two <two@example.org>",
        *extra,
    )
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip())


def test_send_delivers_once(articles: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    folder = make_digest(articles, tmp_path / "out")
    sent = invoke("send", str(folder), env=smtp_env(port))
    assert sent.exit_code == 0, sent.stderr
    assert "sent 2026-11-27 to one@example.org, two@example.org" in sent.stderr
    # one message per recipient (issue 15): each with its own To, never the other reader's
    assert [(m[0], m[1]) for m in inbox.messages] == [
        ("desk@example.org", ["one@example.org"]),
        ("desk@example.org", ["two@example.org"]),
    ]
    written = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    tos = ["one@example.org", "Two <two@example.org>"]
    for (_, _, content), to in zip(inbox.messages, tos, strict=True):
        received = email.message_from_bytes(content, policy=policy.default)
        assert str(received["To"]) == to
        assert received["Message-ID"].startswith(written["Message-ID"].rstrip(">").split("@")[0])
        assert (
            received.get_body(("plain",)).get_content()
            == written.get_body(("plain",)).get_content()
        )
    again = invoke("send", str(folder), env=smtp_env(port))
    assert again.exit_code == 0 and "already sent" in again.stderr
    assert len(inbox.messages) == 2
    forced = invoke("send", str(folder / "digest.eml"), "--force", env=smtp_env(port))
    assert forced.exit_code == 0 and len(inbox.messages) == 4


def test_make_send_does_both(articles: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    result = runner.invoke(
        app,
        [
            "make",
            "-s",
            str(articles),
            "--out",
            str(tmp_path / "out"),
            "--since",
            "2026-11-20",
            "--send",
        ],
        env={"DIGEST_NOW": NOW.isoformat(), "TZ": "UTC", **smtp_env(port)},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("2026-11-27") and len(inbox.messages) == 1
    assert inbox.messages[0][1] == ["digest@localhost"]  # no recipient: the sender


def test_unreachable_server_is_a_clear_error(articles: Path, tmp_path: Path) -> None:
    folder = make_digest(articles, tmp_path / "out")
    result = invoke("send", str(folder), env=smtp_env(free_port()))
    # not sent: the digest is pending, exit 5 (issue 15), its folder on stdout
    assert result.exit_code == 5 and "could not send through 127.0.0.1" in result.stderr
    assert result.stdout == f"{folder}\n"
    assert "Traceback" not in result.output
    nothing = invoke("send", str(tmp_path / "nowhere"), env=smtp_env(1))
    assert nothing.exit_code == 2 and "no digest to send" in nothing.stderr


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_starttls_with_login(articles: Path, tmp_path: Path) -> None:
    import ssl

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
    )
    controller.start()
    try:
        folder = make_digest(articles, tmp_path / "out")
        env = {
            **smtp_env(port, DIGEST_SMTP_SECURITY="starttls", DIGEST_SMTP_USER="digest"),
            "SSL_CERT_FILE": str(cert),
        }
        missing = invoke("send", str(folder), env=env)
        assert missing.exit_code == 2 and "DIGEST_SMTP_PASSWORD" in missing.stderr
        right = invoke("send", str(folder), env={**env, "DIGEST_SMTP_PASSWORD": "s3cret"})
        assert right.exit_code == 0, right.stderr
        # one message per recipient (issue 15), in one session
        assert logins == [(b"digest", b"s3cret")] and len(inbox.messages) == 2
    finally:
        controller.stop()


@pytest.mark.parametrize("security", ["startls", "bogus"])
def test_a_mistyped_security_is_a_settings_error_not_plain_smtp(
    articles: Path, tmp_path: Path, smtp: tuple[Inbox, int], security: str
) -> None:
    inbox, port = smtp
    folder = make_digest(articles, tmp_path / "out")
    env = smtp_env(port, DIGEST_SMTP_SECURITY=security, DIGEST_SMTP_USER="desk")
    result = invoke("send", str(folder), env={**env, "DIGEST_SMTP_PASSWORD": "s3cret"})
    assert result.exit_code == 2 and "smtp_security must be one of" in result.stderr
    assert inbox.messages == [] and "Traceback" not in result.output


def test_send_reads_the_digest_as_check_does(
    articles: Path, tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    """send, check and preview share one reader (DigestFolder): a file that is not an .eml is
    refused before any connection (send used to parse whatever file it was given), and so is
    an empty .eml."""
    inbox, port = smtp
    folder = make_digest(articles, tmp_path / "out")
    wrong = invoke("send", str(folder / "digest.html"), env=smtp_env(port))
    assert wrong.exit_code == 1 and "neither a digest folder nor an .eml file" in wrong.stderr
    empty = tmp_path / "out" / "2026-11-28" / "digest.eml"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    nothing = invoke("send", str(empty.parent), env=smtp_env(port))
    assert nothing.exit_code == 1 and "is empty, not an email message" in nothing.stderr
    assert inbox.messages == []
