"""The playground without widgets: settings, model, regression data, "why did it fail" rules
and the state → picture functions. Runs without ipywidgets (see the first test)."""

import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from helpers import make_toy
from helpers import playground as P
from helpers.playground import diagnosis as D


def test_the_model_imports_and_trains_without_ipywidgets():
    code = (
        "import sys; sys.modules['ipywidgets'] = None\n"
        "from helpers.playground import PlaygroundModel, NetworkLayout\n"
        "m = PlaygroundModel(hidden=(3,)); m.train(2)\n"
        "NetworkLayout(m.net.sizes, ['a', 'b']).picture(m.frame())\n"
        "assert 'ipywidgets' not in [k for k, v in sys.modules.items() if v is not None]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------------------- settings
def test_settings_are_declared_once_with_how_they_apply():
    names = P.PlaygroundSettings.names()
    assert set(P.PlaygroundSettings.names("live")) == {
        "learning_rate",
        "batch_size",
        "regularization",
        "regularization_rate",
        "show_test",
        "discretize",
    }
    assert "hidden" in P.PlaygroundSettings.names("network")
    assert "dataset" in P.PlaygroundSettings.names("data")
    split = sum((P.PlaygroundSettings.names(a) for a in ("live", "network", "data")), [])
    assert sorted(split) == sorted(names)


def test_settings_as_code_round_trips():
    s = P.PlaygroundSettings(dataset="spiral", n_classes=3, hidden=(8, 8), regularization="L1")
    assert s.as_code() == (
        "playground(dataset='spiral', n_classes=3, hidden=(8, 8), regularization='L1')"
    )
    assert P.PlaygroundSettings().as_code() == "playground()"
    code = P.PlaygroundSettings(dataset="plane", loss="mse").as_code()
    assert code == "playground(dataset='plane')"


def test_changed_checks_the_one_setting_and_fixes_the_classes():
    s = P.PlaygroundSettings(dataset="spiral", n_classes=3)
    assert s.changed("learning_rate", 0.3).learning_rate == 0.3 and s.learning_rate == 0.03
    assert s.changed("dataset", "circle").n_classes == 2  # circle has two classes
    with pytest.raises(ValueError, match="batch_size must be a whole number > 0, got 0"):
        s.changed("batch_size", 0)
    with pytest.raises(TypeError, match="learning_rate must be a number"):
        s.changed("learning_rate", "fast")


@pytest.mark.parametrize(
    ("name", "value"),
    [("learning_rate", 0.0), ("learning_rate", -0.1), ("batch_size", 0), ("seed", -1)],
)
def test_shared_arguments_follow_the_courses_one_rule(name, value):
    """The playground's learning rate, batch size and seed follow the rule ``Network.fit``
    follows (``helpers.validation.RULES``): the same value is refused by both, with the same
    words."""
    from helpers import Network
    from helpers.validation import check_argument

    with pytest.raises((ValueError, TypeError)) as ours:
        P.PlaygroundSettings.from_arguments(**{name: value})
    with pytest.raises((ValueError, TypeError)) as rule:
        check_argument(value, name)
    assert str(ours.value) == str(rule.value)
    if name != "seed":
        X, y = np.zeros((4, 2)), np.array([0, 1, 0, 1])
        fit = {"learning_rate": 0.1, "batch_size": 2, name: value}
        with pytest.raises((ValueError, TypeError)) as network:
            Network([2, 2]).fit(X, y, epochs=1, **fit)
        assert str(network.value) == str(rule.value)


def test_a_large_learning_rate_is_allowed_as_in_network():
    """No playground-only ceiling on η: 20 is a learning rate (that diverges, and says so)."""
    assert P.PlaygroundSettings.from_arguments(learning_rate=20).learning_rate == 20


def test_arguments_are_read_generously():
    s = P.PlaygroundSettings.from_arguments(hidden=4, features="x1", learning_rate=0.5)
    assert s.hidden == (4,) and s.features == ("x1",) and s.learning_rate == 0.5
    assert P.PlaygroundSettings.from_arguments(hidden="4, 2").hidden == (4, 2)
    assert P.PlaygroundSettings.from_arguments(hidden="").hidden == ()
    assert P.menu_with(P.LEARNING_RATES, 0.5) == tuple(sorted((*P.LEARNING_RATES, 0.5)))


@pytest.mark.parametrize(
    "arguments, words",
    [
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"hidden": (9,)}, "hidden"),
        ({"hidden": (4,) * 7}, "hidden"),
        ({"hidden": "3, x"}, "hidden"),
        ({"dataset": "moons"}, "dataset"),
        ({"n_classes": 3}, "n_classes"),
        ({"dataset": "gauss", "n_classes": 5}, "n_classes"),
        ({"batch_size": 0}, "batch_size"),
        ({"seed": "abc"}, "seed"),
        ({"seed": -1}, "seed"),
        ({"features": ("x3",)}, "features"),
        ({"features": ()}, "features"),
        ({"regularization": "L3"}, "regularization"),
        ({"show_test": "yes"}, "show_test"),
        ({"colour": "red"}, "unknown"),
    ],
)
def test_bad_settings_get_an_error_naming_them(arguments, words):
    with pytest.raises((ValueError, TypeError), match=words):
        P.PlaygroundSettings.from_arguments(**arguments)


