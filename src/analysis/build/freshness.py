"""Is the published book still right? Answered by hashing the inputs, without importing pandas.

A build whose inputs (data, registry, code, notebook templates, site configuration, parameters)
have the same digest as those of the published release has nothing to do; the command line asks
this first, so that a no-op ``python -m analysis build`` takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis import cache
from analysis.build.publish import Site
from analysis.paths import BOOK_DIR, NOTEBOOK_DIR, REPO_ROOT, SITE_DIR

UP_TO_DATE = "nothing changed since the last build: the published site is up to date"
CHAPTER_ACTIONS = list(range(16))  # 0 = the main targets of 一（二）, then actions （一）…（十五）


@dataclass
class BuildOptions:
    """What to build and where; ``build(BuildOptions())`` builds the whole book."""

    data_dir: str | Path | None = None
    actions: list[int] = field(default_factory=lambda: list(CHAPTER_ACTIONS))  # the book's chapters
    parameters: dict = field(default_factory=dict)
    site_dir: Path = SITE_DIR
    jobs: int = 2  # notebooks executed at once (one warm kernel process each)
    use_cache: bool = True
    # re-execute only these chapters; every other page stays as published (None: the whole book)
    only: list[int] | None = None
    on_notebook = None  # on_notebook(output_name, "executed" | "cached" | "kept" | "failed")
    on_start = None  # called once with the number of notebooks of this build
    book_dir: Path = BOOK_DIR
    templates: Path = NOTEBOOK_DIR
    log = print


def build_key(o: BuildOptions) -> str | None:
    """A digest of everything a build reads, or None if it cannot be computed (a bad path: the
    full build then names the problem). Equal keys mean the published build is still right."""
    try:
        given = Path(o.data_dir) if o.data_dir not in (None, "") else None
        if given is not None and not given.is_absolute():
            given = REPO_ROOT / given
        if given is None:
            files = []
        elif given.is_dir():
            files = [p for p in given.iterdir() if p.is_file()]
        else:
            files = [given]
        files += [p for p in Path(o.templates).rglob("*") if p.is_file()]
        files += [p for p in (REPO_ROOT / "_static").rglob("*") if p.is_file()]
        files += [REPO_ROOT / "_config.yml"]
        h = hashlib.sha256(cache.digest_files(files).encode())
        h.update(cache.inputs_digest(REPO_ROOT / "data").encode())
        h.update(json.dumps({"actions": list(o.actions), "only": o.only, "parameters": o.parameters,
                             "data_dir": str(given)}, sort_keys=True, default=str).encode())  # fmt: skip
        return h.hexdigest()
    except (OSError, RuntimeError, ValueError):
        return None


def published_is_current(o: BuildOptions, site: Site | None = None, key: str | None = None) -> bool:
    """True when the published release was built from exactly these inputs and is intact."""
    site = site or Site(Path(o.site_dir), Path(o.book_dir))
    key = key or build_key(o)
    return key is not None and site.metadata().get("key") == key and site.intact()


def up_to_date(o: BuildOptions) -> bool:
    """The command line's first question: under the build lock, clean what killed builds left,
    then say whether the published site is current (a full build is needed when not)."""
    if not o.use_cache:
        return False
    site = Site(Path(o.site_dir), Path(o.book_dir))
    with site.lock(o.log):
        site.clean_leftovers(o.log)
        return published_is_current(o, site)
