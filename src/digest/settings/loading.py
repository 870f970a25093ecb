"""Settings from their four layers: defaults < ``digest.toml`` < ``DIGEST_*`` environment
variables < command-line options; and the commented starter file ``digest init`` writes.

The config file is ``--config``, else ``$DIGEST_CONFIG``, else ``digest.toml`` in the current
folder if there is one. Paths in the file are relative to it. ``[smtp]`` holds the ``smtp_*``
keys without their prefix.

Several newsletters can share one file: each ``[editions.<name>]`` table holds any of the keys
(its own ``[editions.<name>.smtp]`` too) and is used with ``--edition NAME``, over the file's
top-level keys. Its outbox is its own ``outbox`` key, else ``<outbox>/<name>``, so each has its
own state, queue and archive.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from digest.errors import ConfigError
from digest.settings.fields import Settings, Spec, specs
from digest.urls import is_http

CONFIG_NAME = "digest.toml"

KEYS: dict[str, tuple[str, Spec]] = {  # digest.toml key -> (Settings field, its row)
    (spec.key or name): (name, spec) for name, spec in specs() if spec.key is not None
}


def _convert(key: str, kind: str, value: object, where: str, base: Path | None) -> object:
    """A raw value from the file (TOML types) or the environment (strings), checked."""

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{where}: {key} must be {expected}, not {value!r}")

    if kind == "table":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool)
            for k, v in value.items()
        ):
            raise bad('a table of strings (ours = "theirs")')
        return tuple(sorted((k, str(v)) for k, v in value.items()))  # a weight may be a number
    if kind == "int":
        if isinstance(value, bool):
            raise bad("a whole number")
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise bad("a whole number") from None
        if not isinstance(value, int):
            raise bad("a whole number")
        return value
    if kind in ("paths", "strings"):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return sources(value, base) if kind == "paths" else tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    if kind == "path":
        return _path(value, base)
    return value


def sources(values: list[str], base: Path | None = None) -> tuple[Path | str, ...]:
    """Feed URLs stay URLs; everything else is a path (relative to ``base``, if given)."""
    return tuple(v if is_http(v) else _path(v, base) for v in values)


def _path(value: str, base: Path | None) -> Path:
    path = Path(value).expanduser()
    return path if base is None or path.is_absolute() else base / path


def find_config(explicit: Path | None, env: Mapping[str, str]) -> Path | None:
    """--config, else $DIGEST_CONFIG, else ./digest.toml when it exists."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file {str(explicit)!r} does not exist")
        return explicit
    named = env.get("DIGEST_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"DIGEST_CONFIG={named!r}: no such file")
        return path
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


_EDITION_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def read_config(path: Path, edition: str | None = None) -> dict[str, object]:
    """The settings a digest.toml gives, as Settings field values; with ``edition``, those of
    its ``[editions.<edition>]`` table over the top-level ones."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    tables = data.pop("editions", {})
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ConfigError(f"{path}: [editions] must hold one table per edition")
    for name in tables:
        if not _EDITION_NAME.fullmatch(name):
            raise ConfigError(
                f"{path}: edition name {name!r} must be lower-case letters, digits, - and _"
            )
    values = _values(data, path, str(path))
    if edition is None:
        return values
    if edition not in tables:
        known = ", ".join(sorted(tables)) or "none"
        raise ConfigError(f"{path}: no [editions.{edition}] table (editions: {known})")
    own = _values(dict(tables[edition]), path, f"{path} [editions.{edition}]")
    if "out" not in own:
        own["out"] = Path(str(values.get("out", Settings().out))) / edition
    return {**values, **own}


def _values(data: dict[str, object], path: Path, where: str) -> dict[str, object]:
    smtp = data.pop("smtp", {})
    if not isinstance(smtp, dict):
        raise ConfigError(f"{where}: [smtp] must be a table")
    flat = {**data, **{f"smtp_{k}": v for k, v in smtp.items()}}
    values: dict[str, object] = {}
    for key, value in flat.items():
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {known})")
        name, spec = KEYS[key]
        values[name] = _convert(key, spec.kind, value, where, path.parent)
    return values


def read_env(env: Mapping[str, str]) -> dict[str, object]:
    """DIGEST_<KEY> variables (lists, sources too: comma-separated)."""
    values: dict[str, object] = {}
    for key, (name, spec) in KEYS.items():
        variable = f"DIGEST_{key.upper()}"
        if variable in env:
            values[name] = _convert(key, spec.kind, env[variable], variable, None)
    return values


def load(
    options: Mapping[str, object],
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    edition: str | None = None,
) -> Settings:
    """Settings from defaults < config file (its ``[editions.<edition>]`` table over its
    top level) < environment < ``options`` (None means unset), checked once."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    path = find_config(config, env)
    if path is not None:
        values.update(read_config(path, edition))
    elif edition is not None:
        raise ConfigError(f"--edition {edition}: there is no config file with [editions] tables")
    values.update(read_env(env))
    values.update({k: v for k, v in options.items() if v is not None})
    # the values were converted by their row's kind above; validated() checks the rest
    return Settings(**values).validated()  # type: ignore[arg-type]


def starter_config() -> str:
    """A commented digest.toml with every key, for ``digest init``."""
    defaults = Settings()
    lines = [
        "# digest.toml: settings for `digest make` and `digest send`.",
        "# Precedence: built-in defaults < this file < DIGEST_* environment variables <",
        "# command-line options. Paths are relative to this file. Uncomment what you change.",
        "",
    ]

    def entry(key: str, name: str, spec: Spec) -> list[str]:
        default = getattr(defaults, name)
        shown = spec.example if default in (None, ()) else default
        return [f"# {spec.help}", f"# {key} = {_toml(shown)}"]

    for key, (name, spec) in KEYS.items():
        if not key.startswith("smtp_"):
            lines += [*entry(key, name, spec), ""]
    lines += ["[smtp]", "# The password is never read from this file: set DIGEST_SMTP_PASSWORD."]
    for key, (name, spec) in KEYS.items():
        if key.startswith("smtp_"):
            lines += entry(key.removeprefix("smtp_"), name, spec)
    lines += [
        "",
        "# Several newsletters from one file: a table per edition, any of the keys above, used",
        "# with `digest make --edition evening`; its outbox defaults to <outbox>/evening.",
        "#   [editions.evening]",
        '#   title = "Evening Digest"',
        '#   sources = ["evening-news"]',
    ]
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Path):
        return json.dumps(value.as_posix())
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)
