"""A content-hash cache of executed notebooks: skip a notebook whose inputs have not changed.

The key hashes everything a notebook's output can depend on: its template, title and parameters;
every file of the data folder; the registry and plan text; the code in src/analysis (including the
calibration table); the benchmark results the method chapter reads; and the pinned requirements.
Timestamps play no part, so a touched but unchanged file does not invalidate the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from analysis.paths import BUILD_DIR, DATA_DIR, REPO_ROOT

CACHE_DIR = BUILD_DIR / "cache"


def digest_files(paths: list[Path], root: Path | None = None) -> str:
    """SHA-256 over the files' names (relative to ``root``, else absolute) and contents, in order."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(root or path.anchor)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


CODE_DIR = REPO_ROOT / "src" / "analysis"


def code_files() -> list[Path]:
    """The package's code and the tables it ships (calibration, site files), without byte-code."""
    return [p for p in CODE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def code_digest() -> str:
    """Digest of the package's version and code: what turns the same input files into output."""
    from analysis import __version__

    return hashlib.sha256(f"{__version__}\0{digest_files(code_files())}".encode()).hexdigest()


def inputs_digest(data_dir: Path) -> str:
    """Digest of every input shared by all notebooks (computed once per build)."""
    files = [p for p in Path(data_dir).glob("*") if p.is_file()]
    files += [p for p in DATA_DIR.rglob("*") if p.is_file()]  # registry and plan text
    files += code_files()
    files += [  # the results the book shows (the method chapter), not the build-speed timings
        p
        for p in (REPO_ROOT / "benchmarks" / "results").glob("*.json")
        if not p.name.startswith("build_speed")
    ]
    files += [p for p in (REPO_ROOT / "changelog").rglob("*") if p.is_file()]
    files += [REPO_ROOT / "requirements.txt"]
    return digest_files([f for f in files if f.exists()])


def notebook_key(template: Path, title: str | None, parameters: dict, shared: str) -> str:
    h = hashlib.sha256()
    h.update(template.read_bytes())
    h.update(
        json.dumps({"title": title, "parameters": parameters}, sort_keys=True, default=str).encode()
    )
    h.update(shared.encode())
    return h.hexdigest()


def fetch(key: str, destination: Path) -> bool:
    cached = CACHE_DIR / f"{key}.ipynb"
    if not cached.exists():
        return False
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copy(cached, destination)
    except FileNotFoundError:  # pruned by a concurrent build between the check and the copy
        return False
    return True


def store(key: str, executed: Path) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    temporary = CACHE_DIR / f".{key}.{os.getpid()}.tmp"  # concurrent builds never share one
    shutil.copy(executed, temporary)
    temporary.replace(CACHE_DIR / f"{key}.ipynb")  # atomic: a half-written entry is never read


def prune(keep: set[str], limit: int = 200) -> None:
    """Drop the oldest entries beyond ``limit``, never those of the current build."""
    if not CACHE_DIR.exists():
        return
    entries = sorted(CACHE_DIR.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
    for entry in entries[limit:]:
        if entry.stem not in keep:
            entry.unlink(missing_ok=True)
