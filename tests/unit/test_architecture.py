"""Layering rules of STYLE.md: only advocacy/app imports streamlit; stages import earlier ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "advocacy"

# Each stage may import only the stages listed before it (and itself).
ORDER = [
    {"location", "issues", "model", "template", "formatting", "fictional", "print_fonts",
     "provenance"},
    {"ingest"},
    {"load", "picking"},
    {"checks"},
    {"metrics"},
    {"narrative"},
    {"checked"},
    {"charts", "compare", "compare_charts"},
    {"exports"},
    {"report_json", "report_text"},
    {"samples", "edit", "overrides", "cli", "__main__"},
    {"app"},
]
# model, issues, template and formatting are the foundation: they import nothing beyond it.
FOUNDATION_ALLOWED = {"location", "model", "issues", "template"}


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
        if top in {"model", "issues", "template", "formatting", "location"}:
            assert other in FOUNDATION_ALLOWED, f"{path.name} imports {other}"


def _labels_written(path: Path, labels: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value.strip() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.strip() in labels}


@pytest.mark.parametrize("path,top", list(_modules()), ids=lambda v: str(v))
def test_only_the_template_spells_out_profile_labels(path, top):
    """Two profile labels written out in one module is the start of a second table of fields,
    which drifts from the template's; take them from advocacy.template instead."""
    from advocacy import template

    if path.name == "template.py":
        return
    labels = {text for field in template.PROFILE for text in (field.label, field.short)}
    labels |= {count.label for count in template.PROFILE_COUNTS}
    labels |= {part.question for part in template.STORY}
    written = _labels_written(path, labels)
    assert len(written) < 2, f"{path.name} spells out {sorted(written)}"


def test_the_label_check_finds_a_table_of_labels(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('FIELDS = (("students", "Students"), ("teachers", "Teachers (FTE)"))\n')
    assert _labels_written(copy, {"Students", "Teachers (FTE)"}) == {"Students",
                                                                      "Teachers (FTE)"}


# Exports that render a file; the rest of advocacy/exports is shared by them (the document
# model, fitting, key numbers, Typst, SVG charts) or runs them (build).
RENDERERS = {"pdf", "html", "slides", "packet", "workbook"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path) -> set[str]:
    """Our modules ``path`` imports, "from advocacy.app import state" naming advocacy.app.state."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("advocacy")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "advocacy"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_no_export_imports_another(name):
    imported = _imported_modules(PACKAGE / "exports" / f"{name}.py")
    others = {f"advocacy.exports.{other}" for other in RENDERERS - {name}}
    assert not imported & others, f"exports.{name} imports {sorted(imported & others)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if state.get(other) == "open":
                cycles.append(stack[stack.index(other):] + [other])
            elif other not in state:
                visit(other)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_no_import_cycles_inside_a_package():
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        package = name.rsplit(".", 1)[0]
        graph[name] = {other for other in _imported_modules(path)
                       if other.rsplit(".", 1)[0] == package and other != name}
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a.x": {"a.y"}, "a.y": {"a.x"}}) == [["a.x", "a.y", "a.x"]]
