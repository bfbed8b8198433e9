"""Claims of notebook 08 (digits) that its cells do not print: each test computes what the
sentence in its docstring says. (Printed claims are checked by strict nbval.)

The first group trains step 6's variants (plain SGD, then one extra at a time, three seeds) the
way the notebook does, for what its table does not print; the table's verdicts are read from the
notebook's printed table (a copy of its verdict rule here passed whatever the notebook's rule
was). The second group checks the outcomes the exercises' solutions state, over the checkers'
three seeds.
"""

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from notebook_cells import definitions
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

import helpers
from helpers.data import DIGITS_RECIPE, augment_digits
from helpers.exercises.digits import SEEDS, run_seeds


def grades(hidden=128, learning_rate=0.1, batch_size=32):
    """The letters the checkers' seeds give, e.g. ["A", "A", "B"]."""
    return [r["grade"] for r in run_seeds(hidden, learning_rate, batch_size)]


NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "08_digits.ipynb"
DIGITS = helpers.load_digits_split(validation_size=0.2)
VARIANTS = ["plain SGD", "+ momentum", "+ weight decay", "+ annealed η", "+ augmentation"]
EXTRAS = [
    {},
    {"momentum": DIGITS_RECIPE["fit"]["momentum"]},
    {"weight_decay": DIGITS_RECIPE["fit"]["weight_decay"]},
    {"anneal": DIGITS_RECIPE["fit"]["anneal"]},
    {"augment": DIGITS_RECIPE["augment"]},
]


@pytest.fixture(scope="module")
def variants():
    """{variant: [(network, history) for seeds 0, 1, 2]}, as step 6 trains them (added in turn)."""
    X_aug, y_aug = augment_digits(DIGITS.X_train, DIGITS.y_train)
    settings = {k: DIGITS_RECIPE["fit"][k] for k in ("epochs", "batch_size", "learning_rate")}
    with threadpool_limits(1):  # as in the notebook (the same numbers, faster)
        return _train_variants(X_aug, y_aug, settings)


def _train(settings, X_aug, y_aug):
    fit_settings = {k: v for k, v in settings.items() if k != "augment"}
    X, y = (X_aug, y_aug) if settings.get("augment") else (DIGITS.X_train, DIGITS.y_train)
    runs = []
    for seed in (0, 1, 2):
        net = helpers.Network(**DIGITS_RECIPE["network"], seed=seed)
        history = net.fit(X, y, **fit_settings, validation_data=(DIGITS.X_val, DIGITS.y_val))
        runs.append((net, history))
    return runs


def _train_variants(X_aug, y_aug, settings):
    """Plain SGD, then each extra added to ``settings`` in turn; three seeds each."""
    runs = {}
    for name, extra in zip(VARIANTS, EXTRAS, strict=True):
        settings.update(extra)
        runs[name] = _train(settings, X_aug, y_aug)
    assert settings == {**DIGITS_RECIPE["fit"], "augment": True}
    return runs


N_VAL = len(DIGITS.y_val)
#: The notebook's own ``sampling_error`` (step 6's table cell), for its n_val validation images.
SAMPLING_ERROR = definitions("08", "54732bea", n_val=N_VAL)["sampling_error"]


