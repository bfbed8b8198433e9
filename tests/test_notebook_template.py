"""Every notebook follows the course template and is committed as one clean, fresh run.

(Whether the stored outputs still match a fresh run is checked by strict nbval, which
``python -m pytest`` also runs over notebooks/; the links and navigation by test_course_links.)
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = [nb for nb in NOTEBOOKS if not nb.name.startswith("00_")]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REQUIRED_HEADINGS = [
    "## What you will learn",
    "## Slides covered",
    "## Exercises",
    "## Summary",
    "## What comes next",
]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def markdown(nb):
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_lessons_are_numbered_in_order():
    numbers = [int(nb.name[:2]) for nb in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), f"gaps or duplicates in {numbers}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_template_sections_in_order(path):
    text = "\n".join(markdown(load(path)))
    positions = []
    for heading in REQUIRED_HEADINGS:
        match = re.search(rf"^{re.escape(heading)}\b", text, flags=re.MULTILINE)
        assert match, f"{path.name}: missing the heading {heading!r}"
        positions.append(match.start())
    assert positions == sorted(positions), f"{path.name}: template sections out of order"
    steps = re.findall(r"^## \d+\. ", text, flags=re.MULTILINE)
    assert len(steps) >= 3, f"{path.name}: expected the content as numbered steps '## 1. ...'"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_two_to_four_exercises_with_checkers_and_hidden_solutions(path):
    nb = load(path)
    text = "\n".join(markdown(nb))
    exercises = re.findall(r"^### Exercise \d+", text, flags=re.MULTILINE)
    assert 2 <= len(exercises) <= 4, f"{path.name}: {len(exercises)} exercises, expected 2-4"
    assert text.count("<details") >= len(exercises), f"{path.name}: a solution is not hidden"
    code = "\n".join("".join(c["source"]) for c in code_cells(nb))
    assert "helpers.exercises" in code, f"{path.name}: exercises need checkers from helpers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_as_one_clean_fresh_run(path):
    nb = load(path)
    cells = code_cells(nb)
    counts = [c.get("execution_count") for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: execution counts {counts}"
    for i, cell in enumerate(cells, start=1):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} cell [{i}] shows an error"
            assert out.get("name") != "stderr", f"{path.name} cell [{i}] writes to stderr"
            plain = "".join(out.get("data", {}).get("text/plain", ""))
            assert not re.search(r" at 0x[0-9a-f]+", plain), f"{path.name} [{i}]: memory address"
        assert "execution" not in cell.get("metadata", {}), f"{path.name} [{i}]: timing metadata"
    assert "widgets" not in nb["metadata"], f"{path.name}: widget state saved"
    assert path.stat().st_size < 1_500_000, f"{path.name} is over 1.5 MB"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_widget_is_stored_as_its_text_and_its_still(path):
    """A widget is shown as two outputs (``helpers/widgets/_still.py``); committed, the first
    is its text (no widget view: no model behind it in the file) and the next its still PNG,
    with alt text and without the Markdown copy, which only a notebook a student ran needs."""
    for i, cell in enumerate(code_cells(load(path)), start=1):
        outputs = cell.get("outputs", [])
        for k, out in enumerate(outputs):
            course = out.get("metadata", {}).get("course", {})
            where = f"{path.name} cell [{i}] output {k}"
            assert WIDGET_MIME not in out.get("data", {}), f"{where}: a widget view is stored"
            if course.get("widget"):
                still = outputs[k + 1] if k + 1 < len(outputs) else {}
                meta = still.get("metadata", {})
                assert meta.get("course") == {"still": True}, f"{where}: no still after it"
                assert set(still["data"]) == {"image/png", "text/plain"}, f"{where}: {still}"
                assert meta.get("image/png", {}).get("alt"), f"{where}: a still without alt"
            elif course.get("still"):
                assert k and outputs[k - 1]["metadata"]["course"] == {"widget": True}, where


def test_the_widget_notebooks_store_stills():
    """The rule above is not empty: the explorers' and the playground's notebooks show some."""
    stills = {
        path.name
        for path in NOTEBOOKS
        for cell in code_cells(load(path))
        for out in cell.get("outputs", [])
        if out.get("metadata", {}).get("course", {}).get("still")
    }
    assert {"01_perceptron.ipynb", "09_playground.ipynb"} <= stills, stills


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_course_metadata(path):
    meta = load(path)["metadata"].get("course", {})
    assert meta.get("title") and meta.get("slides"), f"{path.name}: course metadata missing"
    assert isinstance(meta.get("minutes"), int) and meta["minutes"] > 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_carries_alt_text(path):
    """Every picture has alt text a screen reader reads: figures are HTML ``<img alt=...>``
    (``helpers.plotting.show(fig, alt=...)``), the widgets' stills PNGs with
    ``{"image/png": {"alt": ...}}`` output metadata; JupyterLab, nbconvert and the website give
    it to readers who cannot see the picture."""
    missing = []
    for i, cell in enumerate(code_cells(load(path)), start=1):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            alts = []
            if "image/png" in data:
                alts.append(out.get("metadata", {}).get("image/png", {}).get("alt", ""))
            html = "".join(data.get("text/html", ""))
            for tag in re.findall(r"<img\b[^>]*>", html):
                found = re.search(r'\balt="([^"]*)"', tag)
                alts.append(found.group(1) if found else "")
            if any(not isinstance(alt, str) or len(alt.split()) < 3 for alt in alts):
                missing.append(f"cell [{i}]: {''.join(cell['source'])[:60]!r}")
    assert not missing, f"{path.name}: figures without alt text (3+ words): {missing}"


def test_contributing_tells_how_figures_get_alt_text():
    """The developers' guide gives the notebooks' rule, not ``plt.show()`` (no alt text)."""
    guide = (Path(__file__).parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "plt.show()" not in guide, "CONTRIBUTING advises plt.show(), which gives no alt text"
    assert "show(fig, alt" in guide
