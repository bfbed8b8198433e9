"""The course's website (``bash tools/build_site.sh``): built from the committed notebooks, every
notebook has its page, every internal link resolves, every image has alt text.

The build takes about 20 s; it runs in a network namespace without network where the machine
allows one (so the test also shows the build is offline). Skipped when Sphinx, MyST-NB or the
book theme is missing (``pip install -r requirements-site.txt``).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from course_tool import ROOT
from coursekit.address import INDEX, read_address
from coursekit.notebooks import notebook_paths

sys.path.insert(0, str(ROOT / "site"))
import course_site  # noqa: E402

NOTEBOOKS = notebook_paths(ROOT)
SITE_PACKAGES = ("sphinx", "myst_nb", "sphinx_book_theme")
MISSING = [name for name in SITE_PACKAGES if importlib.util.find_spec(name) is None]
needs_build = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{', '.join(MISSING)} not installed: pip install -r requirements-site.txt",
)


class Page(HTMLParser):
    """The parts of an HTML page the checks need: ids, links, images, details blocks."""

    def __init__(self, path: Path):
        super().__init__()
        self.path, self.ids, self.links, self.images, self.details = path, set(), [], [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None and tag in ("a", "link", "img", "script"):
                self.links.append((tag, attrs[key], attrs))
        if tag == "img":
            self.images.append(attrs)
        if tag == "details":
            self.details.append(attrs)


def build(outdir: Path) -> subprocess.CompletedProcess:
    """Run the project's command; offline (``unshare --net``) where the machine allows it."""
    command = ["bash", str(ROOT / "tools" / "build_site.sh"), str(outdir)]
    offline = (
        shutil.which("unshare")
        and subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0
    )
    if offline:
        command = ["unshare", "--net", *command]
    env = {**os.environ, "PYTHON": sys.executable}
    env.setdefault("LITE", "0")  # the JupyterLite edition is tests/test_lite.py's (h17)
    return subprocess.run(command, capture_output=True, text=True, env=env, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("website") / "site"
    result = build(outdir)
    assert result.returncode == 0, f"the site build failed:\n{result.stdout}\n{result.stderr}"
    return outdir


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    """Every page of the site (the themes' template macros copied into _static/ are not)."""
    paths = [p for p in sorted(site.rglob("*.html")) if "_static" not in p.relative_to(site).parts]
    return {p.relative_to(site).as_posix(): Page(p) for p in paths}


def page_for(notebook: Path) -> str:
    return f"{notebook.stem}.html"


def notebook_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- the build ----------------------------------------------------------------------------------


@needs_build
@pytest.mark.slow
def test_index_is_the_contents_page(site, pages):
    contents = site / page_for(ROOT / "notebooks" / INDEX)
    assert (site / "index.html").read_bytes() == contents.read_bytes()
    hrefs = {href for _, href, _ in pages["index.html"].links}
    for path in NOTEBOOKS[1:]:
        assert page_for(path) in hrefs, f"the front page does not link {page_for(path)}"


@needs_build
@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_its_page_with_launch_buttons(site, pages, notebook):
    name = page_for(notebook)
    assert name in pages, f"no page for {notebook.name}"
    title = notebook_json(notebook)["metadata"]["course"]["title"]
    html = (site / name).read_text(encoding="utf-8")
    assert html_lib.escape(title, quote=False) in html, f"the page does not show {title!r}"
    address = read_address(ROOT)
    buttons = {
        a.get("title"): href
        for _, href, a in pages[name].links
        if "dropdown-item" in a.get("class", "")
    }
    assert buttons.get("Launch on Colab") == address.colab(notebook.name)
    assert buttons.get("Launch on Binder") == address.binder(notebook.name)


@needs_build
@pytest.mark.slow
def test_pages_in_course_order_with_previous_and_next(pages):
    """Each page's footer links its neighbours (the book theme's prev/next from the toctree)."""
    for before, after in zip(NOTEBOOKS, NOTEBOOKS[1:], strict=False):
        html_before = pages[page_for(before)]
        next_links = [a for tag, href, a in html_before.links if "right-next" in a.get("class", "")]
        assert next_links and next_links[0]["href"] == page_for(after), before.name
        prev_links = [
            a for tag, href, a in pages[page_for(after)].links if "left-prev" in a.get("class", "")
        ]
        assert prev_links and prev_links[0]["href"] == page_for(before), after.name


@needs_build
@pytest.mark.slow
def test_search_is_built(site, pages):
    assert "search.html" in pages and (site / "searchindex.js").stat().st_size > 10_000
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert "backpropag" in index and "perceptron" in index


@needs_build
@pytest.mark.slow
def test_every_internal_link_resolves(site, pages):
    broken = []
    for name, page in pages.items():
        for tag, url, _ in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            if not target.resolve().is_relative_to(site.resolve()) or not target.exists():
                broken.append(f"{name}: <{tag}> {url} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                target_name = target.resolve().relative_to(site.resolve()).as_posix()
                if unquote(parts.fragment) not in pages[target_name].ids:
                    broken.append(f"{name}: <{tag}> {url} (no such anchor)")
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:40])