# ------------------------------------------------------------------------------- model
def test_model_learns_and_is_reproducible():
    a = P.PlaygroundModel(features=("x1", "x2", "x1^2", "x2^2"), hidden=(4,))
    b = P.PlaygroundModel(features=("x1", "x2", "x1^2", "x2^2"), hidden=(4,))
    first = a.losses()[0]
    assert a.train(60) and b.train(60)
    assert a.losses()[0] < 0.5 * first
    assert a.losses() == b.losses() and a.epoch == 60
    a.reset()
    assert a.epoch == 0 and a.losses()[0] == first


def test_accuracy_and_losses_score_the_split_they_name():
    """A noisy XOR after a few epochs: the two splits score differently, each on its own
    points (the network's accuracy on the split's features)."""
    m = P.PlaygroundModel(dataset="xor", noise=30, hidden=(4,))
    m.train(20)
    test, train = m.accuracy("test"), m.accuracy("train")
    assert test != train  # else a mix-up of the splits would not show
    assert test == m.net.accuracy(m.F_test, m.y_test)
    assert train == m.net.accuracy(m.F_train, m.y_train)
    assert m.accuracy() == test  # the default is the test split, as the widget shows it


def test_relu_learns_at_the_default_seed():
    """With ReLU at the default seed the playground learns the circle (no dead layer)."""
    m = P.PlaygroundModel(activation="relu")
    m.train(300)
    assert m.accuracy() >= 0.95


def test_apply_redoes_only_what_a_setting_needs():
    m = P.PlaygroundModel()
    m.train(3)
    X = m.X_train
    assert m.apply(replace(m.settings, learning_rate=0.1)) == "live" and m.epoch == 3
    assert m.apply(replace(m.settings, hidden=(3,))) == "network"
    assert m.epoch == 0 and m.X_train is X and m.net.sizes == [2, 3, 1]
    assert m.apply(replace(m.settings, noise=20)) == "data" and m.X_train is not X


def test_training_is_networks_own_loop():
    """``PlaygroundModel.train`` is ``Network.fit``'s SGD (``mini_batches`` and
    ``update_mini_batch``): the same network, seed and data give the same weights."""
    from helpers import Network

    m = P.PlaygroundModel(hidden=(3,), batch_size=7, learning_rate=0.3)
    twin = Network(m.net.sizes, "tanh", "sigmoid", "cross_entropy", seed=m.settings.seed)
    twin.rng = np.random.default_rng(m.settings.seed)  # as PlaygroundModel.reset does
    for W, V in zip(m.net.weights, twin.weights, strict=True):
        np.testing.assert_array_equal(W, V)
    m.train(5)
    twin.fit(m.F_train, m.Y_train, epochs=5, batch_size=7, learning_rate=0.3)
    for W, V in zip(m.net.weights + m.net.biases, twin.weights + twin.biases, strict=True):
        np.testing.assert_array_equal(W, V)


