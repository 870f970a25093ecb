"""The settings table: one row per setting gives the dataclass, digest.toml, DIGEST_*, the
options' help and the starter file; load() checks once; every command loads settings alike."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digest.cli import app
from digest.errors import ConfigError
from digest.settings import Settings, load, read_config, read_env, specs, starter_config
from digest.settings.loading import KEYS

runner = CliRunner()
ENV = {"DIGEST_NOW": "2026-11-27T07:00:00+00:00", "TZ": "UTC"}


def test_every_field_has_one_row_and_every_key_reaches_file_env_and_starter() -> None:
    names = [f.name for f in fields(Settings)]
    assert [name for name, _ in specs()] == names
    starter = starter_config()
    for key, (name, row) in KEYS.items():
        assert name in names and row.help
        shown = key.removeprefix("smtp_")
        assert f"# {shown} = " in starter and f"# {row.help}" in starter
        if row.kind != "table":  # a table cannot be written as one variable
            assert name in read_env({f"DIGEST_{key.upper()}": "1"})
    assert {"since", "until"}.isdisjoint(name for name, _ in KEYS.values())  # options only


@pytest.mark.parametrize("command", ["make", "ls", "summarize"])
def test_option_help_comes_from_the_table(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    offered = [row for _, row in specs() if row.flags and row.flags[0] in result.stdout]
    assert offered
    for row in offered:
        assert row.help in " ".join(result.stdout.split())


def test_exit_codes_are_in_every_help_that_can_give_them() -> None:
    for command in ("make", "send", "check", "summarize"):
        result = runner.invoke(app, [command, "--help"])
        assert "Exit codes: 0" in result.stdout, command


def test_load_checks_once_and_normalizes(tmp_path: Path) -> None:
    settings = load({"language": "de-AT", "algorithm": " LexRank ", "title": " A  B "}, env={})
    assert (settings.language, settings.algorithm, settings.title) == ("german", "lexrank", "A B")
    assert settings.validated() == settings  # checking again changes nothing
    with pytest.raises(ConfigError, match="sentences must be between 1 and 20, not 21"):
        load({"sentences": 21}, env={})


def test_a_number_below_its_bound_is_named_by_one_rule(tmp_path: Path) -> None:
    # max_file_bytes said "must be positive", max_stories "must be at least 1": one rule now
    config = tmp_path / "digest.toml"
    config.write_text("max_file_bytes = 0\n")
    with pytest.raises(ConfigError, match="max_file_bytes must be at least 1, not 0"):
        load({}, config, env={})
    with pytest.raises(ConfigError, match="max_stories must be at least 1, not 0"):
        load({}, env={"DIGEST_MAX_STORIES": "0"})


def test_environment_lists_are_comma_separated_and_paths_stay_relative(tmp_path: Path) -> None:
    values = read_env({"DIGEST_SOURCES": "news, https://example.org/feed.xml"})
    assert values["sources"] == (Path("news"), "https://example.org/feed.xml")
    config = tmp_path / "digest.toml"
    config.write_text('outbox = "box"\n[smtp]\nport = 2525\n')
    assert read_config(config) == {"out": tmp_path / "box", "smtp_port": 2525}


def test_summarize_loads_settings_like_make(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """digest summarize built its own Settings and ignored digest.toml and DIGEST_*."""
    monkeypatch.chdir(tmp_path)
    seed = str(seeds / "000_2534067fcf5ef89c.txt")

    def summary_length(*args: str, env: dict[str, str] | None = None) -> int:
        result = runner.invoke(
            app, ["summarize", seed, "--json", *args], env={**ENV, **(env or {})}
        )
        assert result.exit_code == 0, result.stderr
        return len(json.loads(result.stdout)["summary"])

    Path("digest.toml").write_text('sentences = 1\nsources = ["elsewhere"]\n')
    assert summary_length() == 1  # the file counts; its sources do not replace the paths
    assert summary_length(env={"DIGEST_SENTENCES": "2"}) == 2
    assert summary_length("--sentences", "4", env={"DIGEST_SENTENCES": "2"}) == 4
    Path("digest.toml").write_text('algorithm = "nonesuch"\n')
    bad = runner.invoke(app, ["summarize", seed], env=ENV)
    assert bad.exit_code == 2 and "unknown algorithm 'nonesuch'" in bad.stderr


def test_settings_load_without_sumy_nltk_or_the_renderer() -> None:
    code = (
        "import sys, digest.settings as s; s.load({}, env={}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sumy', 'nltk') "
        "or m.startswith(('digest.render', 'digest.analysis', 'digest.readers'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_urls_follow_the_url_kit_whatever_the_scheme_case() -> None:
    """One URL rule (digest.urls): an ``HTTPS://`` feed source is a URL, not a missing path, and
    an ``HTTPS://`` unsubscribe link is an https link; plain http is still refused."""
    from digest.settings.loading import sources
    from digest.settings.values import check_link

    assert sources(["HTTPS://example.org/feed.xml", "news"]) == (
        "HTTPS://example.org/feed.xml",
        Path("news"),
    )
    assert check_link("unsubscribe_url", "HTTPS://example.org/u", mailto=False)
    with pytest.raises(ConfigError, match="must be an https: URL"):
        check_link("unsubscribe_url", "http://example.org/u", mailto=False)
