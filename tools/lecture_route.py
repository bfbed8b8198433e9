#!/usr/bin/env python
"""The lecturer's slide map and 90-minute route, generated from the notebooks' step headings.

    python tools/lecture_route.py           write the step anchors into notebooks 01-09 and the
                                            slide-map and route blocks into README.md and 00_index
    python tools/lecture_route.py --check   exit 1 if anything written would change

The data below names steps by their titles ("The snack example"), never by number: the number,
the link and its anchor come from the notebook as it is now, so a renumbered step moves with its
title, and a renamed or removed one stops this script with a message naming it.

Anchors: every numbered step heading "## k. Title" is preceded by its own HTML block
``<a id="step-k"></a>`` and a blank line (CommonMark ends an HTML block only at a blank line).
Links read ``01_perceptron.ipynb#step-3``: the same fragment on the website (MyST-NB keeps it),
in JupyterLab and in Notebook 7. The website registers these anchors
(site/course_site.py) and tests/test_site.py checks they are on the pages.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LECTURE_MINUTES = 90
ANCHOR = '<a id="step-{k}"></a>'
STEP_RE = re.compile(r'^(?:<a id="step-\d+"></a>\n\n)?## (\d+)\. (.+)$', re.M)

# ---------------------------------------------------------------------------- the slide map
#: Each slide of lecture II in the slides' order, and the steps that show it: (notebook, title).
SLIDE_MAP = [
    ("Neurons", [("01", "Artificial neurons are really just functions")]),
    (
        "Artificial neurons are really just functions",
        [("01", "Artificial neurons are really just functions")],
    ),
    ("Artificial neural networks", [("01", "A neural network has nothing to do with a brain")]),
    ("However ...", [("01", "A neural network has nothing to do with a brain")]),
    (
        "Notation: weights and biases",
        [
            ("01", "The perceptron"),
            ("02", "Notation: the weight $w^l_{kj}$ and the weight matrix $W^l$"),
        ],
    ),
    ("Perceptrons", [("01", "The perceptron")]),
    ("The snack example", [("01", "The snack example")]),
    ("The snack example II", [("01", "The snack example II")]),
    ("Training a neural network", [("01", "Training: finding the weights and biases")]),
    ("This leaves two questions", [("01", "Training: finding the weights and biases")]),
    ("The TensorFlow Playground", [("09", "The playground in one call")]),
    ("How to structure the network", [("02", "Layers: input → hidden → output")]),
    (
        "Fully-connected",
        [("02", "Layers: input → hidden → output"), ("02", '"Usually one hidden layer is enough"')],
    ),
    (
        "How to optimize weights and biases",
        [
            ("04", "The loss landscape"),
            ("05", "Training is a minimisation problem"),
            ("05", "The landscape"),
        ],
    ),
    (
        "Gradient descent",
        [
            ("05", "Which way is down? The gradient"),
            ("05", "Take a step: β ← β − η ∇L(β)"),
            ("05", "Repeat until you reach the bottom"),
            ("07", "The problem: thousands of partial derivatives"),
        ],
    ),
    ("The learning rate", [("05", "The learning rate: set by trial-and-error")]),
    (
        "Stochastic gradient descent",
        [
            ("06", "The noise of small batches"),
            ("06", "An epoch: every sample once, in a shuffled order"),
        ],
    ),
    (
        "But what if ...",
        [
            ("03", "The problem: a tiny change, a sudden jump"),
            ("06", "But what if the landscape is mostly flat?"),
        ],
    ),
    (
        "Sudden changes",
        [
            ("03", "The problem: a tiny change, a sudden jump"),
            ("04", "Why not simply count the mistakes?"),
            ("06", "But what if the landscape is mostly flat?"),
        ],
    ),
    ("Fixing the perceptron problem", [("03", "The fix: the sigmoid neuron")]),
    ("Different activation functions", [("03", "Step, sigmoid, tanh and ReLU")]),
    ("Activation in the output layer", [("03", "The output layer: softmax")]),
    (
        "Fixing the accuracy problem",
        [("04", "Why not simply count the mistakes?"), ("04", "The quadratic loss (MSE)")],
    ),
    ("The loss function", [("04", "The quadratic loss (MSE)"), ("04", "The cross-entropy loss")]),
    (
        "Let's try to make one",
        [("08", "Look at the data"), ("08", "Train it with the lecture's plain SGD")],
    ),
]


# ---------------------------------------------------------------------------- the route
@dataclass
class Stop:
    """One stop of the route: show ``slides`` (``slide_minutes``), then the notebook's
    ``steps`` live (``live_minutes``), and give the room ``exercises`` (numbers) and ``play``."""

    slides: list[str]
    slide_minutes: int
    notebook: str
    steps: list[str]
    live_minutes: int
    play: str = ""
    exercises: list[int] = field(default_factory=list)
    note: str = ""  # where the route leaves the slides' order: why, said where it happens


ROUTE = [
    Stop(
        [
            "Introduction to neural networks (title, outline)",
            "Neurons",
            "Artificial neurons are really just functions",
        ],
        2,
        "01",
        ["Artificial neurons are really just functions"],
        1,
        "A neuron is a function: inputs in, one number out.",
    ),
    Stop(
        ["Artificial neural networks", "However ..."],
        1,
        "01",
        [],
        0,
        note="Slides only: 01 step 9, which says the same with the XOR network of steps 7-8, "
        "comes with them at the end of 01.",
    ),
    Stop(
        [
            "Notation: weights and biases",
            "Perceptrons",
            "The snack example",
            "The snack example II",
        ],
        3,
        "01",
        ["The perceptron", "The snack example", "The snack example II", "Try it: move the sliders"],
        5,
        "Then ask for a prediction and move x₂ or w₂ (not b: that is the exercise) until the "
        "decision flips.",
        [2],
    ),
    Stop(
        ["Training a neural network", "This leaves two questions"],
        1,
        "01",
        [
            "Perceptrons as logic gates",
            "XOR: one perceptron is not enough, two layers are",
            "A neural network has nothing to do with a brain",
            "Training: finding the weights and biases",
        ],
        4,
        "The two questions of the slides: structure, then training.",
    ),
    Stop(
        ["The TensorFlow Playground"],
        1,
        "09",
        [],
        0,
        note="Show the slide only: the course's own playground closes the lecture, when the "
        "room knows every control on it.",
    ),
    Stop(
        [
            "Introduction to neural networks (outline)",
            "How to structure the network",
            "Fully-connected",
        ],
        2,
        "02",
        [
            "Layers: input → hidden → output",
            "Notation: the weight $w^l_{kj}$ and the weight matrix $W^l$",
            "The forward pass for one sample",
        ],
        6,
        "Ask for the shapes of the weight matrices before running the cell.",
        [1],
    ),
    Stop(
        ["Fully-connected (again): *usually one hidden layer is enough*"],
        0,
        "02",
        ['"Usually one hidden layer is enough"'],
        5,
        "Ask for a prediction, then place bumps by hand until the curve is matched: the "
        "slide's claim, built.",
    ),
    Stop(
        [
            "Introduction to neural networks (outline)",
            "How to optimize weights and biases",
            "But what if ...",
            "Sudden changes",
        ],
        2,
        "03",
        ["The problem: a tiny change, a sudden jump"],
        2,
        note="After *How to optimize weights and biases* the slides go on to gradient descent "
        "and reach *but what if …* and *sudden changes* only after stochastic gradient "
        "descent. Take those two now: with the slide's altitude, the number of "
        "misclassifications, the landscape is flat with sudden steps and gradient descent "
        "has no slope to follow. The sigmoid and a smooth loss give it one, so the "
        "activation and loss slides come next and gradient descent after them.",
    ),
    Stop(
        [
            "Fixing the perceptron problem",
            "Different activation functions",
            "Activation in the output layer",
        ],
        2,
        "03",
        [
            "The fix: the sigmoid neuron",
            "Step, sigmoid, tanh and ReLU",
            "Move w and b yourself",
            "The output layer: softmax",
        ],
        7,
        "Ask what the sigmoid does at large w before playing the activation explorer.",
        [3],
    ),
    Stop(
        ["Fixing the accuracy problem", "The loss function"],
        2,
        "04",
        [
            "Why not simply count the mistakes?",
            "The quadratic loss (MSE)",
            "The cross-entropy loss",
        ],
        7,
        "Work the slide's example (−ln 0.8 = 0.223) with the room.",
    ),
    Stop(
        ["How to optimize weights and biases (again)"],
        1,
        "04",
        ["The loss landscape"],
        2,
        note="Back to the slides' order: the landscape the slide describes, now with a loss "
        "that has a slope.",
    ),
    Stop(
        ["Gradient descent"],
        2,
        "05",
        [
            "Which way is down? The gradient",
            "Take a step: β ← β − η ∇L(β)",
            "Why the step goes downhill",
            "Repeat until you reach the bottom",
        ],
        7,
        "The room predicts before each cell runs.",
        [1],
    ),
    Stop(
        ["The learning rate"],
        1,
        "05",
        ["The learning rate: set by trial-and-error", "Try it yourself"],
        3,
        "Ask for a prediction, then play the learning-rate explorer from small to too large.",
    ),
    Stop(
        ["Stochastic gradient descent"],
        1,
        "06",
        [
            "The noise of small batches",
            "An epoch: every sample once, in a shuffled order",
            "Three batch sizes on the map",
            "Full batch, mini-batch, pure SGD: who wins?",
        ],
        7,
        "Reason from the table of updates per epoch.",
        [2],
        note="*But what if …* and *sudden changes*, which follow here in the slides, were "
        "shown before the activation functions; 06 step 7 revisits them after class.",
    ),
    Stop(
        [],
        0,
        "07",
        ["The chain rule on one sigmoid neuron", "The four equations of backpropagation"],
        6,
        "Show the equations; the derivations are for after class.",
        note="No slide: the slides' gradient descent, step 1 (the gradient ∇L), computed.",
    ),
    Stop(
        ["Introduction to neural networks (outline)", "Let's try to make one"],
        1,
        "08",
        ["Train it with the lecture's plain SGD", "Save the network, load it, draw a digit"],
        4,
        "Run 08 up to step 6 before class (step 6 trains the networks the pad uses, some "
        "seconds); then let a student draw a digit on the pad.",
    ),
    Stop(
        ["The TensorFlow Playground (again)"],
        0,
        "09",
        ["The playground in one call"],
        2,
        "Press Play on the circle.",
    ),
]

#: What an exercise needs besides the step it sits in: (notebook, exercise) -> step titles.
EXERCISE_NEEDS = {
    ("01", 2): ["The snack example", "The snack example II"],
    ("02", 1): ["Notation: the weight $w^l_{kj}$ and the weight matrix $W^l$"],
    ("02", 2): ["Notation: the weight $w^l_{kj}$ and the weight matrix $W^l$"],
    ("02", 3): ["The forward pass for one sample"],
    ("03", 3): ["Step, sigmoid, tanh and ReLU", "The output layer: softmax"],
    ("05", 1): ["Why the step goes downhill"],
    ("06", 2): ["Full batch, mini-batch, pure SGD: who wins?", "The noise of small batches"],
}


# ---------------------------------------------------------------------------- reading
def notebook_path(number):
    (path,) = NOTEBOOKS.glob(f"{number}_*.ipynb")
    return path


def steps(number):
    """{title: k} of the numbered steps of notebook ``number``."""
    nb = nbformat.read(notebook_path(number), as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for match in STEP_RE.finditer(cell.source):
                found[match.group(2).strip()] = int(match.group(1))
    return found


def exercises(number):
    """{exercise k: (its title, the step title it sits in, or None)} of notebook ``number``."""
    nb = nbformat.read(notebook_path(number), as_version=4)
    found, step = {}, None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if m := re.match(r"## (\d+)\. (.+)$", line):
                step = m.group(2).strip()
            elif line.startswith("## Exercises"):
                step = None
            elif m := re.match(r"### Exercise (\d+)(?: \(optional\))?: (.+)$", line):
                found[int(m.group(1))] = (m.group(2).strip(), step)
    return found


def minutes():
    """{notebook: its minutes} from the notebooks' metadata (01-09)."""
    out = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if not path.name.startswith("00"):
            out[path.name[:2]] = nbformat.read(path, as_version=4).metadata["course"]["minutes"]
    return out