@needs_build
@pytest.mark.slow
def test_every_image_has_alt_text(pages):
    """Alt text comes from the figure's output metadata (``helpers.plotting.show(fig, alt=...)``);
    without it docutils writes the file name as alt, which tells a screen reader nothing."""
    missing = []
    for name, page in pages.items():
        figures = [image for image in page.images if "/_images/" in f"/{image.get('src', '')}"]
        for image in page.images:
            alt, src = (image.get("alt") or "").strip(), image.get("src", "")
            if not alt or alt == src or alt == Path(urlsplit(src).path).name:
                where = f"figure {figures.index(image) + 1} of {len(figures)}"
                missing.append(f"{name}: {where if image in figures else src}")
    assert not missing, f"{len(missing)} image(s) without alt text:\n" + "\n".join(missing)


@needs_build
@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_stay_collapsed_and_widgets_say_how_to_play(pages, notebook):
    page = pages[page_for(notebook)]
    source = json.dumps(notebook_json(notebook))
    mine = [d for d in page.details if "hide" not in d.get("class", "").split()]  # hide-input
    assert len(mine) == source.count("<details"), "a <details> block went missing"
    assert not any("open" in attrs for attrs in page.details), "a solution is shown open"
    widgets = course_site.note_widgets(notebook_json(notebook))
    html = page.path.read_text(encoding="utf-8")
    assert html.count("A still picture of an interactive widget") == widgets


# --- the pieces, without a build ----------------------------------------------------------------


def test_widget_stills_get_a_note_and_setup_cells_are_removed():
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {"tags": ["setup"]}, "outputs": []},
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [
                    {"output_type": "execute_result", "metadata": {"course": {"widget": True}}},
                    {"output_type": "stream", "metadata": {}},
                ],
            },
            {"cell_type": "markdown", "metadata": {}, "source": "text"},
        ]
    }
    assert course_site.remove_setup_cells(nb) == 1
    assert nb["cells"][0]["metadata"]["tags"] == ["setup", "remove-cell"]
    assert course_site.note_widgets(nb) == 1
    outputs = nb["cells"][1]["outputs"]
    assert [o["output_type"] for o in outputs] == ["execute_result", "display_data", "stream"]
    assert "launch this notebook" in outputs[1]["data"]["text/markdown"]


def test_the_contents_page_lists_the_lessons_in_order(tmp_path):
    for name in ("02_b.ipynb", "00_index.ipynb", "01_a.ipynb", "notes.ipynb", "10_c.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    names = course_site.lesson_names(tmp_path, "00_index")
    assert names == ["01_a", "02_b", "10_c"]
    assert course_site.toctree_cell(names)["source"].splitlines()[1:] == [
        ":hidden:",
        ":maxdepth: 1",
        "",
        "01_a",
        "02_b",
        "10_c",
        "```",
    ]


def test_the_pages_workflow_runs_the_same_command():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "bash tools/build_site.sh" in workflow
    assert "pip install -r requirements-site.txt" in workflow
    assert re.search(r"path:\s*_build/site\b", workflow)
    assert "actions/deploy-pages" in workflow


def tiny_png(seed: int) -> str:
    """A small real PNG (base64), different for each seed."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1], [0, seed])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_notebook(title: str) -> nbformat.NotebookNode:
    """A notebook with two figures: the first with alt text in its output metadata."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show(fig)", execution_count=1)
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": tiny_png(1), "text/plain": "<Figure>"},
            metadata={"image/png": {"alt": "A line rising from left to right."}},
        ),
        nbformat.v4.new_output(
            "display_data", data={"image/png": tiny_png(2), "text/plain": "<Figure>"}
        ),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"), cell]
    return nb


def test_alt_texts_are_found_by_the_pngs_hash():
    nb = json.loads(nbformat.writes(figure_notebook("T")))
    png = nb["cells"][1]["outputs"][0]["data"]["image/png"]
    digest = hashlib.sha256(base64.b64decode(png)).hexdigest()
    assert course_site.alt_texts(nb) == {digest: "A line rising from left to right."}


@needs_build
def test_figures_get_the_alt_text_of_their_output_metadata(tmp_path):
    """MyST-NB alone ignores output-metadata alt; course_site puts it on the <img>."""
    (tmp_path / "src").mkdir()
    nbformat.write(figure_notebook("Contents"), tmp_path / "src" / "00_index.ipynb")
    nbformat.write(figure_notebook("One"), tmp_path / "src" / "01_one.ipynb")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(ROOT / "site")]
    command += ["-d", str(tmp_path / "doctrees"), str(tmp_path / "src"), str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    images = [i for i in Page(tmp_path / "out" / "01_one.html").images if "_images" in i["src"]]
    assert [i["alt"] for i in images] == ["A line rising from left to right.", images[1]["src"]]