def test_l1_is_one_step_of_its_formula():
    """L1 (the playground's own): one batch of the whole training set is one step
    W ← W − η (∂L/∂W + λ sign W), b ← b − η ∂L/∂b."""
    m = P.PlaygroundModel(
        n_samples=20, batch_size=30, regularization="L1", regularization_rate=0.5, hidden=(3,)
    )
    eta, lam = m.settings.learning_rate, 0.5
    before = [W.copy() for W in m.net.weights]
    nabla_w, _ = m.net.backprop(m.F_train, m.Y_train)  # the order of the rows is no matter
    m.train(1)
    for W, W0, g in zip(m.net.weights, before, nabla_w, strict=True):
        np.testing.assert_allclose(W, W0 - eta * (g + lam * np.sign(W0)), rtol=1e-12, atol=1e-14)


def test_regularisation_shrinks_weights():
    sizes = {}
    for reg in (None, "L1", "L2"):
        m = P.PlaygroundModel(regularization=reg, regularization_rate=0.03, learning_rate=0.1)
        m.train(40)
        sizes[reg] = sum(np.abs(W).sum() for W in m.net.weights)
    assert sizes["L1"] < sizes[None] and sizes["L2"] < sizes[None]


def test_multiclass_and_divergence():
    m = P.PlaygroundModel(dataset="gauss", n_classes=3, hidden=(), loss="mse")
    assert m.net.sizes == [2, 3] and m.output_kind == "softmax"
    m.train(5)
    frame = m.frame()
    assert frame.output.shape == (64, 64, 3) and len(frame.neurons) == 2
    bad = P.PlaygroundModel(learning_rate=10.0, hidden=(8, 8, 8), activation="linear")
    bad.train(50)
    assert bad.diverged and not bad.train(1)
    assert bad.advice().cause == "too_large"


def test_set_weight_changes_the_output():
    m = P.PlaygroundModel()
    before = m.frame().output.copy()
    m.set_weight(3, 1, 0, -5.0)  # w³₂₁: neuron 2 of layer 2 → the output
    assert m.net.weights[2][1, 0] == -5.0
    assert not np.allclose(m.frame().output, before)
    assert m.history["train"][-1] == m.losses()[0]


def test_features_and_neuron_maps():
    X = np.array([[1.0, 2.0]])
    F = P.feature_matrix(X, tuple(P.FEATURES))
    np.testing.assert_allclose(F, [[1, 2, 1, 4, 2, np.sin(1), np.sin(2)]])
    m = P.PlaygroundModel(hidden=(3, 2), activation="relu")
    frame = m.frame(pinned=(1, 2))
    assert [n.shape for n in frame.neurons] == [(16, 16, 2), (16, 16, 3), (16, 16, 2), (16, 16, 1)]
    assert all(np.abs(n).max() <= 1 for n in frame.neurons)
    assert frame.pinned_map.shape == (64, 64)


# ------------------------------------------------------------------------------- regression
def test_regression_data_is_the_playgrounds():
    """The model takes the regression sets from ``helpers.make_toy`` and splits them."""
    m = P.PlaygroundModel(dataset="multi_gauss", train_ratio=40, n_samples=300)
    X, y = make_toy("multi_gauss", 300, 0.0, seed=0)
    assert len(m.X_train) == 120 and len(m.X_test) == 180
    together = np.concatenate([m.y_train, m.y_test])
    np.testing.assert_allclose(np.sort(together), np.sort(y))
    assert m.Y_train.shape == (120, 1) and m.chance == pytest.approx(0.5 * m.y_train.var())


