"""The templates ship inside the wheel and work from an installed copy, wherever it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT

WORD_LISTS = (
    "first_names",
    "titles",
    "sentence_words",
    "not_person",
    "number_words",
    "function_words",
    "place_words",
    "organisation_words",
    "unnamed_nouns",
    "person_nouns",
    "male_titles",
    "female_titles",
    "woven_after",
    "stop_after_name",
)


def test_wheel_carries_templates_and_runs_without_the_checkout(tmp_path: Path, seeds: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("digest-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "digest/templates/digest.mjml.j2" in names
    assert "digest/templates/digest.txt.j2" in names
    assert "digest/templates/preview/viewer.html.j2" in names  # digest preview's pages
    for words in WORD_LISTS:  # the quote finder's data, read beside digest/analysis/names.py
        assert f"digest/analysis/{words}.txt" in names
    # test and docs tooling stays in the checkout
    assert not [n for n in names if n.startswith("tools/") or "browser" in n or "probe.js" in n]
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(unpacked),
        "TZ": "UTC",
        "DIGEST_NOW": "2026-11-27T07:00:00+00:00",
    }
    code = (
        "import digest, digest.render.templates as r, sys; "
        "assert digest.__file__.startswith(sys.argv[1]), digest.__file__; "
        "print(r.builtin_templates()); "
        "from digest.cli import main; sys.argv = ['digest', *sys.argv[2:]]; main()"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(unpacked),
            "make",
            "--since",
            "2026-11-20",
            "--source",
            str(seeds),
            "--out",
            str(workdir / "out"),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == str(unpacked / "digest" / "templates")
    assert (workdir / "out" / "2026-11-27" / "digest.html").stat().st_size > 5000
