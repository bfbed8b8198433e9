"""Read a notebook from a test: its cells by tag, its own code, its committed outputs.

A test that recomputes a notebook's result with a library copy keeps passing when the notebook
changes. These helpers let a test use the notebook itself instead (the convention is in
CONTRIBUTING, "Twins and claims"):

* ``cell(nb, key)``: the one cell tagged ``key`` (or whose id is ``key``);
* ``tagged(nb, prefix)``: every code cell with a tag starting with ``prefix`` and that tag;
* ``definitions(nb, key, **names)``: the notebook's imports, then only the ``import``/``def``/
  ``class`` statements of the cell, executed in one namespace (with ``names`` as globals);
* ``run(nb, key, namespace=None, **names)``: the notebook's imports, then the whole cell;
* ``output(nb, key)``: the committed text under the cell (stdout and text/plain).

``nb`` is a notebook's number ("05") or a path.
"""

import ast
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"


def path_of(nb):
    """The notebook ``nb``: a number such as "05" (or 5), or a path."""
    if isinstance(nb, Path):
        return nb
    found = sorted(NOTEBOOKS.glob(f"{int(nb):02d}_*.ipynb"))
    assert len(found) == 1, f"expected one notebook numbered {nb} in {NOTEBOOKS}, found {found}"
    return found[0]


def cells(nb):
    return json.loads(path_of(nb).read_text(encoding="utf-8"))["cells"]


def source(cell_):
    return "".join(cell_["source"])


def tags(cell_):
    return cell_.get("metadata", {}).get("tags", [])


def cell(nb, key):
    """The one cell of ``nb`` tagged ``key``, or else the one whose id is ``key``."""
    all_cells = cells(nb)
    found = [c for c in all_cells if key in tags(c)] or [c for c in all_cells if c.get("id") == key]
    assert len(found) == 1, f"{path_of(nb).name}: {len(found)} cells tagged {key!r}, expected 1"
    return found[0]


def tagged(nb, prefix):
    """[(tag, cell)] for every code cell of ``nb`` with a tag starting with ``prefix``."""
    return [
        (tag, c)
        for c in cells(nb)
        if c["cell_type"] == "code"
        for tag in tags(c)
        if tag.startswith(prefix)
    ]


def import_cell(nb):
    """The notebook's imports: its first code cell after the ``setup`` cell."""
    code = [c for c in cells(nb) if c["cell_type"] == "code" and "setup" not in tags(c)]
    return code[0]


def _namespace(nb, names):
    namespace = {"__name__": f"notebook_{path_of(nb).stem}"}
    _exec(source(import_cell(nb)), namespace, f"{path_of(nb).name}[imports]")
    namespace["show"] = lambda *args, **kwargs: None  # no figures in tests
    namespace.update(names)
    return namespace


def _exec(code, namespace, filename):
    exec(compile(code, filename, "exec"), namespace)


def definitions(nb, key, **names):
    """The namespace after the notebook's imports and the ``import``/``def``/``class``
    statements of the cell ``key`` (the rest of the cell is not run); ``names`` are extra
    globals the cell's functions read (notebook 05's ``loss`` reads ``x`` and ``y``)."""
    namespace = _namespace(nb, names)
    tree = ast.parse(source(cell(nb, key)))
    kept = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    tree.body = [node for node in tree.body if isinstance(node, kept)]
    exec(compile(tree, f"{path_of(nb).name}[{key}]", "exec"), namespace)
    return namespace


def run(nb, key, namespace=None, **names):
    """The namespace after running the whole cell ``key`` (after the notebook's imports, or in
    ``namespace`` from an earlier ``run``); ``names`` are globals set before it."""
    if namespace is None:
        namespace = _namespace(nb, names)
    else:
        namespace.update(names)
    _exec(source(cell(nb, key)), namespace, f"{path_of(nb).name}[{key}]")
    return namespace


def output(nb, key):
    """The committed text under the cell ``key``: its stdout and text/plain outputs, joined."""
    parts = []
    for out in cell(nb, key).get("outputs", []):
        if out["output_type"] == "stream" and out.get("name") == "stdout":
            parts.append("".join(out["text"]))
        elif "text/plain" in out.get("data", {}):
            parts.append("".join(out["data"]["text/plain"]))
    return "".join(parts)