@pytest.mark.parametrize("name", P.REGRESSION_SETS)
def test_regression_uses_a_linear_output_and_learns(name):
    m = P.PlaygroundModel(dataset=name, hidden=(8, 8), learning_rate=0.1)
    assert m.output_kind == "linear" and m.net.loss_name == "mse" and m.net.sizes[-1] == 1
    with pytest.raises(ValueError, match="accuracy"):
        m.accuracy()
    m.train(100)
    train, test = m.losses()
    assert train < 0.5 * m.chance and test < 0.6 * m.chance  # far better than a constant
    frame = m.frame()
    rgb = P.output_rgb(frame.output, regression=True)
    assert rgb.shape == (64, 64, 3) and rgb.dtype == np.uint8


# ------------------------------------------------------------------------------- diagnosis
def _history(values):
    return list(values), list(values)


def test_chance_loss():
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert D.chance_loss(Y, "cross_entropy", "sigmoid") == pytest.approx(np.log(2))
    assert D.chance_loss(np.eye(3), "cross_entropy", "softmax") == pytest.approx(np.log(3))
    assert D.chance_loss(np.array([[1.0], [-1.0]]), "mse", "linear") == pytest.approx(0.5)


def test_rule_eta_too_large_loss_rose():
    train, test = _history(np.linspace(0.7, 1.5, 40))
    assert D.diagnose(train, test, chance=0.69).cause == "too_large"


def test_rule_eta_too_large_jumps():
    rng = np.random.default_rng(0)
    train = [0.7] + list(0.4 + 0.3 * rng.random(40))
    assert D.diagnose(train, train, chance=0.69).cause == "too_large"


def test_rule_eta_too_large_diverged():
    assert D.diagnose([0.7, float("nan")], [0.7, float("nan")], 0.69).cause == "too_large"


def test_rule_eta_too_small():
    train, test = _history(0.7 - 0.0005 * np.arange(50))
    advice = D.diagnose(train, test, chance=0.69)
    assert advice.cause == "too_small" and "η too small" in advice.text


def test_rule_too_few_neurons_or_features():
    train = list(0.69 + 0.3 * np.exp(-np.arange(60) / 5))
    advice = D.diagnose(train, train, chance=0.69)
    assert advice.cause == "too_few" and "too few neurons or features" in advice.text


def test_rule_overfitting():
    train = list(0.7 * np.exp(-np.arange(60) / 10))
    test = list(0.7 * np.exp(-np.arange(30) / 10)) + list(0.035 + 0.01 * np.arange(30))
    assert D.diagnose(train, test, chance=0.69).cause == "overfitting"


def test_no_rule_fires_on_a_good_run_or_too_early():
    train = list(0.7 * np.exp(-np.arange(60) / 10))
    assert D.diagnose(train, train, chance=0.69) == D.NOTHING
    assert D.diagnose([0.7, 0.9, 1.2], [0.7, 0.9, 1.2], chance=0.69) == D.NOTHING


@pytest.mark.parametrize(
    "settings, cause",
    [
        ({"learning_rate": 10.0}, "too_large"),
        ({"learning_rate": 0.0001}, "too_small"),
        ({"hidden": ()}, "too_few"),
        ({}, ""),
    ],
)
def test_the_rules_on_real_runs(settings, cause):
    """The line under the loss curve names the cause of real failed runs (100 epochs)."""
    m = P.PlaygroundModel(**settings)
    for _ in range(100):
        m.train(1)
    assert m.advice().cause == cause


# ------------------------------------------------------------------------------- pictures
def test_colour_lookup_table_ends_and_middle():
    rgb = P.diverging_rgb(np.array([-1.0, 0.0, 1.0, 5.0, np.nan]))
    assert rgb.dtype == np.uint8 and rgb.shape == (5, 3)
    assert tuple(rgb[0]) == (0x00, 0x72, 0xB2)  # blue
    assert tuple(rgb[2]) == tuple(rgb[3]) == (0xE6, 0x9F, 0x00)  # orange, clipped
    assert rgb[1].min() >= 250 and tuple(rgb[4]) == tuple(rgb[1])  # white; NaN as 0


