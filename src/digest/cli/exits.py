"""Exit codes, defined once; each command's ``--help`` ends with the ones it can give."""

from __future__ import annotations

OK = 0
ERROR = 1
USAGE = 2  # errors.UsageError and errors.ConfigError carry it
BUSY = 3  # outbox.state's lock error carries it
EMPTY = 4
UNSENT = 5  # make --send / send: written (or pending) but not sent; it stays in the queue
INTERRUPTED = 130

MAKE = f"""\
Exit codes: {OK} digest written, or nothing new in the window (said on stderr);
{ERROR} error (nothing was written, the last good digest and state are kept);
{USAGE} bad option, value, setting or config file; {BUSY} another run holds the outbox
(after --wait seconds); {EMPTY} nothing new, with --fail-empty; {UNSENT} with --send: the
digest was written but could not be sent (it is pending: the next make --send or digest send
retries it; the pending folders are printed on stdout)."""

SEND = (
    f"Exit codes: {OK} sent (or sent before: said on stderr); {ERROR} error; {USAGE} bad "
    f"setting; {BUSY} the outbox is busy; {UNSENT} not (completely) sent: it stays pending "
    "(the pending folders are printed on stdout)."
)

CHECK = (
    f"Exit codes: {OK} every check passed (warnings allowed); {ERROR} a check failed or "
    f"the digest could not be read; {USAGE} bad option."
)

KIND = {OK: "note", USAGE: "usage error", BUSY: "busy"}  # how a DigestError's message starts