class RouteError(Exception):
    pass


def number_of(number, title, table):
    if title not in table:
        raise RouteError(
            f"notebook {number} has no step titled {title!r}: update "
            "tools/lecture_route.py (SLIDE_MAP / ROUTE / EXERCISE_NEEDS)"
        )
    return table[title]


def step_link(number, title, table, prefix):
    k = number_of(number, title, table)
    return f"[{number} · {k}. {title}]({prefix}{notebook_path(number).name}#step-{k})"


# ---------------------------------------------------------------------------- writing
def level(prefix):
    """The heading level of the blocks: ## in 00_index, ### under README's "For lecturers"."""
    return "###" if prefix else "##"


def slide_map_block(prefix):
    tables = {}
    lines = [
        f"{level(prefix)} For lecturers: from each slide to the step that shows it",
        "",
        "Each link opens the notebook at that step.",
        "",
        "| Slide | Steps that show it |",
        "| --- | --- |",
    ]
    for slide, shown in SLIDE_MAP:
        links = []
        for number, title in shown:
            table = tables.setdefault(number, steps(number))
            links.append(step_link(number, title, table, prefix))
        lines.append(f"| {slide} | {'; '.join(links)} |")
    return "\n".join(lines)


def check_exercises(route):
    """Every exercise the route gives has its step and its needs on the route, at or before it."""
    shown = set()
    for stop in route:
        shown |= {(stop.notebook, t) for t in stop.steps}
        found = exercises(stop.notebook)
        for k in stop.exercises:
            if k not in found:
                raise RouteError(f"notebook {stop.notebook} has no exercise {k}")
            _, inside = found[k]
            needs = ([inside] if inside else []) + EXERCISE_NEEDS.get((stop.notebook, k), [])
            missing = [t for t in needs if (stop.notebook, t) not in shown]
            if missing:
                raise RouteError(
                    f"the route gives {stop.notebook} exercise {k} without the "
                    f"step(s) it needs: {missing}"
                )


