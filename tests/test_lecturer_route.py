"""The lecturer's map (slide → step) and the 90-minute route with the slides: generated from the
notebooks by tools/lecture_route.py and in step with them, every slide shown, in the slides' order
or with the reordering explained where it happens, every linked step anchor present, only
exercises whose steps are on the route, 90 minutes, and honest about how much the notebooks hold."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: The slides' text, where a checkout has it beside it (../shared/, or a folder further up).
SLIDES_TEXT = next(
    (p / "shared" / "lecture-slides.txt" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "lecture-slides.txt",
)
sys.path.insert(0, str(ROOT / "tools"))

import lecture_route  # noqa: E402

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


def slide_title(shown):
    """A route's slide name without its qualifier: "Gradient descent (again)" → the title."""
    return re.sub(r"\s*\((again|outline|title, outline)\)(:.*)?$", "", shown)


def markdown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def block(text, name):
    match = re.search(rf"<!-- {name} -->(.*?)<!-- /{name} -->", text, re.S)
    assert match, f"no <!-- {name} --> block"
    return match.group(1)


INDEX = "\n".join(markdown(NOTEBOOKS / "00_index.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_00_and_anchors_are_generated_from_the_notebooks():
    """A renamed step, a renumbered one, a hand edit of a table: `--check` says out of date."""
    assert lecture_route.main(["--check"]) == 0, "run python tools/lecture_route.py"


@pytest.mark.parametrize("where", ["README", "00"])
def test_every_linked_step_anchor_exists_before_its_heading(where):
    text = README if where == "README" else INDEX
    links = re.findall(r"\]\((?:notebooks/)?(\d\d_[a-z_]+\.ipynb)#([^)]+)\)", text)
    assert len(links) > 50
    for name, anchor in set(links):
        match = re.fullmatch(r"step-(\d+)", anchor)
        assert match, f"{name}#{anchor}: not a step anchor"
        cells = markdown(NOTEBOOKS / name)
        expected = f'<a id="{anchor}"></a>\n\n## {match.group(1)}. '
        found = any(c.startswith(expected) or f"\n\n{expected}" in c for c in cells)
        assert found, f"{name} has no anchor {anchor}"


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("0[1-9]_*.ipynb")))
def test_every_numbered_step_carries_its_anchor(name):
    for cell in markdown(NOTEBOOKS / name):
        for k in re.findall(r"^## (\d+)\. ", cell, re.M):
            anchored = f'<a id="step-{k}"></a>\n\n## {k}. '
            assert cell.startswith(anchored) or f"\n\n{anchored}" in cell, f"{name} step {k}"


def test_every_slide_is_mapped_in_the_slides_order():
    mapped = [norm(slide) for slide, _ in lecture_route.SLIDE_MAP]
    assert mapped == [norm(t) for t in SLIDE_TITLES]


def test_the_requested_slide_map_entries():
    shown = {slide: steps for slide, steps in lecture_route.SLIDE_MAP}
    assert ("04", "The loss landscape") in shown["How to optimize weights and biases"]
    assert ("06", "But what if the landscape is mostly flat?") in shown["Sudden changes"]
    assert ("03", "The problem: a tiny change, a sudden jump") in shown["But what if ..."]


def test_the_route_shows_every_slide():
    shown = {norm(slide_title(s)) for stop in lecture_route.ROUTE for s in stop.slides}
    missing = [t for t in SLIDE_TITLES if norm(t) not in shown]
    assert not missing, f"the route never shows {missing}"
    known = {norm(t) for t in SLIDE_TITLES} | {norm("Introduction to neural networks")}
    assert shown <= known, f"not slides: {sorted(shown - known)}"


def test_the_route_follows_the_slides_or_says_why_where_it_leaves_them():
    """Each slide follows the one before it in the slides; where the route jumps (ahead or
    back), a stop from the previous slide's to this one explains the reordering."""
    order = {norm(t): i for i, t in enumerate(SLIDE_TITLES)}
    route = lecture_route.ROUTE
    last, last_stop = -1, 0
    for i, stop in enumerate(route):
        for slide in stop.slides:
            position = order.get(norm(slide_title(slide)))
            if position is None or "(again)" in slide:
                continue  # the outline between sections; a slide shown a second time
            if position != last + 1:
                explained = any(s.note for s in route[last_stop : i + 1])
                assert explained, f"{slide!r} leaves the slides' order without a note"
            last, last_stop = position, i


