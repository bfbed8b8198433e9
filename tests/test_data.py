"""helpers.data: the snack example, the 2-D toy sets and the digits split (all local)."""

import numpy as np
import pytest

import helpers
from helpers.data import BUMPS, TOY_REGRESSION_SETS, TOY_SETS, multi_gauss, plane


# ------------------------------------------------------------------------------ snack data
def test_snack_data_is_decided_by_the_slide_perceptron():
    X, y = helpers.snack_data()
    assert X.shape == (24, 2) and y.shape == (24,)
    snack = helpers.snack_example()
    np.testing.assert_array_equal(y, helpers.perceptron(X, snack.w, snack.b))
    assert set(np.unique(y)) == {0, 1}  # both decisions occur
    assert X[:, 0].min() == 0 and X[:, 0].max() == 5  # effort 0–5
    assert X[:, 1].min() == 0 and X[:, 1].max() == 3  # hunger 0–3
    assert len({tuple(row) for row in X}) == 24  # every evening is different


def test_snack_example_describes_its_features():
    snack = helpers.snack_example()
    assert len(snack.features) == 2 == len(snack.x) == len(snack.w)


# -------------------------------------------------------------------------------- make_toy
@pytest.mark.parametrize("name", TOY_SETS)
def test_toy_sets_have_the_documented_shapes(name):
    X, y = helpers.make_toy(name, n_samples=101, seed=0)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}
    assert np.all(np.isfinite(X))
    assert np.all(np.abs(X) <= 6)  # the square [−6, 6]² without noise


@pytest.mark.parametrize("name", ["circle", "gauss", "spiral"])
def test_toy_classes_are_balanced(name):
    _, y = helpers.make_toy(name, n_samples=200, seed=1)
    assert np.bincount(y).tolist() == [100, 100]


def test_xor_labels_are_the_sign_rule():
    X, y = helpers.make_toy("xor", n_samples=300, seed=2)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))
    assert np.all(np.abs(X) >= 0.3)  # the gap around the axes


def test_circle_has_class_1_inside():
    X, y = helpers.make_toy("circle", n_samples=300, seed=3)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius[y == 1].max() <= 2.5 < 3.5 <= radius[y == 0].min()


def test_gauss_and_spiral_make_several_classes():
    for name in ("gauss", "spiral"):
        X, y = helpers.make_toy(name, n_samples=90, seed=0, n_classes=3)
        assert np.bincount(y).tolist() == [30, 30, 30]
        assert X.shape == (90, 2)


@pytest.mark.parametrize("name", TOY_SETS)
def test_same_seed_same_points_other_seed_other_points(name):
    a = helpers.make_toy(name, seed=7, noise=0.2)
    b = helpers.make_toy(name, seed=7, noise=0.2)
    c = helpers.make_toy(name, seed=8, noise=0.2)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("name", TOY_SETS)
def test_noise_blurs_the_points(name):
    clean, _ = helpers.make_toy(name, n_samples=300, seed=0, noise=0.0)
    noisy, _ = helpers.make_toy(name, n_samples=300, seed=0, noise=0.5)
    assert not np.allclose(clean, noisy)


def test_noise_makes_the_classes_overlap():
    X, y = helpers.make_toy("circle", n_samples=400, seed=0, noise=0.5)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius[y == 1].max() > radius[y == 0].min()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            dict(name="moons"),
            ValueError,
            "name must be one of 'circle', 'xor', 'gauss', 'spiral', 'plane', 'multi_gauss'",
        ),
        (dict(name="plane", n_classes=3), ValueError, "n_classes must be 2 for 'plane'"),
        (dict(name="multi_gauss", noise="a"), TypeError, "noise must be a number"),
        (dict(name="xor", n_samples=0), ValueError, "n_samples must be a whole number > 0"),
        (dict(name="xor", n_samples=10.5), TypeError, "n_samples must be a whole number"),
        (dict(name="xor", noise=0.7), ValueError, "noise must be a finite number >= 0 and <= 0.5"),
        (dict(name="xor", noise=-0.1), ValueError, "noise must be a finite number >= 0 and <= 0.5"),
        (dict(name="circle", n_classes=3), ValueError, "n_classes must be 2 for 'circle'"),
        (dict(name="spiral", n_classes=1), ValueError, "n_classes must be 2 for 'spiral'"),
    ],
)
def test_make_toy_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        helpers.make_toy(**kwargs)


# ------------------------------------------------------------------- the regression sets
@pytest.mark.parametrize("name", TOY_REGRESSION_SETS)
def test_regression_sets_have_continuous_targets_in_the_square(name):
    X, y = helpers.make_toy(name, n_samples=300, seed=0)
    assert X.shape == (300, 2) and y.shape == (300,) and y.dtype.kind == "f"
    assert np.all(np.abs(X) <= 6) and np.all(np.abs(y) <= 1.2)
    assert len(np.unique(y)) > 100  # continuous, not classes
    again, other = helpers.make_toy(name, 300, seed=0), helpers.make_toy(name, 300, seed=1)
    np.testing.assert_array_equal(again[0], X)
    np.testing.assert_array_equal(again[1], y)
    assert not np.array_equal(other[0], X)


