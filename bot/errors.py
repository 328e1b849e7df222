"""What the command line refuses: errors written for a person (one line, exit code 2), and
the check of an output path typed."""

from __future__ import annotations

from pathlib import Path


class UserFacingError(Exception):
    """Base for errors whose message is written for a person; CLI prints it as one line."""


class UsageError(Exception):
    """Bad input on the command line or in a file; printed as one line, exit code 2."""


def writable_file(given: str, lang: str, example: str) -> Path:
    """An output file path from the command line, refused (one line) when it names a folder,
    before anything is computed or written."""
    from domain.texts import t

    path = Path(given).expanduser()
    if path.is_dir() or given.endswith(("/", "\\")):
        raise UsageError(t(lang, "cli.err.is_folder", path=str(path), example=example))
    return path
