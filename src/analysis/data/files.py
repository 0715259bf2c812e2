"""Paths named in messages, and checks that a path is a readable file or folder (no pandas here,
so that the command line can check paths before it imports the heavy libraries)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from analysis.errors import DataError, Problem


def display_path(path: Path | str) -> str:
    """A short path for messages: relative to the working directory when possible.

    Symbolic links are not resolved (a link that loops must still be named, not crash)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:
        return absolute
    return absolute if relative.startswith("..") else relative


def _stat_problem(path: Path, expect_dir: bool) -> str | None:
    """Why ``path`` cannot be used as a file (or folder), in words; None when it can."""
    try:
        info = os.stat(path)  # follows symbolic links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link that loops (it points, in the end, back to itself)"
        if exc.errno == errno.EACCES:
            return "cannot be opened: permission denied"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.islink(path):
                return f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
            return "directory not found" if expect_dir else "file not found"
        return f"cannot be opened: {exc.strerror}"
    if expect_dir and not stat.S_ISDIR(info.st_mode):
        return "is a file, not a folder" if stat.S_ISREG(info.st_mode) else "is not a folder"
    if not expect_dir:
        if stat.S_ISDIR(info.st_mode):
            return "is a folder, not a CSV file"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file (a device, pipe or socket?)"
    return None


def check_folder(path: Path) -> None:
    """Raise one :class:`DataError` line if ``path`` is not a folder that can be read."""
    problem = _stat_problem(Path(path), expect_dir=True)
    if problem:
        raise DataError([Problem(display_path(path), "data " + problem)])


def check_file(path: Path) -> None:
    """Raise one :class:`DataError` line if ``path`` is not a regular file that can be read."""
    problem = _stat_problem(Path(path), expect_dir=False)
    if problem:
        raise DataError([Problem(display_path(path), problem)])


def read_bytes(path: Path) -> bytes:
    check_file(path)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DataError([Problem(display_path(path), f"cannot be read: {exc.strerror}")]) from None
