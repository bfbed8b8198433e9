"""The playground as one static picture (no live kernel: GitHub, nbval, a printout).

Same layout as the live widget, in the TensorFlow Playground's order: the data and the
features on the left, the network in the middle, the output with the data on the right and the
loss curve under it, with the "why did it fail" line.

A PNG drawn with matplotlib, not the live widget's SVG: JupyterLab and Notebook 7 show an
``image/svg+xml`` output only in a trusted notebook (their SVG renderer is not "safe"), so a
notebook just opened would show no picture, and GitHub inlines and sanitises SVG outputs (the
live SVG's click handlers and embedded PNGs are what sanitisers strip). What the two share is
one source each: the geometry, the columns' names and the links' colours and widths
(``NetworkLayout``: ``ends``, ``column_names``, ``link_styles``), every neuron's map
(``NetworkLayout.sprite``), the output's colours (``output_rgb``) and the points'
(``point_colours``); ``tests/test_playground.py`` ties them.
"""

import io
import textwrap

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from ..plotting import COLORS
from .pictures import output_rgb, point_colours
from .settings import FEATURES, LIMIT

FONT = 13  # points: every text at least this size, readable from the back of a hall
FIGURE_DPI = 110  # sharp on a projector, as the course's figures


def _data_panel(ax, frame):
    """The left column: the data's settings and every feature, ticked if it is an input."""
    s = frame.settings
    ax.axis("off")
    kind = "regression" if s.regression else f"{s.n_classes} classes"
    lines = [
        ("DATA", "bold"),
        (f"{s.dataset} ({kind})", "normal"),
        (f"noise {s.noise} %", "normal"),
        (f"training share {s.train_ratio} %", "normal"),
        (f"batch size {s.batch_size}", "normal"),
        ("", "normal"),
        ("FEATURES", "bold"),
    ]
    lines += [
        (f"{'☑' if f in s.features else '☐'} {label}", "normal")
        for f, (label, _) in FEATURES.items()
    ]
    for i, (text, weight) in enumerate(lines):
        ax.text(
            0,
            1 - i / len(lines),
            text,
            fontsize=FONT,
            fontweight=weight,
            va="top",
            transform=ax.transAxes,
        )


def _network_panel(ax, frame, layout):
    ax.set_xlim(0, layout.width)
    ax.set_ylim(layout.height, 0)
    ax.axis("off")
    t = layout.tile
    segments = [[(xa, ya), (xb, yb)] for _, xa, ya, xb, yb in layout.ends]
    colours, widths = zip(*layout.link_styles(frame.weights), strict=True)
    points_per_pixel = ax.get_position().width * ax.figure.get_figwidth() * 72 / layout.width
    widths = [w * points_per_pixel for w in widths]  # the SVG's widths at this panel's scale
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths))
    h, w = layout.sheet_shape  # every neuron's map in one picture, as in the live widget
    x0, y0 = layout.left, layout.top
    ax.imshow(
        layout.sprite(frame.neurons),
        extent=(x0, x0 + w * layout.scale, y0 + h * layout.scale, y0),
        interpolation="bilinear",
        zorder=1,
    )
    ax.collections[0].set_zorder(2)  # the links over the white between the tiles
    for l, n in enumerate(layout.sizes):
        for j in range(n):
            ax.add_patch(_frame_rect(layout.x[l], layout.y[l][j], t))
    for l, name in enumerate(layout.column_names(short_ends=True)):
        ax.text(layout.x[l] + t / 2, 14, name, ha="center", fontsize=FONT)
    for y, label in zip(layout.y[0], layout.labels, strict=True):
        ax.text(layout.x[0] - 5, y + t / 2, label, ha="right", va="center", fontsize=FONT)


def _frame_rect(x, y, t):
    return Rectangle((x, y), t, t, fill=False, edgecolor="#888", lw=0.8, zorder=4)


