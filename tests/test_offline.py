"""The whole run works with no NLTK data and no network (DEVELOPERS.md, issue 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PRELUDE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import nltk
def no_download(*args, **kwargs):
    raise AssertionError("nltk.download was called")
nltk.download = no_download
from digest.cli import main
sys.argv = ["digest"] + sys.argv[1:]
main()
"""


def test_make_runs_offline_with_empty_nltk_data(tmp_path: Path, seeds: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path),
        "TZ": "UTC",
        "DIGEST_NOW": "2026-11-27T07:00:00+00:00",
    }
    out = tmp_path / "outbox"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            PRELUDE,
            "make",
            "--since",
            "2026-11-20",
            "--source",
            str(seeds),
            "--out",
            str(out),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    folder = Path(proc.stdout.strip().splitlines()[-1])
    assert folder == out / "2026-11-27"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["articles"]) == len(list(seeds.iterdir()))
    assert list(empty.iterdir()) == []  # nothing was downloaded into it