def test_output_rgb_two_classes_many_and_discretised():
    p = np.array([[[0.0], [0.5], [1.0]]])
    rgb = P.output_rgb(p)
    assert tuple(rgb[0, 0]) == (0x00, 0x72, 0xB2) and tuple(rgb[0, 2]) == (0xE6, 0x9F, 0x00)
    hard = P.output_rgb(np.array([[[0.4], [0.6]]]), discretize=True)
    soft = P.output_rgb(np.array([[[0.45], [0.55]]]), discretize=True)
    np.testing.assert_array_equal(hard, soft)  # only the side of 0.5 matters
    three = P.output_rgb(np.array([[[0.1, 0.8, 0.1], [1 / 3, 1 / 3, 1 / 3]]]))
    assert three[0, 0, 2] <= 110 and three[0, 1].min() > 200  # orange, pale where unsure


def test_png_bytes_round_trip():
    import io

    from PIL import Image

    rgb = P.diverging_rgb(np.linspace(-1, 1, 12).reshape(3, 4))
    back = np.asarray(Image.open(io.BytesIO(P.png_bytes(rgb))))
    np.testing.assert_array_equal(back, rgb)
    assert P.data_uri(rgb).startswith("data:image/png;base64,")


def test_network_svg_has_every_link_and_neuron():
    m = P.PlaygroundModel(hidden=(3, 2))
    layout = P.NetworkLayout(m.net.sizes, ["x₁", "x₂"], uid="t")
    n_links = 2 * 3 + 3 * 2 + 2 * 1
    svg = layout.svg(m.frame())  # what changes while training: one picture and the links
    assert svg.count("<image") == 1 and svg.count("<path") <= 20
    assert len(re.findall(r"M\d+ \d+L\d+ \d+", svg)) == n_links
    first = layout._segments[0]  # w¹₁₁: in a path of its sign's colour and its width
    colour = "#E69F00" if m.net.weights[0][0, 0] > 0 else "#0072B2"
    width = np.clip(round(abs(m.net.weights[0][0, 0]) * 3) / 2, 0.5, 5.0)
    assert re.search(
        rf"<path d='[^']*{first}[^']*' stroke='{colour}' stroke-width='{width:g}'", svg
    )
    top = layout.overlay(selected=(2, 0, 1), pinned=(1, 2))  # names and click targets
    assert len(re.findall(r"data-pick='w ", top)) == n_links
    assert len(re.findall(r"data-pick='n ", top)) == sum(m.net.sizes)
    assert top.count("stroke='#000' stroke-width='4'") == 1  # the selected link, in black
    assert "x₁" in top and "onclick" in top and "onmouseover" in top and "id='t'" in top
    both = layout.picture(m.frame())
    assert both.count("<image") == 1 and "data-pick='n 0 0'" in both
    # the picture has the white panel (legible labels in a dark theme); the overlay lies over
    # it in the widget and must let it show through (with a panel it hid every neuron)
    assert "background-color" in svg.split(">", 1)[0]
    assert "background-color" not in top.split(">", 1)[0]
    assert "background-color" in both.split(">", 1)[0]


def test_tiles_are_large_and_line_up_with_the_sprite():
    small = P.NetworkLayout([2, 4, 2, 1], ["x₁", "x₂"], 380)
    big = P.NetworkLayout([2, *(8,) * 6, 1], ["x₁", "x₂"], 380)
    assert small.tile >= 44 and big.tile >= 32 and max(small.width, big.width) <= 400
    for layout in (small, big):
        for l, column in enumerate(layout.py):
            for j, y in enumerate(column):
                assert layout.y[l][j] == pytest.approx(layout.top + y * layout.scale)
        maps = [np.zeros((16, 16, n)) for n in layout.sizes]
        assert layout.sprite(maps).shape == (*layout.sheet_shape, 3)


