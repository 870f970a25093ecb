"""The one reader of a written digest: its folder (``OUT/<date>/``) or a lone ``.eml`` file.

:class:`DigestFolder` knows where each file is (names from :mod:`digest.outbox.names`), reads the
raw ``.eml`` and parses it, decodes its parts (:func:`decode_part`, the one mail-part decoder),
and reads ``digest.html``, ``digest.txt`` and ``manifest.json``. ``digest check``,
``digest preview`` and ``digest send`` all read digests through it.

Strict reads (:attr:`DigestFolder.raw`, :attr:`DigestFolder.message`, ``file_text(strict=True)``)
raise DigestError naming the file; lenient ones return None (or replace undecodable bytes), for
a viewer that must show whatever is there.
"""

from __future__ import annotations

import email
import json
from collections.abc import Mapping
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from functools import cached_property
from pathlib import Path
from typing import Any

from digest.errors import DigestError
from digest.outbox import names
from digest.text import lf

HEADER_LIMIT = 65_536  # bytes of the .eml read to find its headers (a listing reads only those)


def decode_part(part: Message) -> str:
    """A non-multipart part's payload as text, line endings kept. An unknown or missing charset
    never fails: missing means US-ASCII, unknown falls back to UTF-8; bad bytes are replaced
    (``digest check``'s mime-structure names the charset)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset
        return payload.decode("utf-8", errors="replace")


def eml_path(path: Path) -> Path:
    """The message of a digest folder (``<folder>/digest.eml``) or the .eml file itself."""
    path = Path(path)
    return path / names.EML if path.is_dir() else path


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DigestError(f"{path} does not exist") from None
    except OSError as exc:
        raise DigestError(f"cannot read {path}: {exc.strerror or exc}") from None


def _header_block(raw: bytes) -> bytes:
    for end in (b"\r\n\r\n", b"\n\n"):
        at = raw.find(end)
        if at >= 0:
            return raw[: at + len(end)]
    return raw


class DigestFolder:
    """A digest folder or a lone ``.eml``. ``files`` maps each readable file name to its path:
    by default every name in :data:`~digest.outbox.names.DIGEST_FILES` in the folder; a caller
    that must not follow some paths (the preview's containment) passes only the allowed ones."""

    def __init__(
        self, where: Path, *, folder: bool, files: Mapping[str, Path | None] | None = None
    ) -> None:
        self.where = Path(where)  # the folder, or the .eml
        self.folder = folder
        base = self.where if folder else self.where.parent
        if files is None:
            files = {name: base / name for name in names.DIGEST_FILES}
            if not folder:
                files = {**files, names.EML: self.where}
        self._files = {name: path for name, path in files.items() if path is not None}

    @classmethod
    def open(cls, path: Path) -> DigestFolder:
        """A digest folder (it must hold ``digest.eml``) or an ``.eml`` file; DigestError
        otherwise."""
        path = Path(path)
        if path.is_dir():
            eml = path / names.EML
            if not eml.is_file():
                raise DigestError(f"{eml} does not exist: {path} is not a digest folder")
            return cls(path, folder=True)
        if path.is_file():
            if path.suffix.lower() != ".eml":
                raise DigestError(f"{path} is neither a digest folder nor an .eml file")
            return cls(path, folder=False)
        raise DigestError(f"{path} does not exist")

    # --- files ---------------------------------------------------------------------------

    @property
    def eml(self) -> Path:
        return self._files.get(names.EML) or self.where / names.EML

    def file(self, name: str) -> Path | None:
        """The path of one of the digest's files, when it is there (and may be read)."""
        path = self._files.get(name)
        return path if path is not None and path.is_file() else None

    def read_bytes(self, name: str, limit: int | None = None) -> bytes | None:
        """A file's bytes (at most ``limit``), or None when it is missing or unreadable."""
        path = self._files.get(name)
        if path is None:
            return None
        try:
            with open(path, "rb") as handle:
                return handle.read() if limit is None else handle.read(limit)
        except OSError:
            return None

    def file_text(self, name: str, *, strict: bool = True) -> str | None:
        """A folder file as text with LF line endings, or None when it is not there. Strict:
        DigestError when it is unreadable or not UTF-8; lenient: bad bytes replaced."""
        path = self.file(name)
        if path is None:
            return None
        if not strict:
            raw = self.read_bytes(name)
            return None if raw is None else lf(raw.decode("utf-8", errors="replace"))
        try:
            return lf(_read(path).decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise DigestError(f"{path} is not valid UTF-8 (byte {exc.start})") from None

    def manifest(self) -> dict[str, Any] | None:
        """``manifest.json`` as a dict, or None when it is missing, unreadable or not an
        object."""
        raw = self.read_bytes(names.MANIFEST)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    # --- the message ---------------------------------------------------------------------

    @cached_property
    def raw(self) -> bytes:
        """The .eml's bytes; DigestError when it is missing or unreadable."""
        if names.EML not in self._files:
            raise DigestError(f"{self.eml} cannot be read")
        return _read(self.eml)

    @cached_property
    def message(self) -> EmailMessage:
        """The parsed message; DigestError when the file is empty or not a message."""
        raw, path = self.raw, self.eml
        if not raw.strip():
            raise DigestError(f"{path} is empty, not an email message")
        try:
            message = email.message_from_bytes(raw, policy=policy.default)
        except Exception as exc:  # the parser is lenient; anything it does raise is unparseable
            raise DigestError(f"{path} cannot be parsed as an email message: {exc}") from None
        if not isinstance(message, EmailMessage) or not message.keys():
            raise DigestError(f"{path} is not an email message (it has no headers)")
        return message

    def part(self, content_type: str) -> str | None:
        """The message's first inline part of that type, decoded, with LF line endings."""
        for part in self.message.walk():
            if part.get_content_type() == content_type and not part.is_attachment():
                return lf(decode_part(part))
        return None

    def text(self) -> str | None:
        """The plain text as a reader sees it, never failing: ``digest.txt`` (bad bytes
        replaced), else the message's text/plain part, else None."""
        text = self.file_text(names.TEXT, strict=False)
        if text is not None:
            return text
        try:
            return self.part("text/plain")
        except DigestError:
            return None

    def subject(self) -> str | None:
        """The Subject, whitespace collapsed, read from the headers alone (a listing of many
        digests reads no bodies); None when there is none or it cannot be read."""
        raw = self.read_bytes(names.EML, HEADER_LIMIT)
        if not raw:
            return None
        try:
            headers = BytesHeaderParser(policy=policy.default).parsebytes(_header_block(raw))
            subject = headers["Subject"]
            return None if subject is None else " ".join(str(subject).split())
        except Exception:  # a malformed header: none rather than a failure
            return None
