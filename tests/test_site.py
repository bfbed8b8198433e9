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
    """Run the project's command; offline (``unshare --net``: only loopback) where the machine
    allows it."""
    command = ["bash", str(ROOT / "tools" / "build_site.sh"), str(outdir)]
    offline = (
        shutil.which("unshare")
        and subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0
    )
    if offline:  # loopback up (the PDF is printed from a server on 127.0.0.1), nothing else
        up = 'ip link set lo up 2>/dev/null || true; exec "$@"'
        command = ["unshare", "--net", "sh", "-c", up, "sh", *command]
    env = {**os.environ, "PYTHON": sys.executable}
    env.setdefault("LITE", "0")  # the JupyterLite edition is tests/test_lite.py's
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
            if parts.path.startswith("lite/") and not (site / "lite").exists():
                continue  # built with LITE=0 (above): the edition's links are test_lite's
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
                    {"output_type": "display_data", "metadata": {"course": {"widget": True}}},
                    {"output_type": "display_data", "metadata": {"course": {"still": True}}},
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
    assert [o.get("metadata") for o in outputs] == [
        {"course": {"widget": True}},
        {"course": {"still": True}},
        {},  # the note: under the still picture, not under the widget's text
        {},
    ]
    assert "launch this notebook" in outputs[2]["data"]["text/markdown"]


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


# --- offline, downloads, edition (issue 20) -----------------------------------------------------

sys.path.insert(0, str(ROOT / "tools"))
import site_downloads  # noqa: E402
import site_figures  # noqa: E402
import site_offline  # noqa: E402

REMOTE = re.compile(r"^(https?:)?//", re.I)


@needs_build
@pytest.mark.slow
def test_no_page_loads_anything_from_another_host(site, pages):
    """Scripts, style sheets and pictures all come from the site (links to others are fine)."""
    remote = []
    for name, page in pages.items():
        for tag, url, attrs in page.links:
            loads = tag in ("img", "script") or (
                tag == "link" and "stylesheet" in attrs.get("rel", "")
            )
            if loads and REMOTE.match(url):
                remote.append(f"{name}: <{tag}> {url}")
    assert not remote, "\n".join(remote[:20])
    html = (site / "01_perceptron.html").read_text(encoding="utf-8")
    assert 'src="_static/mathjax/tex-mml-chtml.js"' in html
    assert '"fonts": "[mathjax]/fonts"' in html, "MathJax would fetch its font from a CDN"
    assert '"inTabOrder": false' in html and "processHtmlClass" in html  # extended, not replaced
    font = site / "_static" / "mathjax" / "fonts" / "mathjax-newcm-font" / "chtml"
    assert list(font.glob("woff2/*.woff2")), "the MathJax font was not copied"


@needs_build
@pytest.mark.slow
def test_downloads_are_built_and_linked_from_every_page(site, pages):
    archive = site / site_downloads.ZIP_NAME
    pdf = site / site_downloads.PDF_NAME
    assert archive.stat().st_size > 100_000
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 500_000
    import zipfile

    names = zipfile.ZipFile(archive).namelist()
    top = f"intro-neural-networks-{site_downloads.version()}/"
    for path in NOTEBOOKS:
        assert f"{top}notebooks/{path.name}" in names
    for needed in ("helpers/__init__.py", "requirements.txt", "pyproject.toml", "README.md"):
        assert top + needed in names, needed
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    for name, page in pages.items():
        if name in ("genindex.html", "search.html"):
            continue
        hrefs = {href for _, href, _ in page.links}
        assert {site_downloads.ZIP_NAME, site_downloads.PDF_NAME} <= hrefs, name


@needs_build
@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_each_page_shows_the_edition_an_issue_link_and_how_to_run_it(site, pages, notebook):
    html = (site / page_for(notebook)).read_text(encoding="utf-8")
    assert (
        f"Edition {site_downloads.version()} (commit <code>{site_downloads.commit()}</code>)"
        in html
    )
    issue = [
        h
        for _, h, a in pages[page_for(notebook)].links
        if "course-issue-link" in a.get("class", "")
    ]
    assert len(issue) == 1 and issue[0].startswith(read_address(ROOT).github() + "/issues/new?")
    assert notebook.stem in unquote(issue[0]), "the issue's title does not name the page"
    assert "Run this notebook yourself" in html and "requirements.txt" in html
    assert f'href="{site_downloads.ZIP_NAME}"' in html


@needs_build
@pytest.mark.slow
def test_figures_are_files_each_linked_full_size(site, pages):
    figures = 0
    for name, page in pages.items():
        html = page.path.read_text(encoding="utf-8")
        assert "data:image/png" not in html, f"{name} still inlines a PNG"
        for _tag, href, attrs in page.links:
            if "course-figure" in attrs.get("class", "").split():
                assert (site / href).is_file() and href.startswith("_images/figure-")
                figures += 1
    assert figures >= 30, f"only {figures} figures linked full size"