def _output_panel(ax, frame):
    s = frame.settings
    ax.imshow(
        output_rgb(frame.output, s.regression, s.discretize),
        extent=(-LIMIT, LIMIT, -LIMIT, LIMIT),
        interpolation="bilinear",
    )
    splits = [(frame.X_train, frame.y_train, "white")]
    if s.show_test:
        splits.append((frame.X_test, frame.y_test, "black"))
    for X, y, edge in splits:
        ax.scatter(
            X[:, 0], X[:, 1], c=point_colours(y, s.regression), s=16, edgecolor=edge, linewidth=0.6
        )
    ax.set_xlim(-LIMIT, LIMIT)
    ax.set_ylim(-LIMIT, LIMIT)
    ax.set_xticks([-6, 0, 6])
    ax.set_yticks([-6, 0, 6])
    ax.tick_params(labelsize=FONT)
    ax.grid(False)
    train, test = frame.history["train"][-1], frame.history["test"][-1]
    ax.set_title(
        f"OUTPUT  test loss {test:.3f}\ntraining loss {train:.3f}", fontsize=FONT, loc="left"
    )


def _loss_panel(ax, frame):
    h = frame.history
    ax.plot(h["epoch"], h["train"], color=COLORS["blue"], lw=2, label="training")
    ax.plot(h["epoch"], h["test"], color=COLORS["vermillion"], lw=2, ls="--", label="test")
    ax.set_xlim(0, max(10, h["epoch"][-1]))
    ax.set_ylim(0, None)
    ax.set_xlabel("epoch", fontsize=FONT, labelpad=1)
    ax.tick_params(labelsize=FONT)
    ax.legend(
        fontsize=FONT,
        loc="lower left",
        bbox_to_anchor=(0, 1),
        ncols=2,
        frameon=False,
        borderaxespad=0.1,
        handlelength=1.5,
    )


def _top_bar(fig, frame):
    s = frame.settings
    reg = f"{s.regularization} {s.regularization_rate:g}" if s.regularization else "none"
    fig.text(0.01, 0.975, f"Epoch {frame.epoch}", fontsize=FONT + 3, fontweight="bold", va="top")
    fig.text(
        0.16,
        0.968,
        f"learning rate {s.learning_rate:g}   activation {s.activation}   "
        f"regularisation {reg}   hidden layers {s.hidden or 'none'}",
        fontsize=FONT,
        va="top",
    )


def static_figure(frame, layout):
    """A matplotlib ``Figure`` of the playground's state ``frame`` (network drawn by
    ``layout``, a ``NetworkLayout``)."""
    fig = Figure(figsize=(11.2, 5.4), dpi=FIGURE_DPI)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(
        2,
        3,
        width_ratios=[0.85, 2.3, 1.4],
        height_ratios=[2.2, 1],
        left=0.01,
        right=0.985,
        top=0.84,
        bottom=0.2,
        wspace=0.1,
        hspace=0.45,
    )
    _top_bar(fig, frame)
    _data_panel(fig.add_subplot(grid[:, 0]), frame)
    _network_panel(fig.add_subplot(grid[:, 1]), frame, layout)
    _output_panel(fig.add_subplot(grid[0, 2]), frame)
    _loss_panel(fig.add_subplot(grid[1, 2]), frame)
    advice = frame.advice.text or "No sign of trouble in the losses so far."
    fig.text(
        0.01,
        0.02,
        "\n".join(textwrap.wrap(advice, 120)),
        ha="left",
        va="bottom",
        fontsize=FONT,
        color=COLORS["vermillion"] if frame.advice.text else "0.3",
    )
    return fig


def static_png(frame, layout):
    """``static_figure`` as PNG bytes, in 256 colours (a third of the size, same look). Drawn
    with matplotlib's default settings, whatever style the notebook has set."""
    with mpl.rc_context():
        mpl.rcdefaults()
        fig = static_figure(frame, layout)
        fig.canvas.draw()
        rgb = Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[..., :3])
    buffer = io.BytesIO()
    rgb.quantize(256, method=Image.Quantize.MEDIANCUT).save(buffer, format="png", optimize=True)
    return buffer.getvalue()
