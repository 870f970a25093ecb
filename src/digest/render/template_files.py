"""Where the product's own files are: the built-in templates, and every file a digest's look
depends on. (No template engine is loaded here: a rerun that keeps its digest needs only this.)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from digest.errors import DigestError


def builtin_templates() -> Path:
    """The packaged templates (in a wheel: ``digest/templates``; in a checkout: ``templates/``)."""
    packaged = Path(str(resources.files("digest"))) / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise DigestError("the built-in templates are missing from this installation")


def template_files(user_dir: Path | None = None) -> list[Path]:
    """Every file the templates can come from (the user's folder first, then the built-in
    ones): what a digest's look depends on."""
    files: list[Path] = []
    builtin = builtin_templates()
    # digest preview's own pages and the outbox's archive page: no part of a digest's look
    others = (builtin / "preview", builtin / "archive")
    for folder in (user_dir, builtin):
        if folder is not None and folder.is_dir():
            found = (p for p in folder.rglob("*") if p.is_file())
            files.extend(sorted(p for p in found if not any(p.is_relative_to(o) for o in others)))
    return files
