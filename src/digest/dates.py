"""The one place that turns text into timezone-aware datetimes.

* :func:`parse_when` reads the ``--since``/``--until`` grammar.
* :func:`parse_date` reads a date from metadata (string, ``date`` or ``datetime``).
* :func:`parse_feed_date` reads RFC 822 dates as feeds and mail really write them, and ISO.
* :func:`date_in_filename` finds a ``YYYY-MM-DD`` in a file name.
* :func:`resolve_timezone` names the zone naive dates are read in.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.errors import ConfigError, UsageError

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


def parse_duration(text: str) -> timedelta:
    """'90m', '36h', '3d', '1w' or combined ('1d12h') as a span; ValueError otherwise."""
    value = text.strip().lower()
    if not value or not _DURATION_WHOLE.fullmatch(value):
        raise ValueError(f"{text!r} is not a duration such as 90m, 36h, 3d, 1w")
    return sum((int(n) * _UNIT[u] for n, u in _DURATION.findall(value)), timedelta())


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
        return now - parse_duration(value)
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


# --- feed dates (RFC 822 as feeds write it, ISO 8601) ---------------------------------------------

_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d])|\d{8}T")
_ISO_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRAILING_COMMENT = re.compile(r"\s*\([^()]*\)\s*$")
# "07:00 GMT+1", "07:00:00 UTC-05:30", "07:00:00 +01:00", "07:00:00 GMT +0100"
_OFFSET_AFTER_TIME = re.compile(
    r"(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.I
)
_RFC_DATE_ONLY = re.compile(r"(?:[A-Za-z]+,?\s+)?\d{1,2}[\s-]+[A-Za-z]+\.?[\s-]+\d{2,4}")
# "3:45 PM", "03:45:00 p.m.": RFC 822 has no 12-hour clock, but feeds write one (email.utils
# would take "PM" for the zone and read 3:45 in the reader's zone)
_TWELVE_HOUR = re.compile(r"(?<!\d)(\d{1,2})(:\d{2}(?::\d{2})?)\s*([ap])\.?m\.?(?=\s|$)", re.I)
# Zone abbreviations email.utils does not know (it knows UT, UTC, GMT, Z and US zones).
# Ambiguous ones (IST, CST in China, ...) are left out: RFC 2822 reads unknown names as -0000.
_ZONE_NAMES = {
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "MET": 1,
    "CEST": 2,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}
_ZONE_NAME = re.compile(r"\s(" + "|".join(_ZONE_NAMES) + r")$", re.I)


def _parse_iso(text: str, zone: tzinfo) -> datetime:
    text = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", text, flags=re.I)
    text = re.sub(r"\s+([+-]\d{2}(?::?\d{2})?)$", r"\1", text)
    text = re.sub(r"^(\d{4}-\d{2}-\d{2})(?:[Tt]|\s+)", r"\1T", text)
    if _ISO_DATE_ONLY.fullmatch(text):
        return datetime.combine(date.fromisoformat(text), time(0), tzinfo=zone)
    return _aware(datetime.fromisoformat(text), zone)


def _to_24_hours(match: re.Match[str]) -> str:
    hour = int(match[1])
    if not 1 <= hour <= 12:
        raise ValueError(f"{match[0]!r} is not a 12-hour time")
    pm = match[3].lower() == "p"
    return f"{hour % 12 + (12 if pm else 0):02d}{match[2]}"


def _parse_rfc822(text: str, zone: tzinfo) -> datetime:
    text = " ".join(_TRAILING_COMMENT.sub("", text).split())
    text = _TWELVE_HOUR.sub(_to_24_hours, text)
    text = _OFFSET_AFTER_TIME.sub(
        lambda m: f"{m[1]} {m[2]}{int(m[3]):02d}{m[4] or '00'}", text, count=1
    )
    text = _ZONE_NAME.sub(lambda m: f" {_ZONE_NAMES[m[1].upper()]:+03d}00", text, count=1)
    if _RFC_DATE_ONLY.fullmatch(text):
        text += " 00:00:00"
    return _aware(parsedate_to_datetime(text), zone)


def parse_feed_date(value: str, zone: tzinfo) -> datetime:
    """An aware datetime from a feed date; naive dates are read in ``zone``.

    Reads RFC 822 / RFC 2822 dates as feeds really write them ("Fri, 27 Nov 2026 07:00:00 GMT",
    "27 Nov 26 7:00 +0100", "GMT+1", "+01:00", "UT", "CET", full month names, no day name,
    no seconds, two-digit years, a 12-hour clock ("3:45 PM"), a date alone) and ISO 8601 /
    RFC 3339 ("2026-11-27T07:00:00Z", a space instead of "T", a date alone: midnight in
    ``zone``). "-0000" and unknown zone names mean "zone unknown" (RFC 2822) and are read in
    ``zone``. Raises ValueError naming the value.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    try:
        if _ISO_START.match(text):
            return _parse_iso(text, zone)
        return _parse_rfc822(text, zone)
    except (ValueError, TypeError, IndexError, OverflowError):
        pass
    raise ValueError(f"{value!r} is not an RFC 822 or ISO 8601 date") from None