def test_the_route_fits_in_90_minutes_with_minutes_for_slides_and_steps():
    table = block(README, "route")
    rows = [r for r in table.splitlines() if re.match(r"\| \d+–\d+ \|", r)]
    assert len(rows) == len(lecture_route.ROUTE)
    clock = 0
    for row, stop in zip(rows, lecture_route.ROUTE, strict=True):
        start, end = (int(x) for x in re.match(r"\| (\d+)–(\d+)", row).groups())
        assert start == clock and end == start + stop.slide_minutes + stop.live_minutes
        if stop.steps:
            assert f"({stop.live_minutes} min)" in row
        clock = end
    assert 80 <= clock <= 90


def test_the_route_states_honestly_how_much_the_notebooks_hold():
    minutes = [
        json.loads(p.read_text(encoding="utf-8"))["metadata"]["course"]["minutes"]
        for p in sorted(NOTEBOOKS.glob("0[1-9]_*.ipynb"))
    ]
    total = sum(minutes)
    for text in (README, INDEX):
        route = block(text, "route")
        assert f"hold {total} minutes" in route
        assert f"{total / 90:.1f} times a 90-minute lecture" in route
        assert "about twice" not in route


def test_only_exercises_whose_steps_are_on_the_route():
    lecture_route.check_exercises(lecture_route.ROUTE)  # raises if one is given too early
    given = {(s.notebook, k) for s in lecture_route.ROUTE for k in s.exercises}
    assert ("05", 1) in given and ("06", 2) in given and ("02", 1) in given


@pytest.mark.parametrize(
    "notebook, exercise, dropped",
    [
        ("05", 1, "Why the step goes downhill"),
        ("06", 2, "Full batch, mini-batch, pure SGD: who wins?"),
        ("02", 1, "Notation: the weight $w^l_{kj}$ and the weight matrix $W^l$"),
    ],
)
def test_an_exercise_without_its_step_is_refused(notebook, exercise, dropped):
    """The three cases of issue 19: drop the step an exercise needs, the route is refused."""
    route = []
    for stop in lecture_route.ROUTE:
        stop = lecture_route.Stop(**vars(stop))
        stop.steps = [t for t in stop.steps if not (stop.notebook == notebook and t == dropped)]
        route.append(stop)
    with pytest.raises(lecture_route.RouteError, match=f"{notebook} exercise {exercise}"):
        lecture_route.check_exercises(route)


def test_a_missing_step_title_stops_the_generator():
    with pytest.raises(lecture_route.RouteError, match="no step titled"):
        lecture_route.step_link("03", "A step nobody wrote", lecture_route.steps("03"), "")


@pytest.mark.skipif(not SLIDES_TEXT.exists(), reason="the slides' text is not beside this checkout")
def test_slide_list_matches_the_slides():
    """Every upper-case title line of the slides' text is in SLIDE_TITLES, in the same order."""
    seen = []
    for line in SLIDES_TEXT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and line == line.upper() and re.search("[A-Z]", line) and line[0] != "-":
            title = norm(line)
            if title == norm("Artificial neurons"):
                title = norm("Artificial neurons are really just functions")
            if title not in seen:
                seen.append(title)
    ignored = {norm("Introduction to neural networks"), norm("Are really just functions")}
    seen = [t for t in seen if t not in ignored]
    assert seen == [norm(t) for t in SLIDE_TITLES]


def test_every_fragment_link_between_notebooks_resolves():
    """A link `NN_name.ipynb#id` in any notebook's markdown (05 → 04#sigma-prime-cancels, 07 →
    04#softmax-cross-entropy, ...) points to an `<a id="id">` in that notebook."""
    anchors = {}
    for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"):
        text = "\n".join(markdown(path))
        anchors[path.name] = set(re.findall(r'<a id="([^"]+)"></a>', text))
    checked = 0
    for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"):
        for name, fragment in re.findall(
            r"\]\((\d\d_[a-z0-9_]+\.ipynb)#([^)\s]+)\)", "\n".join(markdown(path))
        ):
            assert fragment in anchors.get(name, set()), f"{path.name}: {name}#{fragment}"
            checked += 1
    assert checked > 50