def test_plane_is_x1_plus_x2_over_10():
    X, y = helpers.make_toy("plane", n_samples=50, seed=3)
    np.testing.assert_allclose(y, (X[:, 0] + X[:, 1]) / 10)
    assert plane(np.array([[6.0, 6.0], [-6.0, 6.0]])).tolist() == [1.2, 0.0]


def test_multi_gauss_is_six_signed_bumps():
    centres, signs = BUMPS[:, :2], BUMPS[:, 2]
    np.testing.assert_array_equal(multi_gauss(centres), signs)  # ±1 at each centre
    half_way = centres + [[1.0, 0.0]]  # distance 1 from a centre, more than 2 from the others
    np.testing.assert_allclose(multi_gauss(half_way), signs / 2)
    assert multi_gauss(np.array([[0.0, 6.0], [-6.0, 0.0]])).tolist() == [0.0, 0.0]  # far away
    X, y = helpers.make_toy("multi_gauss", n_samples=400, seed=0)
    np.testing.assert_array_equal(y, multi_gauss(X))
    assert y.min() < -0.8 and y.max() > 0.8 and np.mean(y == 0) > 0.3


@pytest.mark.parametrize("name", TOY_REGRESSION_SETS)
def test_regression_noise_blurs_the_point_the_target_is_taken_at(name):
    X, y = helpers.make_toy(name, n_samples=400, noise=0.3, seed=0)
    exact = plane(X) if name == "plane" else multi_gauss(X)
    error = np.abs(y - exact)
    assert 0.05 < error.mean() < 0.6  # blurred: y no longer the exact function of X
    assert np.all(np.abs(X) <= 6)  # but the points stay in the square
    _, y_most = helpers.make_toy(name, n_samples=2000, noise=0.5, seed=0)
    assert np.abs(y_most).max() <= (1.8 if name == "plane" else 1.0)  # the docstring's ranges


def test_a_network_learns_the_plane():
    X, y = helpers.make_toy("plane", n_samples=200, seed=0)
    net = helpers.Network([2, 1], output_activation="linear", loss="mse", seed=0)
    net.fit(X / 6, y, epochs=200, batch_size=10, learning_rate=0.3)
    assert net.loss(X / 6, y) < 1e-4  # a linear surface: one linear neuron is enough


# ---------------------------------------------------------------------------------- digits
@pytest.fixture(scope="module")
def digits():
    return helpers.load_digits_split()


def test_digits_split_shapes_and_scaling(digits):
    assert digits.X_train.shape == (1347, 64) and digits.X_test.shape == (450, 64)
    assert digits.y_train.shape == (1347,) and digits.y_test.shape == (450,)
    for X in (digits.X_train, digits.X_test):
        assert X.min() == 0.0 and X.max() == 1.0  # pixels 0..16 scaled to [0, 1]
    assert set(np.unique(digits.y_test)) == set(range(10))
    assert "X_val" not in digits


def test_digits_split_is_stratified(digits):
    train_share = np.bincount(digits.y_train) / len(digits.y_train)
    test_share = np.bincount(digits.y_test) / len(digits.y_test)
    np.testing.assert_allclose(train_share, test_share, atol=0.005)


def test_digits_split_is_fixed(digits):
    again = helpers.load_digits_split()
    np.testing.assert_array_equal(digits.X_test, again.X_test)
    np.testing.assert_array_equal(digits.y_train, again.y_train)
    other = helpers.load_digits_split(seed=1)
    assert not np.array_equal(digits.y_test, other.y_test)


def test_digits_train_and_test_are_disjoint_and_cover_the_data(digits):
    from sklearn.datasets import load_digits

    everything = load_digits().data / 16.0
    rows = lambda X: {row.tobytes() for row in X}  # noqa: E731
    assert len(digits.X_train) + len(digits.X_test) == len(everything)
    # (a few digits occur twice in the data set, so compare as multisets of rows)
    all_rows = sorted(row.tobytes() for row in everything)
    split_rows = sorted(row.tobytes() for row in np.vstack([digits.X_train, digits.X_test]))
    assert all_rows == split_rows
    assert len(rows(digits.X_train) & rows(digits.X_test)) <= 5