# ------------------------------------------------------------------------------- step 5
def test_step_5_builds_its_network():
    """Step 5: "The cell builds its own fresh network ..., so running it again gives the same
    numbers." (issue 19: re-running it kept training the same network). The notebook's cell,
    run twice."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    (cell,) = [c for c in cells if "history_plain = plain_net.fit" in "".join(c["source"])]
    code = "".join(cell["source"])
    namespace = {"helpers": helpers, "DIGITS_RECIPE": DIGITS_RECIPE, "digits": DIGITS}
    # an untrained network of that name already exists (step 4's), as in the notebook
    namespace["plain_net"] = helpers.Network(**DIGITS_RECIPE["network"], seed=0)
    histories = []
    for run in range(2):  # the same cell twice in the same kernel
        with threadpool_limits(1), contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"08 step 5, run {run + 1}", "exec"), namespace)
        histories.append(list(namespace["history_plain"]["val_accuracy"]))
    assert histories[0] == histories[1]
    assert 0.9 < histories[0][-1] < 0.95  # the printed 0.9333: plain SGD, 10 epochs, not 20


# ------------------------------------------------------------------------------- step 6
def test_sampling_error_of_a_validation_accuracy():
    """Step 6: "about 0.010 for p = 0.97 and n = 270"."""
    assert N_VAL == 270
    assert round(SAMPLING_ERROR(0.97), 3) == 0.010


def test_the_printed_table_says_what_the_text_says():
    """Step 6's text against the table the notebook prints (committed output; nbval keeps that
    equal to a fresh run): momentum and augmentation "clear gain" added in turn and "needed" left
    out; weight decay and annealing "noise" in both columns; the recipe without annealing below
    the "+ annealed η" row's gain ("loses more than annealing gained when it was added")."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    (cell,) = [c for c in cells if "def verdict(difference" in "".join(c["source"])]
    printed = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    rows = {}
    for line in printed.splitlines():
        for name in VARIANTS[1:]:
            if line.startswith(name):
                rows.setdefault(name, line[len(name) :].split())
    # columns: mean, gain, verdict (two words for "clear gain"/"clear loss"), without, cost, verdict
    for name in ("+ momentum", "+ augmentation"):
        assert " ".join(rows[name][2:4]) == "clear gain" and rows[name][-1] == "needed", rows[name]
    for name in ("+ weight decay", "+ annealed η"):
        assert rows[name][2] == "noise" and rows[name][-1] == "noise", rows[name]
    gain, cost = float(rows["+ annealed η"][1]), float(rows["+ annealed η"][-2])
    assert cost > gain
    assert "sampling error on 270 images" in printed and "seeds' spread" in printed


def test_momentum_training_loss_is_a_tenth(variants):
    """ "(its training loss after 10 epochs is a tenth of plain SGD's)": between 5 % and 15 % of
    plain SGD's on every seed."""
    for (_, plain), (_, momentum) in zip(
        variants["plain SGD"], variants["+ momentum"], strict=True
    ):
        assert 0.05 < momentum["loss"][-1] / plain["loss"][-1] < 0.15


def test_momentum_validation_loss_has_not_started_to_rise(variants):
    """ "with momentum the validation loss has not started to rise by the 10th epoch (it ends
    near its lowest value)": within 0.02 of its lowest, and below its value halfway through."""
    for _, history in variants["+ momentum"]:
        assert history["val_loss"][-1] <= min(history["val_loss"]) + 0.02
        assert history["val_loss"][-1] < history["val_loss"][4]


# ------------------------------------------------------------------------------- step 7
def test_recipe_shows_no_overfitting(variants):
    """ "Both curves fall together and flatten out as η shrinks: no sign of overfitting in these
    10 epochs." (seed 0, the network of the figure)"""
    _, history = variants["+ augmentation"][0]
    assert history["val_loss"][-1] <= min(history["val_loss"]) + 0.005
    assert history["loss"][-1] < history["loss"][0] / 5
    assert history["val_loss"][-1] < history["val_loss"][0] / 2


def test_the_small_gap_is_not_the_shifted_copies(variants):
    """Step 7: "Measuring on the shifted copies lowers the training accuracy only a little, much
    less than the gap between training and validation ... The gap is small". (Issue 19: the
    notebook blamed the gap on the augmented images; measured, they lower the training accuracy
    by 0.002 while the gap is 0.012.) Every seed."""
    for net, history in variants["+ augmentation"]:
        on_augmented = history["accuracy"][-1]
        on_originals = net.accuracy(DIGITS.X_train, DIGITS.y_train)
        gap = on_augmented - history["val_accuracy"][-1]
        assert 0 <= on_originals - on_augmented < gap / 2
        assert gap < 0.02


