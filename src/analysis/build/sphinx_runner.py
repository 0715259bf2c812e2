"""Run Jupyter Book's Sphinx build in a child process that is started early and waits.

``python -m analysis.build.sphinx_runner SOURCE OUTPUT`` does the slow part of starting Sphinx while the
build's notebooks execute: it imports Jupyter Book, Sphinx, the theme and every extension, loads
jieba's dictionary and — when SOURCE holds the previous build's pages and OUTPUT its Sphinx
environment — creates the Sphinx application on them (loading the environment) and compiles the
theme's templates. It then prints ``ready`` and waits for one line of JSON on stdin:
``{"fresh": false}`` builds with that application (Sphinx re-reads only the pages that changed
since); ``{"fresh": true}`` (the configuration, table of contents or search dictionary changed, and
the build removed OUTPUT) builds with a new one. Either way it is the build
``jupyter-book build SOURCE --path-output OUTPUT -W --keep-going`` makes (see
:func:`jupyter_book.sphinx.build_sphinx`, which :func:`_application` follows).

It also works around a slowness of Sphinx 7's Chinese search (``sphinx.search.zh``): every Latin
word of every page is appended to one list, and each word's stemming searches that list, which
made indexing the book quadratic (about five seconds of a ten-second build). A set answers the same
membership question; the index is identical.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path


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
    stems: dict[tuple[str, bool], str] = {}

    def stem(self, word: str) -> str:
        # the answer depends on the word and on whether it is a Latin term seen so far
        key = (word, word in self.latin_terms)
        if key not in stems:
            stems[key] = original_stem(self, word)
        return stems[key]

    zh.SearchChinese.split = split
    zh.SearchChinese.stem = stem


def warm_up() -> None:
    """Import Jupyter Book, Sphinx and every extension the book's configuration names, and load
    jieba's dictionary."""
    import importlib

    from jupyter_book.config import get_final_config

    from analysis.paths import REPO_ROOT as root

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


def _application(stack: ExitStack, source: str, output: str, jobs: int = 1):
    """The Sphinx application `jupyter-book build` would make, inside the docutils patches that
    must stay in place until it has built (held open by ``stack``)."""
    from jupyter_book.config import get_final_config
    from jupyter_book.pdf import update_latex_documents
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    os.chdir(source)  # the configuration names files (the search dictionary) relative to it
    config, meta = get_final_config(
        user_yaml=Path(source) / "_config.yml",
        cli_config={"external_toc_path": f"{source}/_toc.yml", "latex_individualpages": False},
        sourcedir=Path(source),
        use_external_toc=True,
    )
    stack.enter_context(patch_docutils(None))
    stack.enter_context(docutils_namespace())
    app = Sphinx(srcdir=source, confdir=None, outdir=f"{output}/_build/html",
                 doctreedir=f"{output}/_build/.doctrees", buildername="html", confoverrides=config,
                 status=None, warning=sys.stderr, freshenv=False, warningiserror=True,
                 parallel=jobs, keep_going=True)  # fmt: skip
    app.config.latex_documents = update_latex_documents(
        app.config.latex_documents, meta["latex_doc_overrides"]
    )
    if app.config["use_multitoc_numbering"]:
        if "external_toc_path" in app.config:
            import yaml

            if "numbered: true" in yaml.dump(app.config.external_site_map.as_json()):
                app.setup_extension("sphinx_multitoc_numbering")
        else:
            app.setup_extension("sphinx_multitoc_numbering")
    return app


def _compile_templates(app) -> None:
    """Compile the theme's templates now rather than while the first page is written."""
    environment = app.builder.templates.environment
    for loader in app.builder.templates.loaders:
        for name in loader.list_templates():
            if name.endswith(".html"):
                try:
                    environment.get_template(name)
                except Exception:  # a fragment that only compiles inside its parent
                    pass


def build(app) -> int:
    try:
        app.build(False, [])
    except Exception as exc:  # as jupyter-book reports it: one line, exit 1
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return int(app.statuscode or 0)


def main(argv: list[str]) -> int:
    source, output = (os.path.abspath(a) for a in argv[:2])
    warm_up()
    speed_up_chinese_search()
    with ExitStack() as stack:
        app = None
        if (Path(source) / "_config.yml").is_file() and (
            Path(output) / "_build" / ".doctrees" / "environment.pickle"
        ).is_file():
            try:
                app = _application(stack, source, output)
                _compile_templates(app)
            except Exception:  # the real build below reports what is wrong
                stack.close()
                app = None
        print("ready", flush=True)
        line = sys.stdin.readline()
        if not line.strip():
            return 0  # the build did not get this far: nothing to do
        request = json.loads(line)
        if request.get("fresh") or app is None:
            stack.close()
            try:
                app = _application(stack, source, output, int(request.get("jobs", 1)))
            except Exception as exc:
                print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
                return 1
        return build(app)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
