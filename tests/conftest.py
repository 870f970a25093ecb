from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from digest.model import Article

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ (browser helpers for tests): in the checkout only
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def vnu_command() -> list[str] | None:
    """The Nu HTML Checker's command line (java and npm vnu-jar, which ``.ci/run`` installs
    under ``.ci/node``), or None when either is absent here."""
    if shutil.which("java") is None:
        return None
    for jar in (
        os.environ.get("DIGEST_VNU_JAR"),
        ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
        ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    ):
        if jar and Path(jar).is_file():
            return ["java", "-jar", str(jar)]
    return None


def set_mtime(path: Path, moment: datetime) -> None:
    stamp = moment.timestamp()
    os.utime(path, (stamp, stamp))


@pytest.fixture(autouse=True)
def _own_working_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any) -> None:
    """Every test runs in a folder of its own: a CLI run without ``--out`` makes ``./outbox``
    and its ``.lock`` there, never in the checkout, where two suites at once shared it (one
    run then failed "busy: another digest run is using outbox")."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def make_article(
    *paragraphs: str, title: str = "Headline", dek: str = "", language: str = "english"
) -> Article:
    """An article built from its paragraphs, for tests of the analysis (quotes, summaries):
    the one fixture the quote, summary and interview tests share."""
    return Article(
        id="x",
        path=Path("x.txt"),
        title=title,
        published=datetime(2026, 11, 26, tzinfo=UTC),
        date_source="front matter",
        paragraphs=paragraphs,
        dek=dek,
        language=language,
    )


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def smtp() -> Iterator[Any]:
    """(inbox, port): a real SMTP server (aiosmtpd) on 127.0.0.1, see tests/mailserver.py."""
    from mailserver import serve

    yield from serve()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A copy of the small fixture articles."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", target)
    return target


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of seeds/; the verbatim seed (dated by mtime) is set to the fixed clock."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    set_mtime(target / "000_2534067fcf5ef89c.txt", datetime(2026, 11, 27, 6, 0, tzinfo=UTC))
    return target


WORDS = tuple(
    [
        "harbour",
        "council",
        "budget",
        "ferry",
        "storm",
        "school",
        "library",
        "market",
        "bridge",
        "river",
        "festival",
        "museum",
        "hospital",
        "railway",
        "station",
        "orchard",
        "fishing",
        "tourism",
        "housing",
        "planning",
        "election",
        "transport",
        "weather",
        "flood",
        "recovery",
        "repairs",
        "volunteers",
        "teachers",
        "nurses",
        "drivers",
        "traders",
        "residents",
        "visitors",
        "engineers",
        "farmers",
        "students",
        "rangers",
        "sailors",
        "bakers",
        "artists",
        "officials",
    ]
)
VERBS_ = tuple(
    ["opened", "closed", "approved", "delayed", "expanded", "reviewed", "funded", "inspected"]
)


def distinct_text(seed: int, sentences: int = 8) -> str:
    """Plain sentences unlike any other seed's: for tests that need many different stories."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        a, b, c = rng.sample(WORDS, 3)
        out.append(
            f"The {a} {rng.choice(VERBS_)} {rng.randint(2, 900)} {b} plans near the "
            f"{c} on day {rng.randint(1, 28)} after {rng.choice(WORDS)} talks."
        )
    return " ".join(out)