# ------------------------------------------------------------------------------ step 12
def test_first_layer_weights_are_not_digit_templates(variants):
    """Step 12: "none of the sixteen looks like the average image of any digit"; summary:
    "blurry blobs of strokes and blanks, not digit templates". Each of the 16 strongest
    neurons' weights correlates with every digit's mean training image less than any two
    digits' mean images correlate with each other."""
    net, _ = variants["+ augmentation"][0]
    W1 = net.weights[0]
    strongest = np.argsort(-np.linalg.norm(W1, axis=0))[:16]
    means = np.array([DIGITS.X_train[DIGITS.y_train == k].mean(axis=0) for k in range(10)])

    def correlation(a, b):
        return np.corrcoef(a, b)[0, 1]

    to_digits = max(abs(correlation(W1[:, j], m)) for j in strongest for m in means)
    between_digits = min(correlation(means[i], means[k]) for i in range(10) for k in range(i))
    assert to_digits < between_digits, (to_digits, between_digits)


# ------------------------------------------------------------------------- steps 8 and 9
@pytest.fixture(scope="module")
def mlp():
    X_aug, y_aug = augment_digits(DIGITS.X_train, DIGITS.y_train)
    model = MLPClassifier(
        hidden_layer_sizes=(128,), alpha=1e-4, learning_rate_init=0.01, max_iter=500, random_state=0
    )
    with threadpool_limits(1):
        return model.fit(X_aug, y_aug)


def test_ours_holds_its_own_against_mlp(variants, mlp):
    """ "Our from-scratch network holds its own against the professional implementation": its
    validation accuracy is at least MLPClassifier's minus 0.01."""
    net, _ = variants["+ augmentation"][0]
    assert net.accuracy(DIGITS.X_val, DIGITS.y_val) >= mlp.score(DIGITS.X_val, DIGITS.y_val) - 0.01


def test_test_accuracies_close_to_validation(variants, mlp):
    """ "The test accuracies are close to the validation accuracies": within 0.02 for the three
    final networks."""
    for model in (variants["plain SGD"][0][0], variants["+ augmentation"][0][0], mlp):
        val = model.score(DIGITS.X_val, DIGITS.y_val)
        assert abs(model.score(DIGITS.X_test, DIGITS.y_test) - val) <= 0.02


def test_wrong_and_still_fairly_sure(variants):
    """Step 11: "a network can be wrong and still fairly sure": at least one misclassified test
    digit got 80 % or more."""
    net, _ = variants["+ augmentation"][0]
    probabilities = net.forward(DIGITS.X_test)
    wrong = probabilities.argmax(axis=1) != DIGITS.y_test
    assert wrong.any()
    assert probabilities[wrong].max() >= 0.8


# --------------------------------------------------------------- exercise 1: the width
def test_width_32_and_up_is_a_on_every_seed():
    """ "from 32 neurons up, every seed gives "A"."""
    for width in (32, 64, 128, 256, 512):
        assert grades(hidden=width) == ["A"] * len(SEEDS), width


def test_width_12_to_24_close_to_095():
    """ "From 12 to 24 neurons the seeds end close to 0.95, some just above and some just below
    ("A" or "B")."""
    letters = set()
    for width in (12, 16, 24):
        results = run_seeds(hidden=width)
        assert all(0.9 <= r["accuracy"] < 0.99 for r in results), width
        letters |= {r["grade"] for r in results}
    assert letters == {"A", "B"}


def test_width_below_12_mostly_b_or_c():
    """ "Below 12 the outcome depends on the seed, mostly "B" or "C" (one seed of 9 neurons reaches
    "A"); for 2 to 6 neurons the three seeds do not even agree on the letter\""""
    letters = {width: grades(hidden=width) for width in range(1, 12)}
    a_widths = [width for width, found in letters.items() for letter in found if letter == "A"]
    assert a_widths == [9]
    for width in range(2, 7):
        assert len(set(letters[width])) > 1, width
    assert {letter for found in letters.values() for letter in found} == {"A", "B", "C"}


