"""Claims of notebook 05 (gradient descent) that depend on computed results and are not printed
by the cell that makes them: one test per claim, its docstring quoting the sentence.

The claims are checked with the notebook's own functions: its ``loss``/``gradient`` cells and its
linear neuron's ``linear_gradient``, executed from the notebook (tests/notebook_cells.py), so a
change to the notebook's code is a change to what is tested. Numbers a sentence quotes from a
printed output are compared with the committed output (which nbval compares with a fresh run).
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from notebook_cells import definitions, output

from helpers.data import make_neuron_data
from helpers.exercises.gradient_descent import (
    START,
    describe_run,
    loss_change,
    neuron_gradient,
    neuron_loss,
    run_gradient_descent,
)

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "05_gradient_descent.ipynb"
X, Y = make_neuron_data()
#: The notebook's own loss(w, b) and gradient(w, b) (they read the globals x and y).
NB_LOSS = definitions("05", "twin:helpers.neuron.neuron_loss", x=X, y=Y)["loss"]
NB_GRADIENT = definitions("05", "twin:helpers.neuron.neuron_gradient", x=X, y=Y)["gradient"]


def notebook_loss(beta, x=X, y=Y):
    assert x is X and y is Y, "the notebook's loss is on its own 40 points"
    return NB_LOSS(*beta)


def notebook_gradient(beta, x=X, y=Y):
    assert x is X and y is Y, "the notebook's gradient is on its own 40 points"
    return NB_GRADIENT(*beta)


def cell_source(cell_id):
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "".join(next(c["source"] for c in cells if c.get("id") == cell_id))


def path_of(eta, steps):
    beta, path = START.copy(), [START.copy()]
    for _ in range(steps):
        beta = beta - eta * notebook_gradient(beta, X, Y)
        path.append(beta)
    return np.array(path)


def test_arrows_cross_the_bands_at_a_right_angle():
    """Step 4: "The map has the same scale on both axes, so angles on it are true angles: every
    arrow crosses the bands of equal altitude at a right angle"."""
    source = cell_source("19ed6bcd")
    assert 'ax.set_aspect("equal")' in source
    assert 'angles="xy"' in source and 'scale_units="xy"' in source
    # and the arrows are −∇L, which is at a right angle to the level curves: along the level
    # curve's direction (∇L turned by 90°) the loss does not change to first order
    for beta in ([-2.0, 3.0], [0.0, -2.0], [3.0, 1.0]):
        beta = np.array(beta)
        g = notebook_gradient(beta, X, Y)
        along = np.array([-g[1], g[0]]) / np.linalg.norm(g) * 1e-4
        change = notebook_loss(beta + along, X, Y) - notebook_loss(beta - along, X, Y)
        assert abs(change) < 1e-9


def test_the_landscape_has_a_steep_wall_and_a_gentle_floor():
    """Step 3: "The landscape is a valley: a steep wall where the neuron points the wrong way
    (w < 0), a gentle floor, and a single lowest point near w ≈ 0.9, b ≈ 0.1"."""
    slopes = {
        w: np.mean([np.linalg.norm(notebook_gradient([w, b], X, Y)) for b in np.linspace(-4, 4, 9)])
        for w in (-2.5, -1.5, 0.9, 2.0)
    }
    assert min(slopes[-2.5], slopes[-1.5]) > 3 * max(slopes[0.9], slopes[2.0])
    bottom = path_of(4.0, 200)[-1]
    assert np.allclose(bottom, [0.9, 0.1], atol=0.1)


def test_plane_estimate_good_for_small_eta_and_off_for_large():
    """Step 6: "For small η the true change and the plane's estimate agree (the ratio goes to 1).
    The larger η, the worse: at η = 10 the plane promises a drop larger than the whole loss"."""
    grad = notebook_gradient(START, X, Y)
    ratios = []
    for eta in (0.001, 0.01, 0.1, 1.0, 2.0, 10.0):
        true_change = notebook_loss(START - eta * grad, X, Y) - notebook_loss(START, X, Y)
        ratios.append(true_change / (-eta * grad @ grad))
    assert abs(ratios[0] - 1) < 1e-3
    assert np.all(np.diff(np.abs(np.array(ratios) - 1)) > 0)  # worse and worse
    assert 10.0 * grad @ grad > notebook_loss(START, X, Y)
    assert ratios[-1] > 0  # "The step still goes down here"


def test_eta_10_goes_up_again_and_again():
    """Step 6, think question: "Yet in step 8 the loss with η = 10 goes up again and again"."""
    losses = [neuron_loss(beta, X, Y) for beta in path_of(10.0, 40)]
    assert np.sum(np.diff(losses) > 0) >= 5


def test_exercise_1_solution():
    """Exercise 1 solution: "A: ΔL ≈ +0.01 ‖∇L‖² ≈ +0.024 ... B: ≈ +0.023: up ... C: −0.152 +
    0.114 = −0.038: down. ... the weight's slope is almost seven times steeper and wins"."""
    estimates = {name: loss_change(name)[1] for name in "ABC"}
    assert round(estimates["A"], 3) == 0.024
    assert round(estimates["B"], 3) == 0.023
    assert round(estimates["C"], 3) == -0.038
    assert [np.sign(loss_change(name)[0]) for name in "ABC"] == [1, 1, -1]
    grad = neuron_gradient(START, X, Y)
    assert 6.5 < abs(grad[0] / grad[1]) < 7


