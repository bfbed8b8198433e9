"""The course's touches to the website (a small Sphinx extension, loaded by site/conf.py).

* The contents page (``00_index``) gets a hidden table of contents listing every lesson in
  course order: the sidebar and the previous/next links come from it.
* The setup cell (it installs ``helpers`` on Colab) is left out: a reader has nothing to run.
* A widget's output is stored as a still picture (no widget state is saved; the course tool
  marks such outputs ``metadata.course.widget``); the page says so under it and how to play.
* The contents page is also written as ``index.html``, the page a site address opens.

* Figures keep the alt text stored in their output metadata (``{"image/png": {"alt": ...}}``,
  written by ``helpers.plotting.show``): MyST-NB 1.4 reads only width and height from there, so
  ``add_alt_text`` copies the alt to the image, found by the SHA-256 MyST-NB names its file by.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

LESSON_RE = re.compile(r"^(\d\d)_[A-Za-z0-9_]+\.ipynb$")
WIDGET_NOTE = (
    "*A still picture of an interactive widget. To play with it, launch this notebook: "
    "the Colab or Binder badge at the top of the page, or the rocket button above.*"
)


def lesson_names(srcdir: Path, root_doc: str) -> list[str]:
    """Docnames of the course's notebooks in ``srcdir``, in course order, without the root."""
    names = sorted(p.stem for p in srcdir.glob("*.ipynb") if LESSON_RE.match(p.name))
    return [name for name in names if name != root_doc]


def toctree_cell(names: list[str]) -> dict:
    """A markdown cell holding a hidden toctree of ``names``."""
    source = "```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(names) + "\n```"
    return {"cell_type": "markdown", "id": "course-site-toctree", "metadata": {}, "source": source}


def note_widgets(nb: dict) -> int:
    """Put a note under every output marked as a widget's still; return how many."""
    count = 0
    for cell in nb.get("cells", []):
        outputs = []
        for output in cell.get("outputs", []):
            outputs.append(output)
            if output.get("metadata", {}).get("course", {}).get("widget"):
                note = {"text/markdown": WIDGET_NOTE, "text/plain": WIDGET_NOTE}
                outputs.append({"output_type": "display_data", "data": note, "metadata": {}})
                count += 1
        if "outputs" in cell:
            cell["outputs"] = outputs
    return count


def remove_setup_cells(nb: dict) -> int:
    """Tag the setup cells (tag ``setup``) ``remove-cell`` for MyST-NB; return how many."""
    count = 0
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if "setup" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
            count += 1
    return count


def on_source_read(app, docname: str, source: list[str]) -> None:
    """Adapt the build's copy of a notebook (the file is not touched): no setup cell, notes
    under widgets, and on the contents page the toctree."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    changed = remove_setup_cells(nb) + note_widgets(nb) > 0
    if docname == app.config.root_doc:
        nb["cells"].append(toctree_cell(lesson_names(Path(app.srcdir), docname)))
        changed = True
    if changed:
        source[0] = json.dumps(nb)


def alt_texts(nb: dict) -> dict[str, str]:
    """``{sha256 of the PNG: alt}`` for every PNG output whose metadata carries alt text."""
    found = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if png and isinstance(alt, str) and alt.strip():
                digest = hashlib.sha256(base64.b64decode("".join(png))).hexdigest()
                found[digest] = alt.strip()
    return found


def add_alt_text(app, doctree) -> None:
    """Give each figure of a notebook page the alt text stored with its output."""
    path = Path(app.env.doc2path(app.env.docname))
    if path.suffix != ".ipynb":
        return
    alts = alt_texts(json.loads(path.read_text(encoding="utf-8")))
    for image in doctree.findall(lambda node: node.tagname == "image"):
        digest = Path(image.get("uri", "")).stem
        if digest in alts and not image.get("alt"):
            image["alt"] = alts[digest]


def on_build_finished(app, exception) -> None:
    """Write the contents page also as ``index.html`` (same folder: its links stay valid)."""
    if exception is None and app.builder.format == "html":
        outdir = Path(app.outdir)
        shutil.copyfile(outdir / f"{app.config.root_doc}.html", outdir / "index.html")


def setup(app):
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", add_alt_text)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