@needs_build
@pytest.mark.slow
def test_code_is_not_in_the_search_index_and_step_anchors_are_on_the_pages(site, pages):
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert '"figsiz' not in index, "code cells are indexed (figsize matched)"
    assert "learn" in index
    for path in NOTEBOOKS:
        anchors = set(re.findall(r'<a id=\\"([\w.-]+)\\"', path.read_text(encoding="utf-8")))
        missing = anchors - pages[page_for(path)].ids
        assert not missing, f"{path.name}: anchors not on the page: {sorted(missing)}"


def test_citation_and_changelog_carry_the_version():
    version = site_downloads.version()
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert re.search(r"^cff-version: 1\.2\.0$", citation, re.M)
    assert f"## {version} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_badges_are_served_by_the_site():
    page = '<a href="x"><img alt="Open In Colab" src="https://colab.research.google.com/assets/colab-badge.svg"/></a>'
    assert site_offline.local_badges(page) == page.replace(
        "https://colab.research.google.com/assets/colab-badge.svg", "_static/badges/colab-badge.svg"
    )
    for local in site_offline.BADGES.values():
        assert (ROOT / "site" / local).is_file()


def test_a_figure_becomes_a_file_shown_at_its_displayed_size(tmp_path):
    png = base64.b64decode(tiny_png(3))
    pixels = site_figures.png_size(png)
    page = (
        f'<p><img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
        f'alt="A &quot;line&quot;" width="{pixels[0] // 2}" height="{pixels[1] // 2}" '
        'style="max-width: 100%"/></p>'
    )
    new, count = site_figures.rewrite_figures(page, tmp_path / "_images")
    (saved,) = (tmp_path / "_images").iterdir()
    assert count == 1 and saved.read_bytes() == png
    assert f'href="_images/{saved.name}"' in new and f'src="_images/{saved.name}"' in new
    assert f'width="{pixels[0] // 2}" height="{pixels[1] // 2}"' in new
    assert 'alt="A &quot;line&quot;"' in new and "course-wide" not in new


def test_show_stores_twice_the_pixels_without_a_bigger_png(monkeypatch):
    """helpers.plotting.show: 2x pixels for high-density screens, displayed at 1x size, and the
    palette PNG no bigger than a plain 1x one (the notebooks must not grow)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from helpers import plotting

    plotting.use_course_style()
    shown = []
    monkeypatch.setattr(plotting, "display", lambda obj, raw: shown.append(obj))
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.5))
    x = np.linspace(-5, 5, 200)
    for ax in axes:
        ax.plot(x, np.tanh(x))
        ax.set_title("tanh")
    plain = io.BytesIO()
    fig.savefig(plain, format="png", bbox_inches="tight")
    plotting.show(fig, "Three panels of tanh.")
    html = shown[0]["text/html"]
    png = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1))
    width, height = site_figures.png_size(png)
    shown_width = int(re.search(r'width="(\d+)"', html).group(1))
    shown_height = int(re.search(r'height="(\d+)"', html).group(1))
    assert abs(width - 2 * shown_width) <= 1 and abs(height - 2 * shown_height) <= 1
    assert abs(shown_width - site_figures.png_size(plain.getvalue())[0]) <= 2
    assert len(png) <= 1.1 * len(plain.getvalue())


def test_step_anchors_are_registered_with_myst():
    assert course_site.ANCHOR_RE.match('<a id="step-3"></a>').group(1) == "step-3"
    assert course_site.ANCHOR_RE.match('<a id="log-sum-exp">').group(1) == "log-sum-exp"
    assert not course_site.ANCHOR_RE.match('<a href="x.html">')
    html = '<summary aria-label="Toggle hidden content">\n<p>Show code cell source</p>'
    assert "aria-label" not in course_site.name_toggles_by_their_text(html)


@needs_build
@pytest.mark.slow
def test_the_archives_notebooks_run_with_its_own_helpers(site, tmp_path):
    """Unpacked, the zip runs: nbval-lax over its notebooks, ``helpers`` imported from the zip
    (PYTHONPATH), pytest configured by nothing of the repository's."""
    import zipfile

    zipfile.ZipFile(site / site_downloads.ZIP_NAME).extractall(tmp_path)
    (top,) = tmp_path.iterdir()
    env = {**os.environ, "PYTHONPATH": str(top), "MPLBACKEND": "Agg"}
    where = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.__file__)"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=top / "notebooks",
    )
    assert Path(where.stdout.strip()).is_relative_to(top), where.stdout + where.stderr
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-c", str(tmp_path / "pytest.ini"), "--nbval-lax", "--nbval-current-env"]
    result = subprocess.run(
        [*command, str(top / "notebooks")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=top,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout[-500:]
