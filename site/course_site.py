"""The course's touches to the website (a small Sphinx extension, loaded by site/conf.py).

* The contents page (``00_index``) gets a hidden table of contents listing every lesson in
  course order: the sidebar and the previous/next links come from it.
* The setup cell (it installs ``helpers`` on Colab) is left out: a reader has nothing to run.
* A widget is stored as two outputs: its text (the course tool drops the widget view, as no
  widget state is saved, and marks it ``metadata.course.widget``) and its still picture
  (``metadata.course.still``, from ``helpers.widgets``); the page says under the picture that
  it is a still of a widget and how to play.
* The contents page is also written as ``index.html``, the page a site address opens.
* Anchors written as raw HTML (``<a id="step-3"></a>`` before a step's heading, the format of
  the README's slide map and route; ``<a id="name"></a>`` before a derivation) are made known to
  MyST, so ``01_perceptron.ipynb#step-3`` resolves.
* Long figure-drawing code (cells tagged ``hide-input``) is folded behind a toggle that MyST-NB
  draws; its name is made what it shows.
* Code cells are left out of the search index (class ``no-search``): a search for "learning
  rate" finds the prose about it, not ``enumerate`` in a loop.

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
    """Put a note under every output marked as a widget's still picture; return how many."""
    count = 0
    for cell in nb.get("cells", []):
        outputs = []
        for output in cell.get("outputs", []):
            outputs.append(output)
            if output.get("metadata", {}).get("course", {}).get("still"):
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


ANCHOR_RE = re.compile(r'^\s*<a\s+id="([A-Za-z][\w.-]*)"\s*>(\s*</a>)?\s*$')


def register_anchors(app, doctree) -> int:
    """Tell MyST about each anchor written as raw HTML (``<a id="step-k"></a>`` before a step's
    heading, or ``<a id="name"></a>`` before a derivation) so a link to ``notebook.ipynb#name``
    resolves to it; return how many."""
    slugs = app.env.metadata[app.env.docname].setdefault("myst_slugs", {})
    count = 0
    for raw in doctree.findall(lambda node: node.tagname == "raw"):
        match = ANCHOR_RE.match(raw.astext())
        if match:
            section = raw.next_node(lambda node: node.tagname == "title", ascend=True)
            title = section.astext() if section is not None else match.group(1)
            slugs[match.group(1)] = (2, match.group(1), title)
            count += 1
    return count


def keep_code_out_of_search(doctree) -> None:
    """Mark every code cell's source ``no-search`` (Sphinx's indexer skips such nodes)."""
    from docutils.nodes import Element  # Sphinx's; imported here so the tests of this module's
    # other functions run without the site packages (the README's test command has none)

    for node in doctree.findall(
        lambda node: isinstance(node, Element) and "cell_input" in node["classes"]
    ):
        node["classes"].append("no-search")


def on_doctree_read(app, doctree) -> None:
    add_alt_text(app, doctree)
    register_anchors(app, doctree)
    keep_code_out_of_search(doctree)


HIDDEN_TOGGLE = '<summary aria-label="Toggle hidden content">'


def name_toggles_by_their_text(html: str) -> str:
    """MyST-NB's "Show code cell source" toggle (cells tagged ``hide-input``) is named "Toggle
    hidden content", not what it shows (axe's serious label-content-name-mismatch): drop the
    aria-label so its visible text names it."""
    return html.replace(HIDDEN_TOGGLE, "<summary>")


def on_build_finished(app, exception) -> None:
    """Name the code toggles by their text; write the contents page also as ``index.html``
    (same folder: its links stay valid)."""
    if exception is None and app.builder.format == "html":
        outdir = Path(app.outdir)
        for page in outdir.glob("*.html"):
            text = page.read_text(encoding="utf-8")
            if HIDDEN_TOGGLE in text:
                page.write_text(name_toggles_by_their_text(text), encoding="utf-8")
        shutil.copyfile(outdir / f"{app.config.root_doc}.html", outdir / "index.html")


def setup(app):
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", on_doctree_read)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
