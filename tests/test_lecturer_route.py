"""The lecturer's map (slide → notebook → step) and the 90-minute route in 00_index name real
notebooks and real steps, cover every slide, fit in 90 minutes, and the README carries the same
tables."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SLIDES_TEXT = ROOT.parent / "shared" / "lecture-slides.txt"  # present beside a course checkout

#: The slide titles of lecture II (MALI 2024), in the slides' order; "Introduction to neural
#: networks" is the section divider and has no content of its own.
SLIDE_TITLES = [
    "Neurons",
    "Artificial neurons are really just functions",
    "Artificial neural networks",
    "However ...",
    "Notation: weights and biases",
    "Perceptrons",
    "The snack example",
    "The snack example II",
    "Training a neural network",
    "This leaves two questions",
    "The TensorFlow Playground",
    "How to structure the network",
    "Fully-connected",
    "How to optimize weights and biases",
    "Gradient descent",
    "The learning rate",
    "Stochastic gradient descent",
    "But what if ...",
    "Sudden changes",
    "Fixing the perceptron problem",
    "Different activation functions",
    "Activation in the output layer",
    "Fixing the accuracy problem",
    "The loss function",
    "Let's try to make one",
]


def norm(text):
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


def markdown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def block(text, name):
    match = re.search(rf"<!-- {name} -->(.*?)<!-- /{name} -->", text, re.S)
    assert match, f"no <!-- {name} --> block"
    return match.group(1)


def rows(table_text):
    """The body rows of the first Markdown table in ``table_text``, as lists of cells."""
    lines = [x.strip() for x in table_text.splitlines() if x.strip().startswith("|")]
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def headings(path):
    found = []
    for text in markdown(path):
        found += [m.group(1) for m in re.finditer(r"^#{2,3} (.+)$", text, re.M)]
    return [norm(h) for h in found]


def notebook_of(cell):
    match = re.search(r"\(([0-9]{2}_[a-z_]+\.ipynb)\)", cell)
    assert match, f"{cell!r} does not link a notebook"
    return NOTEBOOKS / match.group(1)


INDEX = "\n".join(markdown(NOTEBOOKS / "00_index.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["slide-map", "route"])
def test_every_step_named_exists(name):
    body = rows(block(INDEX, name))
    assert body, f"the {name} table is empty"
    for row in body:
        notebook = notebook_of(row[1])
        assert notebook.exists(), f"{name}: {notebook.name} does not exist"
        for step in re.split(r"\s*;\s*", row[2]):
            step = re.sub(r"\*|`", "", step)
            assert norm(step) in headings(notebook), (
                f"{name}: {notebook.name} has no step heading {step!r}"
            )


def test_every_slide_is_mapped():
    mapped = {norm(row[0]) for row in rows(block(INDEX, "slide-map"))}
    missing = [t for t in SLIDE_TITLES if norm(t) not in mapped]
    assert not missing, f"slides without a notebook step: {missing}"


@pytest.mark.skipif(not SLIDES_TEXT.exists(), reason="the slides' text is not beside this checkout")
def test_slide_list_matches_the_slides():
    """Every upper-case title line of the slides' text is in SLIDE_TITLES."""
    titles = set()
    for line in SLIDES_TEXT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and line == line.upper() and re.search("[A-Z]", line) and line[0] != "-":
            titles.add(norm(line))
    titles -= {norm("Introduction to neural networks"), norm("Are really just functions")}
    known = {norm(t) for t in SLIDE_TITLES} | {norm("Artificial neurons")}
    assert titles <= known, f"slides missing from SLIDE_TITLES: {sorted(titles - known)}"


def test_route_fits_in_90_minutes():
    total = 0
    for row in rows(block(INDEX, "route")):
        start, end = (int(x) for x in re.findall(r"\d+", row[0])[:2])
        assert end > start
        total = max(total, end)
    assert total <= 90, f"the route takes {total} minutes"


@pytest.mark.parametrize("name", ["slide-map", "route"])
def test_readme_carries_the_same_table(name):
    def squash(text):
        text = re.sub(r"\]\((?:notebooks/)?", "](", text)
        return [norm(" ".join(r)) for r in rows(text)]

    assert squash(block(README, name)) == squash(block(INDEX, name))