def test_output_and_loss_svg():
    m = P.PlaygroundModel(show_test=True)
    m.train(3)
    frame = m.frame()
    svg = P.output_svg(frame, size=200)
    assert svg.count("<circle") == len(m.X_train) + len(m.X_test)
    assert P.output_svg(replace(frame, settings=replace(frame.settings, show_test=False))).count(
        "<circle"
    ) == len(m.X_train)
    loss = P.loss_svg(frame.history)
    assert loss.count("<polyline") == 2 and "epoch" in loss


def test_the_still_draws_the_links_by_the_live_pictures_rule():
    """Two renderers (the live SVG, the matplotlib still: CONTRIBUTING says why), one rule for
    the links: each link has the same colour in both and the same width up to the panel's
    scale, from ``NetworkLayout.link_styles``."""
    from matplotlib.colors import to_rgb

    from helpers.playground.static import static_figure

    m = P.PlaygroundModel(hidden=(3, 2))
    m.train(5)
    frame = m.frame()
    layout = P.NetworkLayout(m.net.sizes, ["x₁", "x₂"], uid="t")
    styles = layout.link_styles(frame.weights)
    svg = layout.svg(frame)
    for segment, (colour, width) in zip(layout._segments, styles, strict=True):
        assert re.search(
            rf"<path d='[^']*{segment}[^']*' stroke='{colour}' "
            rf"stroke-width='{width:g}'",
            svg,
        )
    figure = static_figure(frame, layout)
    lines = figure.axes[1].collections[0]
    np.testing.assert_allclose(lines.get_colors()[:, :3], [to_rgb(c) for c, _ in styles])
    ratio = np.asarray(lines.get_linewidths()) / [w for _, w in styles]
    np.testing.assert_allclose(ratio, ratio[0])
    assert len({w for _, w in styles}) > 1  # the widths differ: the test sees their rule
    texts = [t.get_text() for t in figure.axes[1].texts]
    assert all(
        name in texts and f">{name}</text>" in layout.overlay() for name in layout.column_names()
    )


@pytest.mark.parametrize("hidden", [(8,), (8, 8, 8), (8,) * 4, (8,) * 6])
@pytest.mark.parametrize("features", [("x1", "x2"), tuple(P.FEATURES)])
def test_column_headers_never_say_L_and_never_overlap(hidden, features):
    """The hidden layers' headers: "layer 1", ..., or the bare numbers where the columns stand
    too close, never "L1" (L is the loss; L1/L2 the regularisations); in the still and in the
    SVG (estimated with matplotlib's font at the SVG's 14 px) no header runs into the next."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    from helpers.playground.static import static_figure
    from helpers.widgets.playground_widget.painter import NETWORK_WIDTH

    frame = P.PlaygroundModel(hidden=hidden, features=features).frame()
    labels = [P.FEATURES[f][0] for f in features]
    layout = P.NetworkLayout(frame.sizes, labels, NETWORK_WIDTH)
    names = layout.column_names()
    assert names[1:-1] in (
        [f"layer {l}" for l in range(1, len(hidden) + 1)],
        ["1", "2", "3", "4", "5", "6"][: len(hidden)],
    )
    assert names[1] == "layer 1" or len(hidden) >= 4  # the bare numbers only where crowded
    font = FontProperties(family="sans-serif", size=14)
    half = [TextPath((0, 0), name, prop=font).get_extents().width / 2 for name in names]
    centres = [x + layout.tile / 2 for x in layout.x]
    assert all(
        c1 - c0 > h0 + h1 + 2
        for c0, c1, h0, h1 in zip(centres, centres[1:], half, half[1:], strict=False)
    )
    figure = static_figure(frame, layout)
    figure.canvas.draw()
    headers = figure.axes[1].texts[: len(names)]  # the columns' names, then the inputs'
    assert all(re.fullmatch(r"in(puts)?|(layer )?\d|out(put)?", t.get_text()) for t in headers)
    boxes = [t.get_window_extent() for t in headers]
    assert all(a.x1 + 2 < b.x0 for a, b in zip(boxes, boxes[1:], strict=False))
