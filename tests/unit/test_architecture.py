"""Layering rules of STYLE.md: only advocacy/app imports streamlit; stages import earlier ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "advocacy"

# Each stage may import only the stages listed before it (and itself).
ORDER = [
    {"location", "issues", "model", "formatting", "fictional"},
    {"ingest"},
    {"load"},
    {"checks"},
    {"metrics"},
    {"narrative"},
    {"charts", "compare", "compare_charts"},
    {"exports"},
    {"samples", "edit", "cli", "__main__"},
    {"app"},
]
# model, issues and formatting are the foundation: they import nothing beyond it.
FOUNDATION_ALLOWED = {"location", "model", "issues"}


def _stage(module: str) -> int:
    return next(index for index, names in enumerate(ORDER) if module in names)


def _our_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top == "__init__":
            continue
        yield path, top


@pytest.mark.parametrize("path,top", list(_modules()), ids=lambda v: str(v))
def test_core_never_imports_streamlit(path, top):
    if top == "app":
        return
    imports = _our_imports(path)
    assert not any(name == "streamlit" or name.startswith("streamlit.") for name in imports), path


@pytest.mark.parametrize("path,top", list(_modules()), ids=lambda v: str(v))
def test_stage_imports_only_earlier_stages(path, top):
    own = _stage(top)
    for name in _our_imports(path):
        if not name.startswith("advocacy."):
            continue
        other = name.split(".")[1]
        assert _stage(other) <= own, f"{path.name} ({top}) imports later stage {other}"
        if top in {"model", "issues", "formatting", "location"}:
            assert other in FOUNDATION_ALLOWED, f"{path.name} imports {other}"
