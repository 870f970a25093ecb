"""Writing a digest folder so that it appears whole or not at all.

Files are written into a hidden temporary folder beside the target, flushed to disk, then
swapped in with one rename (Linux ``renameat2(RENAME_EXCHANGE)`` when a previous version exists,
so the folder is never missing). A crash leaves either the old folder or the new one; leftovers
are tidied by the next run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from digest import files
from digest.errors import OutputError
from digest.files import TMP_PREFIX

OLD_PREFIX = ".old-"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def sanitised_join(base: Path, name: str) -> Path:
    """``base/name`` for a single plain name; anything that could leave ``base`` is refused."""
    if not _SAFE_NAME.fullmatch(name) or ".." in name:
        raise OutputError(f"refusing unsafe output name {name!r}")
    return base / name


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out: Path) -> None:
    """Undo what a crashed run left: restore a set-aside folder, drop dead temporary ones."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        name = entry.name
        if not name.startswith((TMP_PREFIX, OLD_PREFIX)):
            continue
        final_name, _, pid = name.split("-", 1)[1].rpartition(".")
        if pid.isdigit() and _pid_alive(int(pid)) and int(pid) != os.getpid():
            continue  # another run is still writing
        final = out / final_name
        if name.startswith(OLD_PREFIX) and not final.exists():
            os.rename(entry, final)
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def write_folder(out: Path, name: str, contents: Mapping[str, bytes]) -> Path:
    """Write ``contents`` as ``out/name/`` all at once, replacing a previous version."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        recover(out)
        final = sanitised_join(out, name)
        tmp = out / f"{TMP_PREFIX}{name}.{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        try:
            for filename, data in contents.items():
                files.write_file(sanitised_join(tmp, filename), data)
            files.fsync_dir(tmp)
            if not final.exists():
                os.rename(tmp, final)
            elif _exchange(tmp, final):
                shutil.rmtree(tmp)  # now holds the previous version
            else:
                old = out / f"{OLD_PREFIX}{name}.{os.getpid()}"
                os.rename(final, old)
                os.rename(tmp, final)
                shutil.rmtree(old)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        files.fsync_dir(out)
        return final
    except OSError as exc:
        raise OutputError(
            f"cannot write the digest to {str(out)!r}: {exc.strerror or exc}"
        ) from None
