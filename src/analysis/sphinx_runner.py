"""Run Jupyter Book's Sphinx build in a child process that is started early and waits.

``python -m analysis.sphinx_runner`` imports Jupyter Book, Sphinx and the theme at once (about two
seconds), then waits for one line of JSON on stdin — ``{"source": ..., "output": ..., "jobs": N}`` —
and builds. The build starts it while the notebooks execute, so the imports cost no time.

It also works around a slowness of Sphinx 7's Chinese search (``sphinx.search.zh``): every Latin
word of every page is appended to one list, and each word's stemming searches that list, which
made indexing the book quadratic (about five seconds of a ten-second build). A set answers the same
membership question; the index is identical.
"""

from __future__ import annotations

import functools
import json
import sys


def speed_up_chinese_search() -> None:
    """Same index, less work: a set for the Latin words seen, and each word stemmed once (Sphinx
    stems every occurrence twice) and each text split once."""

    from sphinx.search import zh

    zh.SearchChinese.latin_terms = set()

    @functools.cache
    def cut(text: str) -> tuple[str, ...]:
        return tuple(zh.jieba.cut_for_search(text)) if zh.JIEBA else ()

    def split(self, text: str) -> list[str]:
        latin = [term.strip() for term in self.latin1_letters.findall(text)]
        self.latin_terms.update(latin)
        return [*cut(text), *latin]

    original_stem = zh.SearchChinese.stem
    stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        # the answer depends on the word and on whether it is a Latin term; a word that becomes a
        # Latin term later is looked up again
        key = (word, word in self.latin_terms)
        if key not in stems:
            stems[key] = original_stem(self, word)
        return stems[key]

    zh.SearchChinese.split = split
    zh.SearchChinese.stem = stem


def build(source: str, output: str, jobs: int = 1) -> int:
    import os

    from jupyter_book.sphinx import build_sphinx

    source, output = os.path.abspath(source), os.path.abspath(output)
    os.chdir(source)  # the configuration names files (the search dictionary) relative to it
    result = build_sphinx(  # as `jupyter-book build SOURCE --path-output OUTPUT -W --keep-going`
        source,
        f"{output}/_build/html",
        use_external_toc=True,
        noconfig=True,
        path_config=f"{source}/_config.yml",
        confoverrides={"external_toc_path": f"{source}/_toc.yml", "latex_individualpages": False},
        builder="html",
        warningiserror=True,
        keep_going=True,
        jobs=jobs,
        quiet=True,
    )
    if isinstance(result, Exception):
        print(f"{type(result).__name__}: {result}", file=sys.stderr)
        return 1
    return int(result or 0)


def warm_up() -> None:
    """The slow part of starting Sphinx, done while the notebooks execute: import Jupyter Book,
    Sphinx and every extension the book's configuration names, and load jieba's dictionary."""
    import importlib
    from pathlib import Path

    from jupyter_book.config import get_final_config

    root = Path(__file__).resolve().parents[2]
    config, _ = get_final_config(user_yaml=root / "_config.yml", sourcedir=root,
                                 cli_config={"latex_individualpages": False})  # fmt: skip
    for name in config.get("extensions", []):
        try:
            importlib.import_module(name)
        except Exception:  # Sphinx reports it properly when it loads the extension
            pass
    try:
        import jieba

        jieba.setLogLevel(60)  # its progress lines are not for the reader
        jieba.initialize()
    except ImportError:
        pass


def main() -> int:
    warm_up()
    speed_up_chinese_search()
    line = sys.stdin.readline()
    if not line.strip():
        return 0  # the build did not get this far: nothing to do
    request = json.loads(line)
    return build(request["source"], request["output"], int(request.get("jobs", 1)))


if __name__ == "__main__":
    sys.exit(main())