def test_width_not_monotone():
    """ "a wider layer is better on average, but not on every seed: with seed 0, 6 neurons beat
    8.\""""
    assert run_seeds(hidden=6)[0]["accuracy"] > run_seeds(hidden=8)[0]["accuracy"]
    means = [np.mean([r["accuracy"] for r in run_seeds(hidden=w)]) for w in (2, 8, 32, 128)]
    assert means == sorted(means)


def test_width_1_solution():
    """Solution comment: "one number for ten digits, and it dies on some seeds: 0.10 to 0.33\""""
    results = run_seeds(hidden=1)
    assert all(0.095 <= r["accuracy"] <= 0.335 for r in results)
    assert any(r["dead"] == 1 for r in results)


# ---------------------------------------------------------- exercise 2: the learning rate
def test_learning_rate_solution_comment():
    """ "every hidden neuron dies: chance, about 0.1" (η = 2)"""
    for r in run_seeds(learning_rate=2.0):
        assert r["dead"] == 128 and r["accuracy"] <= 0.11


def test_learning_rate_ranges():
    """ "η = 0.1 and 0.2 give "A" on every seed. ... 0.001 to 0.003 give "B" ... and 0.0001 or
    less "C". ... 0.5 gives "B"\""""
    for eta in (0.1, 0.2):
        assert grades(learning_rate=eta) == ["A"] * 3, eta
    for eta in (0.001, 0.003, 0.5):
        assert grades(learning_rate=eta) == ["B"] * 3, eta
    for eta in (0.0001, 0.00001):
        assert grades(learning_rate=eta) == ["C"] * 3, eta


def test_learning_rate_noisy_around_the_best():
    """ "0.01 to 0.03 and 0.3 end close to 0.95, mostly "B", sometimes "A".\""""
    letters = set()
    for eta in (0.01, 0.03, 0.3):
        results = run_seeds(learning_rate=eta)
        assert all(0.92 <= r["accuracy"] < 0.97 for r in results), eta
        assert [r["grade"] for r in results].count("B") >= 2, eta
        letters |= {r["grade"] for r in results}
    assert "A" in letters


def test_learning_rate_from_1_up_neurons_die():
    """ "from 1 up it is "C", with (nearly) all 128 hidden neurons dead.\""""
    for eta in (1.0, 2.0, 5.0, 10.0):
        for r in run_seeds(learning_rate=eta):
            assert r["grade"] == "C" and r["dead"] >= 120, (eta, r)
    # η = 100: the weights run away (beyond 1e20), and Network.fit says so (issue 21)
    assert all(r["grade"] == "C" and r["diverged"] for r in run_seeds(learning_rate=100.0))


# --------------------------------------------------------------- exercise 3: the batch size
def test_batch_solution_comment():
    """ "only 10 updates in 10 epochs: 0.78 to 0.85" (batch size 1077)"""
    for r in run_seeds(batch_size=1077):
        assert r["updates"] == 10 and 0.775 <= r["accuracy"] <= 0.855


def test_batch_ranges():
    """ "batch sizes 16 to 64 give "A" on every seed; 8, 128 and 256 end close to 0.95 ("A" or
    "B", noisy); 512 and 1077 give "B". ... batch sizes of 4 or less give "C".\""""
    for size in (16, 32, 64):
        assert grades(batch_size=size) == ["A"] * 3, size
    for size in (8, 128, 256):
        assert set(grades(batch_size=size)) == {"A", "B"}, size
    for size in (512, 1077):
        assert grades(batch_size=size) == ["B"] * 3, size
    for size in (1, 2, 4):
        assert grades(batch_size=size) == ["C"] * 3, size


def test_small_batches_kill_every_neuron():
    """ "and the ReLU neurons die: at batch sizes 1 and 2, all 128 of them.\""""
    for size in (1, 2):
        assert all(r["dead"] == 128 for r in run_seeds(batch_size=size)), size
