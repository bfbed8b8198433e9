"""Claims of notebook 06 (stochastic gradient descent) that depend on computed results: one test
per claim, its docstring quoting the sentence.

The notebook's own ``gradient`` and ``sgd`` functions are run (their definitions, taken from the
notebook); the checker module's ``pure_sgd`` is tested against them; the race on the circle is
the notebook's cell, run.
"""

import functools

import numpy as np
from notebook_cells import definitions, run

from helpers.data import make_neuron_data
from helpers.exercises.gradient_descent import START
from helpers.exercises.sgd import describe_pure_sgd, neuron_bottom, pure_sgd

X, Y = make_neuron_data()
N = len(X)


def _notebook_functions():
    """The functions the notebook defines in its cells `gradient` (step 1) and `sgd` (step 3),
    executed from the notebook itself (tests/notebook_cells.py), so that these claims test the
    notebook's code and not a copy of it."""
    names = {"x": X, "y": Y, "n": N}
    gradient = definitions("06", "b8230215", **names)["gradient"]
    return definitions("06", "276c598c", gradient=gradient, **names)


NOTEBOOK_FUNCTIONS = _notebook_functions()
NOTEBOOK_SGD = NOTEBOOK_FUNCTIONS["sgd"]


def sgd(eta, batch_size, epochs, seed=0):
    """The notebook's ``sgd`` loop from START."""
    return NOTEBOOK_SGD(START.copy(), eta=eta, batch_size=batch_size, epochs=epochs, seed=seed)


def distances(batch_size, eta=1.0, epochs=5):
    return np.linalg.norm(sgd(eta, batch_size, epochs) - neuron_bottom(), axis=1)


def test_pure_sgd_matches_the_notebooks_loop():
    """The checker of exercise 3 runs "the `sgd` loop of step 3 with your η (B = 1, from
    (−2, 3), `seed=0`)"."""
    assert np.allclose(pure_sgd(0.3, epochs=3), sgd(0.3, 1, 3))


def test_spread_shrinks_roughly_like_one_over_root_b():
    """Step 2: "The smaller the batch, the wider the cloud around the true gradient: its spread
    shrinks roughly like 1/√B"."""
    rng = np.random.default_rng(1)
    gradient = NOTEBOOK_FUNCTIONS["gradient"]  # the notebook's ∇L from a batch of indices
    full = gradient(START, np.arange(N))
    spread = {}
    for size in (1, 4, 16):
        estimates = []
        for _ in range(2000):
            batch = rng.choice(N, size, replace=False)
            estimates.append(gradient(START, batch))
        spread[size] = np.linalg.norm(np.array(estimates) - full, axis=1).mean()
    for small, large in ((1, 4), (4, 16)):
        assert 1.6 < spread[small] / spread[large] < 2.8  # √4 = 2, roughly


def test_pure_sgd_at_eta_1_does_not_settle():
    """Step 4: "Pure SGD ... passes close to the bottom, but with η = 1 it does not settle
    there: ... the path roams over the valley floor and ends far from the bottom"."""
    d = distances(1)
    assert d.min() < 0.2
    assert d[-1] > 1.0
    assert d[-N:].mean() > 0.5  # on average over its last epoch, far from the bottom


def test_full_batch_still_on_its_way_and_mini_batch_closest():
    """Step 4: "The full batch takes 5 careful steps and is still on its way. ... Mini-batches
    of 8 ... of the three they end closest to the bottom, and are the closest on average over
    the last epoch too".
    (Issue 19: it said B = 8 "sits in between" while the printed distances put it closest.)"""
    full, mini, pure = distances(40), distances(8), distances(1)
    assert len(full) - 1 == 5 and full[-1] > 1.0
    assert np.all(np.diff(full) < 0)  # every step towards the bottom: on its way
    assert mini[-1] < min(full[-1], pure[-1])  # closest at the end
    last_epoch = {size: d[-(N // size) :].mean() for size, d in ((40, full), (8, mini), (1, pure))}
    assert last_epoch[8] < min(last_epoch[40], last_epoch[1])  # and over the last epoch
    assert mini.min() <= pure.min() + 0.01  # as close as pure SGD ever got


def test_exercise_3_solution_window():
    """Exercise 3 solution: "Any η from about 0.03 to 0.12 settles, e.g. `my_sgd_rate = 0.05`
    (on average about 0.07 from the bottom). Above that, ... it roams in a wider cloud ...;
    below about 0.03 the steps are so short that 20 epochs are not enough to get there"."""
    for eta in (0.03, 0.04, 0.05, 0.07, 0.1, 0.12):
        assert describe_pure_sgd(eta)[0] == "settles", eta
    assert round(describe_pure_sgd(0.05)[1], 2) == 0.07
    for eta in (0.15, 0.2, 0.5, 1.0):
        assert describe_pure_sgd(eta)[0] == "roams", eta
    for eta in (0.001, 0.01, 0.02, 0.025):
        assert describe_pure_sgd(eta)[0] == "approaches", eta
    # "from η of about 3 on it runs away: it ends farther from the bottom than where it started"
    assert describe_pure_sgd(2.0)[0] == "roams"
    for eta in (3.0, 5.0, 10.0, 100.0):
        assert describe_pure_sgd(eta)[0] == "runs away", eta


def test_the_cloud_shrinks_with_eta():
    """Exercise 3 solution: "Pure SGD with a constant η never stops moving: the smaller η, the
    smaller its cloud"; summary: "its size shrinks with η"."""
    bottom = neuron_bottom()
    clouds = []
    for eta in (0.05, 0.1, 0.2, 0.5, 1.0):
        d = [np.linalg.norm(pure_sgd(eta, epochs=40, seed=s) - bottom, axis=1) for s in range(3)]
        assert all(np.all(np.abs(np.diff(path[-N:], axis=0)) > 0) for path in d)  # moving
        clouds.append(np.mean([path[-10 * N :].mean() for path in d]))
    assert np.all(np.diff(clouds) > 0), clouds


@functools.cache
def race():
    """{batch size: loss after each epoch} of the race on the circle: the notebook's cell, run."""
    results = run("06", "d5033efb")["results"]
    return {batch_size: result["loss"] for batch_size, result in results.items()}


def test_per_update_full_batch_and_mini_batch_nearly_coincide():
    """Step 5: "Per update ... the full batch and the mini-batch nearly coincide ... Pure SGD's
    single-sample steps are worth less each ..., so its curve lies above theirs"."""
    losses = race()
    full, mini, pure = losses[200], losses[32], losses[1]
    gaps = [abs(full[7 * k] - mini[k]) for k in range(1, 29)]  # the same number of updates
    assert max(gaps) < 0.03
    # pure SGD after 1 epoch (200 updates) and 2 epochs (400 updates, its first, stable ones)
    assert pure[1] > max(full[200], mini[29])  # 200 and 203 updates
    assert pure[2] > mini[57]  # 400 and 399 updates


def test_exercise_2_solution_more_updates_fall_faster_per_epoch():
    """Exercise 2 solution: "Per epoch, the more updates the faster the fall: pure SGD (A, 200
    updates per epoch, and the bumpiest), then the mini-batch (C ...), then the full batch"."""
    losses = race()
    full, mini, pure = losses[200], losses[32], losses[1]
    assert np.all(mini[1:16] < full[1:16])
    assert np.all(pure[1:4] < mini[1:4])  # its later epochs are chaotic: the first three
    bumps = {size: np.sum(np.diff(curve[:16]) > 0) for size, curve in losses.items()}
    assert bumps[1] > bumps[32] >= bumps[200]
