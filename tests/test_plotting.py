"""helpers.plotting: the course style, the shared plots and the digit grid."""

import matplotlib

matplotlib.use("Agg")  # no window: the tests only inspect the figures

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402

from helpers import plotting  # noqa: E402


@pytest.fixture(autouse=True)
def clean_style():
    """Each test starts from matplotlib's defaults and closes its figures."""
    with matplotlib.rc_context():
        yield
    plt.close("all")


def test_colours_are_the_okabe_ito_palette():
    assert plotting.COLORS["blue"] == "#0072B2" and plotting.COLORS["orange"] == "#E69F00"
    assert len(set(plotting.CLASS_COLORS)) == len(plotting.CLASS_COLORS) == 6
    assert plotting.CLASS_COLORS[:2] == [plotting.COLORS["blue"], plotting.COLORS["orange"]]


def test_use_course_style_sets_big_fonts_and_the_palette():
    plotting.use_course_style()
    assert matplotlib.rcParams["font.size"] >= 14
    assert matplotlib.rcParams["axes.titlesize"] >= 16
    cycle = [to_hex(c["color"]).upper() for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle == [c.upper() for c in plotting.CLASS_COLORS]


def test_blue_orange_goes_from_class_0_to_class_1_through_white():
    cmap = plotting.BLUE_ORANGE
    np.testing.assert_allclose(cmap(0.0)[:3], to_rgb(plotting.COLORS["blue"]), atol=0.01)
    np.testing.assert_allclose(cmap(0.5)[:3], (1, 1, 1), atol=0.01)
    np.testing.assert_allclose(cmap(1.0)[:3], to_rgb(plotting.COLORS["orange"]), atol=0.01)


def test_plot_points_draws_one_labelled_scatter_per_class():
    fig, ax = plt.subplots()
    X = np.array([[0, 0], [1, 1], [2, 2], [3, 3]], dtype=float)
    plotting.plot_points(ax, X, np.array([0, 1, 1, 2]))
    assert len(ax.collections) == 3
    labels = [c.get_label() for c in ax.collections]
    assert labels == ["class 0", "class 1", "class 2"]
    colours = [to_hex(c.get_facecolor()[0]).upper() for c in ax.collections]
    assert colours == [c.upper() for c in plotting.CLASS_COLORS[:3]]
    assert [len(c.get_offsets()) for c in ax.collections] == [1, 2, 1]


def test_show_digits_draws_a_grid_with_titles():
    images = np.random.default_rng(0).uniform(0, 1, (13, 64))
    fig = plotting.show_digits(images, labels=list(range(13)), predictions=[1] * 13, n_cols=5)
    axes = fig.axes
    assert len(axes) == 15  # 3 rows of 5
    assert sum(1 for ax in axes if ax.images) == 13
    assert axes[2].get_title() == "2→1"
    assert not axes[14].images


def test_show_digits_accepts_8x8_images_and_a_title():
    fig = plotting.show_digits(np.zeros((3, 8, 8)), title="three blanks")
    assert fig._suptitle.get_text() == "three blanks"
    assert all(ax.get_title() == "" for ax in fig.axes)


def test_show_sends_an_html_image_with_alt_text(monkeypatch):
    """``show`` displays the figure as <img alt=...> holding the PNG, and closes it."""
    import base64
    import re

    from helpers import plotting

    shown = []
    monkeypatch.setattr(plotting, "display", lambda obj, raw: shown.append(obj))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    plotting.show(fig, 'A rising line, "quoted"')
    (bundle,) = shown
    html = bundle["text/html"]
    assert 'alt="A rising line, &quot;quoted&quot;"' in html
    png = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1))
    assert png.startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("<Figure size")
    assert not plt.fignum_exists(fig.number)


@pytest.mark.parametrize("alt", [None, "", "   ", 3])
def test_show_needs_alt_text(alt):
    from helpers.plotting import show

    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="alt"):
        show(fig, alt)
    plt.close(fig)


def test_plot_neuron_passes_shows_the_numbers_it_is_given():
    fig = plotting.plot_neuron_passes(
        x=2, w=0.5, b=1.1, z=2.1, a=0.8909, L=0.3969, dL_da=0.8909, delta=0.0866,
        dL_dw=0.1732, dL_db=0.0866,
    )  # fmt: skip
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for shown in ("x=2, w=0.5, b=1.1", "z = 2.10", "a = 0.8909", "L = 0.3969", "= 0.0866"):
        assert shown in texts, shown
    assert "∂L/∂w = δ·x = 0.173" in texts
    plt.close(fig)


def test_plot_network_passes_draws_every_link_as_thick_as_its_gradient():
    gradients = [np.array([[0.1, 0.2, 0.4], [0.0, 0.3, 0.1]]), np.array([[1.0, -1.0]] * 3)]
    fig = plotting.plot_network_passes(
        [np.ones(2), np.ones(3), np.ones(2)], [None, np.zeros(3), np.zeros(2)], gradients,
        targets=[0, 1], names=["in", "hidden", "out"],
    )  # fmt: skip
    ax = fig.axes[0]
    widths = [line.get_linewidth() for line in ax.lines]
    assert len(widths) == 6 + 6
    assert widths[0] == pytest.approx(0.5 + 7 * 0.1) and max(widths) == pytest.approx(7.5)
    texts = [t.get_text() for t in ax.texts]
    assert "y = 0" in texts and "y = 1" in texts and texts.count("δ=+0.000") == 5
    plt.close(fig)


def test_plot_graph_draws_every_node_edge_and_note():
    nodes = {"a": (0.6, 3.0, "a = 2"), "b": (0.6, 0.8, "b = 1"), "c": (3.4, 1.9, "c = a·b")}
    edges = [("a", "c", "2", "∂c/∂a = b"), ("b", "c", "1", "∂c/∂b = a")]
    notes = {"a": "∂L/∂a = ?", "b": "∂L/∂b = ?", "c": "∂L/∂c = 1"}
    fig = plotting.plot_graph(nodes, edges, notes, "a graph")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    for shown in ("a = 2", "c = a·b", "∂c/∂b = a", "∂L/∂c = 1", "∂L/∂a = ?"):
        assert shown in texts, shown
    assert len([t for t in texts if t == ""]) == len(edges)  # one arrow per edge
    assert ax.get_title() == "a graph"
    plt.close(fig)
