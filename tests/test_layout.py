"""The package follows the data flow: data → forecast → assess → pages → build.

A module may import from its own layer and the layers before it, never from a later one, so
the folder itself shows which way the data go (``errors``, ``paths`` and ``cache``, the file
digests, sit below every layer)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"
RANK = {
    "errors": 0,
    "paths": 0,
    "cache": 0,
    "data": 1,
    "forecast": 2,
    "assess": 3,
    "pages": 4,
    "build": 5,
}


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    return path.relative_to(package).parts[0].removesuffix(".py")


def imported_layers(path: Path) -> list[tuple[int, str]]:
    """(line, layer) of every import of the package in one module, lazy imports included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(
                f"{path}:{node.lineno}: relative import; write analysis.<layer>.<module>"
            )
        names = (
            [node.module]
            if isinstance(node, ast.ImportFrom) and node.module
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for name in names:
            parts = name.split(".")
            if parts[0] == "analysis" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
            elif parts == ["analysis"] and isinstance(node, ast.ImportFrom):
                found += [(node.lineno, a.name) for a in node.names if not a.name.startswith("__")]
    return found


MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.name not in {"__init__.py", "__main__.py"} or p.parent != PACKAGE
)


def test_every_module_sits_in_a_layer():
    stray = [p.name for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "__main__", *RANK}]
    assert not stray, f"modules outside the layers: {stray}"
    for layer in ("data", "forecast", "assess", "pages", "build"):
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
        assert doc and len(doc.split()) >= 30, (
            f"{layer}/__init__.py needs its one-paragraph docstring"
        )


def upward_imports(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    own = RANK[layer_of(path, package)]
    return [(line, layer) for line, layer in imported_layers(path) if RANK.get(layer, 99) > own]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_point_down_the_flow(path):
    assert not upward_imports(path), f"{path.relative_to(PACKAGE)} imports a later layer"


def test_the_check_catches_an_upward_and_a_relative_import(tmp_path):
    fake = tmp_path / "analysis"
    (fake / "data").mkdir(parents=True)
    module = fake / "data" / "bad.py"
    module.write_text("import pandas\n\ndef f():\n    from analysis.pages.chapter import x\n")
    assert upward_imports(module, fake) == [(4, "pages")]
    module.write_text("from analysis.data import units\nfrom analysis import errors\n")
    assert upward_imports(module, fake) == []
    module.write_text("from ..pages import chapter\n")
    with pytest.raises(AssertionError, match="relative import"):
        upward_imports(module, fake)