def route_block(prefix):
    check_exercises(ROUTE)
    held = minutes()
    total = sum(held.values())
    n_steps = sum(len(steps(n)) for n in held)
    n_route = sum(len(s.steps) for s in ROUTE)
    lines = [
        f"{level(prefix)} A 90-minute route through the lecture, with the slides",
        "",
        f"The notebooks hold {total} minutes of material (the sum of their own estimates, "
        f"{total / LECTURE_MINUTES:.1f} times a {LECTURE_MINUTES}-minute lecture). The route "
        f"shows {n_route} of their {n_steps} numbered steps live, each right after the slide "
        "it illustrates, and gives the room only exercises whose steps it has shown; the "
        "derivations, the optional steps and the other exercises are for after class. While you "
        "talk, run each notebook from the top down to its first step on the route (the steps "
        "on the route use what the cells before them define); every cell on the route then "
        "runs in seconds.",
        "",
        "| Minutes | Slides (minutes) | Then live in the notebook (minutes) | Play, and give to "
        "the room |",
        "| --- | --- | --- | --- |",
    ]
    clock = 0
    for stop in ROUTE:
        table = steps(stop.notebook)
        length = stop.slide_minutes + stop.live_minutes
        slides = "; ".join(stop.slides) or "(no slide)"
        slides += f" ({stop.slide_minutes} min)" if stop.slide_minutes else ""
        links = "; ".join(step_link(stop.notebook, t, table, prefix) for t in stop.steps)
        live = f"{links} ({stop.live_minutes} min)" if links else "(slide only)"
        found = exercises(stop.notebook)
        give = [
            f"Give exercise {k} (*{found[k][0]}*) before running its cells." for k in stop.exercises
        ]
        give += [stop.play] if stop.play else []
        if stop.note:
            give.append(f"**Order:** {stop.note}")
        lines.append(f"| {clock}–{clock + length} | {slides} | {live} | {' '.join(give)} |")
        clock += length
    if clock > LECTURE_MINUTES:
        raise RouteError(f"the route takes {clock} minutes, more than {LECTURE_MINUTES}")
    return "\n".join(lines)


