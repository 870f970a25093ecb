"""Golden digest from tests/fixtures/articles with a fixed clock (rss2email-style).

Message-ID and MIME boundary are derived from the content, so they are stable already; they
are still normalised before comparing so that the goldens check structure and text, and the
bytes check lives in test_mail.py. Regenerate: DIGEST_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW
from digest.pipeline import make
from digest.settings import Settings

GOLDEN = Path(__file__).resolve().parent / "golden"


def normalise(eml: str) -> str:
    eml = re.sub(r"Message-ID: <[^>]+>", "Message-ID: <MESSAGE-ID>", eml)
    boundary = re.search(r'boundary="([^"]+)"', eml)
    assert boundary is not None
    return eml.replace(boundary.group(1), "BOUNDARY")


@pytest.fixture
def made(articles: Path, tmp_path: Path) -> Path:
    settings = Settings(
        sources=(articles,),
        out=tmp_path / "out",
        since="2026-11-20",
        timezone="UTC",
        title="Fixture Digest",
        sender="Fixture Desk <desk@example.org>",
        recipients=("Reader One <one@example.org>",),
    )
    result = make(settings, now=NOW)
    assert result.folder is not None
    return result.folder


@pytest.mark.parametrize("name", ["digest.txt", "digest.eml"])
def test_golden(made: Path, name: str) -> None:
    actual = (made / name).read_bytes().decode()
    if name.endswith(".eml"):
        actual = normalise(actual)
    golden = GOLDEN / name
    if os.environ.get("DIGEST_UPDATE_GOLDEN"):
        golden.write_bytes(actual.encode())
    assert actual == golden.read_bytes().decode(), f"{name} differs from {golden}"


def test_fixture_folder_is_what_the_golden_says() -> None:
    assert sorted(p.name for p in (FIXTURES / "articles").iterdir()) == [
        "2026-11-25_orchard.txt",
        "2026-11-26-ferry.md",
    ]
