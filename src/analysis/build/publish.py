"""Publish a build in one step: releases, one ``current`` link, and the links that point through it.

Every successful build becomes a release folder beside the site::

    _build/releases/<id>/src/book/...   executed notebooks and downloads (what Jupyter Book read)
    _build/releases/<id>/src/...        _config.yml, _toc.yml, _static/ of that build
    _build/releases/<id>/html/          the site
    _build/current -> releases/<id>     the one link that says which release is published
    _build/html    -> current/html      (fixed links, made once)
    book/chapters, book/overview.ipynb, ... -> ../_build/current/src/book/...

Publishing is a single ``rename`` of a new ``current`` link over the old one, which POSIX makes
atomic: the executed notebooks in ``book/`` and the site always come from the same release, and a
build that fails or is killed at any moment leaves the previous release published. What a killed
build leaves behind (its staging folder, an unfinished release) is removed by the next build, under
a lock so that two builds of one checkout never interleave.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import BuildError

RELEASE_FILE = "release.json"


@dataclass
class Site:
    """The published site ``site_dir`` and executed notebooks ``book_dir``, and their releases."""

    site_dir: Path
    book_dir: Path

    @property
    def root(self) -> Path:
        return self.site_dir.parent

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def current(self) -> Path:
        return self.root / "current"

    # ------------------------------------------------------------------ reading
    def current_release(self) -> Path | None:
        """The published release folder, or None before the first publish."""
        if not self.current.is_symlink():
            return None
        target = self.root / os.readlink(self.current)
        return target if target.is_dir() else None

    def metadata(self) -> dict:
        release = self.current_release()
        if release is None:
            return {}
        try:
            return json.loads((release / RELEASE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def intact(self) -> bool:
        """The links resolve to the published release and its site has a front page."""
        release = self.current_release()
        if release is None or not (self.site_dir / "index.html").is_file():
            return False
        if os.path.realpath(self.site_dir) != os.path.realpath(release / "html"):
            return False
        for entry in (release / "src" / "book").iterdir():
            link = self.book_dir / entry.name
            if os.path.realpath(link) != os.path.realpath(entry):
                return False
        return True

    # ------------------------------------------------------------------ locking and cleaning
    @contextmanager
    def lock(self, log):
        """Hold the build lock of this site; wait (saying so) while another build holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / ".build.lock").open("a+")
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log("another build of this site is running; waiting for it to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def clean_leftovers(self, log=lambda *_: None) -> None:
        """Remove what earlier builds left when they were killed (call while holding the lock)."""
        keep = self.current_release()
        removed = []
        for path in sorted(self.root.glob(".staging-*")) + sorted(self.root.glob("current.new-*")):
            removed.append(path)
        if self.releases.is_dir():
            removed += [p for p in sorted(self.releases.iterdir()) if keep is None or p != keep]
        # the layout of earlier versions of the build: backups left by an interrupted swap
        removed += sorted(self.book_dir.glob(".*.old")) if self.book_dir.is_dir() else []
        legacy = self.site_dir.with_name(self.site_dir.name + ".old")
        removed += [legacy] if os.path.lexists(legacy) else []
        for path in removed:
            _remove(path)
        if removed:
            log(f"removed {len(removed)} leftover(s) of earlier interrupted builds")

    # ------------------------------------------------------------------ publishing
    def new_release(self) -> Path:
        self.releases.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        release = self.releases / f"{stamp}-{os.getpid()}"
        n = 1
        while release.exists():
            n += 1
            release = self.releases / f"{stamp}-{os.getpid()}-{n}"
        release.mkdir()
        return release

    def publish(self, release: Path, metadata: dict) -> None:
        """Make ``release`` the published one in a single rename; remove the one it replaces."""
        (release / RELEASE_FILE).write_text(json.dumps(metadata, indent=1, sort_keys=True) + "\n",
                                            encoding="utf-8")  # fmt: skip
        previous = self.current_release()
        self._prepare_links(release)
        link = self.root / f"current.new-{os.getpid()}"
        _remove(link)
        os.symlink(os.path.relpath(release, self.root), link)
        try:
            os.replace(link, self.current)  # the publish: one atomic step
        except OSError as exc:
            _remove(link)
            raise BuildError(
                f"could not publish the new site ({exc.strerror}: {self.current}); the book and "
                "the site are still the last published ones"
            ) from None
        self._finish_links(release)
        if previous is not None and previous != release:
            _remove(previous)

    def update_metadata(self, metadata: dict) -> None:
        """Record a new build key for the published release (its content did not change)."""
        release = self.current_release()
        if release is None:
            return
        temporary = release / f".{RELEASE_FILE}.{os.getpid()}"
        temporary.write_text(
            json.dumps(metadata, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        os.replace(temporary, release / RELEASE_FILE)

    def _prepare_links(self, release: Path) -> None:
        """Before the swap: make the fixed links that do not exist yet (they point through
        ``current``, so they show the new release exactly when ``current`` does)."""
        self.book_dir.mkdir(parents=True, exist_ok=True)
        self._link(self.site_dir, self.current / "html", replace_real=False)
        for entry in sorted((release / "src" / "book").iterdir()):
            self._link(self.book_dir / entry.name, self.current / "src" / "book" / entry.name,
                       replace_real=False)  # fmt: skip

    def _finish_links(self, release: Path) -> None:
        """After the swap: replace real folders of the old layout by links (once), and drop links
        to pages the new release no longer has."""
        self._link(self.site_dir, self.current / "html", replace_real=True)
        names = {e.name for e in (release / "src" / "book").iterdir()}
        for entry in sorted(names):
            self._link(self.book_dir / entry, self.current / "src" / "book" / entry,
                       replace_real=True)  # fmt: skip
        for link in self.book_dir.iterdir():
            inside = os.readlink(link) if link.is_symlink() else ""
            if inside and "current" in Path(inside).parts and link.name not in names:
                link.unlink()

    @staticmethod
    def _link(path: Path, target: Path, replace_real: bool) -> None:
        relative = os.path.relpath(target, path.parent)
        if path.is_symlink():
            if os.readlink(path) == relative:
                return
            temporary = path.with_name(f".{path.name}.link-{os.getpid()}")
            _remove(temporary)
            os.symlink(relative, temporary)
            os.replace(temporary, path)
            return
        if os.path.lexists(path):
            if not replace_real:
                return
            trash = path.with_name(f".{path.name}.old")
            _remove(trash)
            path.rename(trash)
            os.symlink(relative, path)
            _remove(trash)
            return
        os.symlink(relative, path)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