def test_exercise_3_solution_window():
    """Exercise 3 solution: "Any η from about 2.8 to 4.6 works, e.g. `my_learning_rate = 4`
    (11 steps). η = 2.5 still crawls ... From about η = 4.7 the path zigzags across the valley
    floor: the loss still goes down at every step ...; from about η = 5.2 the loss goes up and
    down"."""
    for eta in np.arange(2.8, 4.65, 0.1):
        assert describe_run(eta)[0] == "converges", eta
    assert len(run_gradient_descent(4.0, 15)[0]) - 1 == 11
    assert describe_run(2.5)[0] == describe_run(2.7)[0] == "crawls"
    for eta in (4.7, 4.8, 5.0, 5.1):
        assert describe_run(eta)[0] == "zigzags", eta
    for eta in (5.2, 5.5, 6.0, 8.0, 10.0):
        assert describe_run(eta)[0] == "bounces", eta


@pytest.fixture
def linear_neuron():
    """The notebook's linear neuron: its own ``linear_gradient`` cell, and c as it computes it."""
    ns = definitions("05", "c6265461", x=X, y=Y)
    curvature = np.linalg.eigvalsh([[np.mean(X * X), np.mean(X)], [np.mean(X), 1.0]]).max()
    shown = re.search(r"steepest curvature c = ([\d.]+)", output("05", "c6265461"))
    assert shown and float(shown.group(1)) == round(curvature, 3), "c printed is not c"
    return (lambda beta: ns["linear_gradient"](*beta)), curvature


def test_between_1_over_c_and_2_over_c_the_path_zigzags_but_settles(linear_neuron):
    """Step 9: "for 1/c < η < 2/c the path already zigzags across the bottom, but settles. For
    η > 2/c ... the zigzag grows by the same factor at every step". Step 9 uses η = 0.3 and 0.4."""
    gradient, curvature = linear_neuron
    assert 1 / curvature < 0.3 < 2 / curvature < 0.4
    walks = {}
    for eta in (0.3, 0.4):
        walk = [START.copy()]
        for _ in range(40):
            walk.append(walk[-1] - eta * gradient(walk[-1]))
        walks[eta] = np.array(walk)
    bottom = walks[0.3][-1, 0]
    for eta in (0.3, 0.4):
        offsets = walks[eta][1:8, 0] - bottom
        assert np.all(np.sign(offsets[1:]) == -np.sign(offsets[:-1])), eta  # zigzag
    swings = {eta: np.abs(walks[eta][1:8, 0] - bottom) for eta in (0.3, 0.4)}
    assert np.all(np.diff(swings[0.3]) < 0) and np.all(np.diff(swings[0.4]) > 0)
    assert np.linalg.norm(gradient(walks[0.3][-1])) < 0.01  # settled at the bottom


# ------------------------------------------------------ issue 19: η = 10 against η = 0.2, §8


def test_eta_10_beats_eta_02_at_most_points_yet_never_settles():
    """ "at most points of the curves η = 10's loss is *below* η = 0.2's (counted above). It is
    still the worse choice. η = 0.2 goes down at every step and, given more steps, reaches the
    bottom (after 400 steps it is there, to four decimals); η = 10 never stays there: now and
    then it passes close to the bottom, by luck, and within a few steps it is thrown out again" """
    slow = [neuron_loss(beta, X, Y) for beta in path_of(0.2, 40)]
    fast = [neuron_loss(beta, X, Y) for beta in path_of(10.0, 40)]
    below = sum(f < s for f, s in zip(fast, slow, strict=True))
    assert below > len(slow) / 2  # "at most points"
    assert f"below η = 0.2 at {below} of the 41 points" in output("05", "nb05-eta10")
    assert np.all(np.diff(slow) < 0)  # every step down
    bottom = neuron_loss(path_of(2.0, 40)[-1], X, Y)
    crawl = neuron_loss(path_of(0.2, 400)[-1], X, Y)
    assert round(crawl, 4) == round(bottom, 4)
    far = [neuron_loss(beta, X, Y) for beta in path_of(10.0, 400)]
    near = np.array(far[40:]) < bottom + 0.005
    assert 0 < near.sum() < 0.1 * near.size  # now and then close to the bottom, rarely
    runs = np.diff(np.flatnonzero(np.diff(np.r_[0, near.astype(int), 0])))[::2]
    assert runs.max() <= 5 and not near[-1]  # a few steps at most, then thrown out
    assert np.ptp(far[-20:]) > 0.5  # still bouncing after 400 steps


def test_eta_10_first_step_leaves_the_map():
    """ "The first one jumps far off the map (printed above)": the map shows w from −3 to 5."""
    w_after_one = path_of(10.0, 1)[1][0]
    assert w_after_one > 5
    assert f"to w = {w_after_one:.1f} (off the map)" in output("05", "nb05-eta10")


def test_the_gradient_at_the_start_is_the_one_printed():
    """Exercise 1: "At the start (−2, 3) the gradient is ∇L = (−1.518, 0.228) (step 4)": the
    sentence's numbers are step 4's printed ∇L, rounded to three decimals."""
    printed = output("05", "twin:helpers.neuron.neuron_gradient")
    shown = re.search(r"∇L at \(w, b\) = \(-2, 3\): \[\s*(\S+)\s+(\S+)\]", printed)
    assert shown, printed
    said = re.search(r"the gradient is ∇L = \((\S+), (\S+)\) \(step 4\)", markdown_text())
    assert said, "the sentence quoting step 4's gradient is gone"
    quoted = [float(v.replace("−", "-")) for v in said.groups()]
    assert quoted == [round(float(v), 3) for v in shown.groups()]


def markdown_text():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