def test_validation_split_comes_out_of_the_training_part(digits):
    split = helpers.load_digits_split(validation_size=0.2)
    np.testing.assert_array_equal(split.X_test, digits.X_test)  # the same test set
    assert len(split.X_train) + len(split.X_val) == len(digits.X_train)
    assert len(split.X_val) == 270
    assert sorted(r.tobytes() for r in np.vstack([split.X_train, split.X_val])) == sorted(
        r.tobytes() for r in digits.X_train
    )
    assert np.bincount(split.y_val).min() >= 25  # stratified: every digit is there


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(test_size=0), "test_size must be > 0"),
        (dict(test_size=1.0), "test_size must be a fraction between 0 and 1"),
        (dict(test_size=-0.1), "test_size must be a fraction between 0 and 1"),
        (dict(validation_size=1.5), "validation_size must be a fraction between 0 and 1"),
    ],
)
def test_digits_split_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        helpers.load_digits_split(**kwargs)


def test_a_small_network_learns_the_digits(digits):
    net = helpers.Network([64, 32, 10], hidden_activation="relu", seed=0)
    net.fit(digits.X_train, digits.y_train, epochs=10, batch_size=32, learning_rate=0.1)
    assert net.accuracy(digits.X_test, digits.y_test) > 0.9


# ------------------------------------------------------------------------- augment_digits
def test_augment_digits_adds_four_one_pixel_shifts():
    image = np.zeros((8, 8))
    image[3, 4] = 1.0  # one lit pixel at row 3, column 4
    X, y = helpers.data.augment_digits(image.reshape(1, 64), np.array([7]))
    assert X.shape == (5, 64) and y.tolist() == [7] * 5
    lit = [tuple(int(i) for i in np.argwhere(x.reshape(8, 8))[0]) for x in X]
    assert lit == [(3, 4), (3, 5), (3, 3), (4, 4), (2, 4)]  # original, right, left, down, up


def test_augment_digits_blanks_what_moves_in_at_the_border():
    X = np.ones((2, 64))
    shifted, _ = helpers.data.augment_digits(X, np.array([0, 1]))
    np.testing.assert_array_equal(shifted[:2], X)  # the originals come first
    images = shifted[2:].reshape(-1, 8, 8)
    assert [int(img.sum()) for img in images] == [56] * 8  # one row or column of 8 blanked
    assert images[0][:, 0].sum() == 0  # shifted right: the first column is blank


def test_augment_digits_keeps_labels_with_their_images(digits):
    X, y = helpers.data.augment_digits(digits.X_train[:10], digits.y_train[:10])
    np.testing.assert_array_equal(y.reshape(5, 10), np.tile(digits.y_train[:10], (5, 1)))


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros((2, 63)), np.zeros(2), "X must hold 8×8 digit images as rows of 64 pixels"),
        (np.zeros((2, 64)), np.zeros(3), r"y must hold one label per row of X"),
        (np.full((1, 64), np.nan), np.zeros(1), "X contains NaN or inf"),
    ],
)
def test_augment_digits_bad_input(X, y, message):
    with pytest.raises(ValueError, match=message):
        helpers.data.augment_digits(X, y)


def test_digits_recipe_is_complete():
    recipe = helpers.data.DIGITS_RECIPE
    assert set(recipe) == {"network", "fit", "augment"}
    net = helpers.Network(**recipe["network"], seed=0)
    assert net.sizes[0] == 64 and net.sizes[-1] == 10
    X, y = np.zeros((3, 64)), np.array([0, 1, 2])
    net.fit(X, y, **{**recipe["fit"], "epochs": 1})  # every fit setting is accepted


# ------------------------------------------------------------------------ make_neuron_data
def test_neuron_data_is_the_formula_of_its_docstring():
    x, y = helpers.make_neuron_data()
    assert x.shape == (40,) and y.shape == (40,)
    assert y.tolist() == [0, 1] * 20  # labels alternate
    rng = np.random.default_rng(0)
    expected = np.round(np.where(y == 1, 1.0, -1.0) + rng.normal(0.0, 2.5, 40), 1)
    np.testing.assert_array_equal(x, expected)
    np.testing.assert_array_equal(x, np.round(x, 1))  # one decimal
    assert x[y == 1].mean() > x[y == 0].mean()  # class 1 lies to the right ...
    assert x[y == 0].max() > x[y == 1].min()  # ... but the classes overlap


def test_neuron_data_parameters():
    x, y = helpers.make_neuron_data(n=7, spread=0.1, seed=3)
    assert x.shape == (7,) and y.tolist() == [0, 1, 0, 1, 0, 1, 0]
    assert np.all(np.abs(x - np.where(y == 1, 1.0, -1.0)) < 0.6)  # small spread: near ±1
    np.testing.assert_array_equal(x, helpers.make_neuron_data(n=7, spread=0.1, seed=3)[0])
    assert not np.array_equal(helpers.make_neuron_data(seed=1)[0], helpers.make_neuron_data()[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(n=0), ValueError, "n must be a whole number > 0"),
        (dict(n=2.5), TypeError, "n must be a whole number"),
        (dict(spread=-1.0), ValueError, "spread must be a finite number > 0"),
    ],
)
def test_neuron_data_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        helpers.make_neuron_data(**kwargs)