def replace(text, name, body):
    pattern = re.compile(rf"(<!-- {name} -->\n).*?(\n<!-- /{name} -->)", re.S)
    if not pattern.search(text):
        raise RouteError(f"no <!-- {name} --> block")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def anchored(source):
    """``source`` with ``<a id="step-k"></a>`` (and a blank line) before each "## k." heading."""
    source = re.sub(r'<a id="step-\d+"></a>\n\n(?=## \d+\. )', "", source)
    return re.sub(
        r"^## (\d+)\. ",
        lambda m: ANCHOR.format(k=m.group(1)) + "\n\n" + m.group(0),
        source,
        flags=re.M,
    )


def planned():
    """{path: new text} for every file this script writes."""
    out = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = anchored(cell.source)
        if path.name.startswith("00"):
            for cell in nb.cells:
                for name, make in (("slide-map", slide_map_block), ("route", route_block)):
                    if f"<!-- {name} -->" in cell.source:
                        cell.source = replace(cell.source, name, make(""))
        out[path] = nbformat.writes(nb) + "\n"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = replace(readme, "slide-map", slide_map_block("notebooks/"))
    out[ROOT / "README.md"] = replace(readme, "route", route_block("notebooks/"))
    return out


def main(argv):
    try:
        plan = planned()
    except RouteError as error:
        print(f"lecture_route: {error}", file=sys.stderr)
        return 2
    stale = [p for p, text in plan.items() if p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run python tools/lecture_route.py)")
        return 1 if stale else 0
    for path in stale:
        path.write_text(plan[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
