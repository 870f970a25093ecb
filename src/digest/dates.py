"""The one place that turns text into timezone-aware datetimes.

* :func:`parse_when` reads the ``--since``/``--until`` grammar.
* :func:`parse_date` reads a date from metadata (string, ``date`` or ``datetime``).
* :func:`date_in_filename` finds a ``YYYY-MM-DD`` in a file name.
* :func:`resolve_timezone` names the zone naive dates are read in.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError, UsageError

WHEN_FORMS = (
    "an ISO date (2026-11-26), an ISO datetime with or without offset "
    "(2026-11-26T06:00, 2026-11-26T06:00+01:00), 'now', 'today', 'yesterday', "
    "or a duration back from now such as 90m, 36h, 2d, 1w (or combined: 1d12h)"
)

_DURATION = re.compile(r"(\d+)\s*([mhdw])")
_DURATION_WHOLE = re.compile(r"(?:\d+\s*[mhdw]\s*)+")
_UNIT = {
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def resolve_timezone(name: str | None = None) -> tzinfo:
    """The zone for naive dates: ``name`` when given (IANA name or 'UTC'), else the machine's."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(
                f"unknown timezone {name!r}: use an IANA name such as 'Europe/London' or 'UTC'"
            ) from exc
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            return ZoneInfo(env)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def zone_name(zone: tzinfo) -> str:
    """A readable name for a zone (IANA key when there is one)."""
    key = getattr(zone, "key", None)
    if key and key != "localtime":
        return str(key)
    return datetime.now(zone).strftime("%Z") or str(zone)


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def parse_when(text: str, now: datetime, zone: tzinfo) -> datetime:
    """Read a ``--since``/``--until`` value as an instant. ``now`` must be aware.

    Dates (and 'today'/'yesterday') mean midnight at the start of that day in ``zone``.
    """
    shown = repr(text) if len(text) <= 60 else repr(text[:57] + "...")
    try:
        moment = _when(text, now, zone)
    except ValueError:
        raise UsageError(f"cannot read {shown} as a time: use {WHEN_FORMS}") from None
    except OverflowError:  # 99999999w
        moment = None
    # the window's arithmetic (a day either side, other zones) must stay in datetime's range
    try:
        sane = moment is not None and _SANE[0] <= moment.astimezone(UTC) <= _SANE[1]
    except OverflowError:  # 0001-01-01T00:00+14:00
        sane = False
    if not sane or moment is None:
        raise UsageError(
            f"{shown} is out of range: a time must fall between the years "
            f"{_SANE[0].year} and {_SANE[1].year}"
        )
    return moment


_SANE = (datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC))


def _when(text: str, now: datetime, zone: tzinfo) -> datetime:
    value = text.strip().lower()
    local_now = now.astimezone(zone)
    if value == "now":
        return now
    if value == "today":
        return _midnight(local_now.date(), zone)
    if value == "yesterday":
        return _midnight(local_now.date() - timedelta(days=1), zone)
    if value and _DURATION_WHOLE.fullmatch(value):
        span = sum((int(n) * _UNIT[u] for n, u in _DURATION.findall(value)), timedelta())
        return now - span
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _midnight(date.fromisoformat(value), zone)
    return _aware(datetime.fromisoformat(text.strip()), zone)


def parse_date(value: object, zone: tzinfo) -> datetime:
    """Read a metadata date: an ISO 8601 or RFC 822 string, a ``date`` or a ``datetime``.

    Naive values are in ``zone``. Raises ValueError naming the value when it is not a date.
    """
    if isinstance(value, datetime):
        return _aware(value, zone)
    if isinstance(value, date):
        return _midnight(value, zone)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return _midnight(date.fromisoformat(text), zone)
            return _aware(datetime.fromisoformat(text), zone)
        except ValueError:
            pass
        from .feeds import parse_feed_date  # RFC 822 and its common variants

        try:
            return parse_feed_date(value, zone)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not an ISO 8601 or RFC 822 date")


def date_in_filename(path: Path, zone: tzinfo) -> datetime | None:
    """Midnight of the first valid ``YYYY-MM-DD`` in the file name, in ``zone``."""
    for match in _FILENAME_DATE.finditer(path.name):
        try:
            return _midnight(date(*map(int, match.groups())), zone)
        except ValueError:
            continue
    return None


def mtime(path: Path, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=zone)
