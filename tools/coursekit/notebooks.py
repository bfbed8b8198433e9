"""The notebook files: course order, reading and writing, ``metadata.course``, normalisation.

Every notebook carries ``metadata["course"] = {"title": str, "slides": str, "minutes": int}``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import CourseError
from .address import INDEX

NOTEBOOK_RE = re.compile(r"^(\d\d)_[A-Za-z0-9_]+\.ipynb$")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
META_FIELDS = (("title", str), ("slides", str), ("minutes", int))


@dataclass
class Entry:
    """One notebook of the course, as the contents table and the navigation see it."""

    path: Path
    number: str
    title: str
    slides: str
    minutes: int

    @property
    def name(self) -> str:
        """The file name, e.g. ``01_perceptron.ipynb``."""
        return self.path.name

    @property
    def label(self) -> str:
        """``NN · Title`` as used in headings and navigation."""
        return f"{self.number} · {self.title}"


def notebook_paths(root: Path) -> list[Path]:
    """The course notebooks ``notebooks/NN_*.ipynb`` in lecture order (the index included)."""
    folder = root / "notebooks"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_RE.match(p.name))


def read_nb(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def nb_text(nb: nbformat.NotebookNode) -> str:
    """The exact text ``write_nb`` writes (nbformat's own layout, trailing newline)."""
    return nbformat.writes(nb) + "\n"


def write_nb(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path`` if its text changed; return True if the file was written."""
    text = nb_text(nb)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def cell_text(cell) -> str:
    """A cell's source as one string."""
    return "".join(cell.source) if isinstance(cell.source, list) else cell.source


def has_tag(cell, tag: str) -> bool:
    """True if ``cell`` carries the metadata tag ``tag``."""
    return tag in cell.get("metadata", {}).get("tags", [])


def entry_for(path: Path, nb: nbformat.NotebookNode) -> Entry:
    """Validate ``nb.metadata.course`` and return the notebook's :class:`Entry`."""
    meta = nb.metadata.get("course")
    hint = (
        f"{path.name}: set its metadata with\n  python tools/course.py meta notebooks/{path.name}"
        ' --title "..." --slides "..." --minutes N'
    )
    if not isinstance(meta, dict):
        raise CourseError(f"{path.name}: metadata.course is missing.\n{hint}")
    problems = [
        f"metadata.course.{key} must be a non-empty {kind.__name__}"
        for key, kind in META_FIELDS
        if not isinstance(meta.get(key), kind) or isinstance(meta.get(key), bool) or not meta[key]
    ]
    if problems:
        raise CourseError(f"{path.name}: " + "; ".join(problems) + f"\n{hint}")
    number = NOTEBOOK_RE.match(path.name).group(1)
    return Entry(path, number, meta["title"], meta["slides"], meta["minutes"])


def load_entries(root: Path) -> tuple[list[Entry], list[str]]:
    """Entries for every notebook that has valid metadata, and the problems of the others."""
    entries, problems = [], []
    for path in notebook_paths(root):
        try:
            entries.append(entry_for(path, read_nb(path)))
        except CourseError as error:
            problems.append(str(error))
        except Exception as error:  # unreadable JSON: say which file
            problems.append(f"{path.name}: cannot be read as a notebook ({error})")
    if entries and entries[0].name != INDEX:
        problems.append(f"notebooks/{INDEX} is missing: it is the course's contents page")
    return entries, problems


def set_meta(path: Path, title: str | None, slides: str | None, minutes: int | None) -> None:
    """Set a notebook's ``metadata.course`` fields from the command line."""
    nb = read_nb(path)
    meta = dict(nb.metadata.get("course", {}))
    for key, value in (("title", title), ("slides", slides), ("minutes", minutes)):
        if value is not None:
            meta[key] = value
    nb.metadata["course"] = meta
    write_nb(nb, path)


def ensure_ids(nb: nbformat.NotebookNode, stem: str) -> None:
    """Give every cell a stable, unique id (nbformat 4.5) without touching existing ones."""
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    seen = set()
    for i, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in seen:
            base = re.sub(r"[^A-Za-z0-9-]", "-", f"{stem}-{i}")[:60]
            cid, k = base, 1
            while cid in seen:
                cid, k = f"{base}-{k}", k + 1
            cell["id"] = cid
        seen.add(cid)


def normalise_metadata(nb: nbformat.NotebookNode) -> None:
    """Drop widget state and timing metadata; fix kernelspec and language_info.

    No widget state is saved, so a widget's view could not render from the file: it is
    dropped (its text stays: nbval compares it), and the output is marked
    ``metadata.course.widget = true``. The widget's still (the output after it, marked
    ``metadata.course.still`` by ``helpers.widgets``) loses its Markdown (the hint "run this
    cell" and the picture again, for a notebook reopened after a run): from the file, GitHub,
    the website and JupyterLab show its plain PNG with its alt text, and the website says
    under it that it is a still of a widget.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = copy.deepcopy(LANGUAGE_INFO)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_MIME in data:
                del data[WIDGET_MIME]
                output.setdefault("metadata", {}).setdefault("course", {})["widget"] = True
            if data and output.get("metadata", {}).get("course", {}).get("still"):
                data.pop("text/markdown", None)
