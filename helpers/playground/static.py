"""The playground as one static picture (no live kernel: GitHub, nbval, a printout).

Same layout as the live widget, in the TensorFlow Playground's order: the data and the
features on the left, the network in the middle (the same ``NetworkLayout``), the output with
the data on the right and the loss curve under it, with the "why did it fail" line.
"""

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..plotting import COLORS
from .pictures import diverging_rgb, output_rgb, point_colours
from .settings import FEATURES, LIMIT

FONT = 12  # points: every text at least this size, readable from the back of a hall


def _data_panel(ax, frame):
    s = frame.settings
    ax.axis("off")
    kind = "regression" if s.regression else f"{s.n_classes} classes"
    lines = [
        ("DATA", "bold"),
        (f"{s.dataset} ({kind})", "normal"),
        (f"noise {s.noise} %, training {s.train_ratio} %", "normal"),
        (f"batch size {s.batch_size}", "normal"),
        ("", "normal"),
        ("FEATURES", "bold"),
        (", ".join(FEATURES[f][0] for f in s.features), "normal"),
        ("", "normal"),
        ("TRAINING", "bold"),
        (f"η = {s.learning_rate:g}, {s.activation}", "normal"),
        (f"regularisation {s.regularization or 'none'}", "normal"),
        (f"epoch {frame.epoch}", "normal"),
    ]
    for i, (text, weight) in enumerate(lines):
        ax.text(
            0,
            1 - i * 0.083,
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
    segments, colours, widths = [], [], []
    for l, W in enumerate(frame.weights, start=1):
        for k in range(W.shape[0]):
            for j in range(W.shape[1]):
                a = (layout.x[l - 1] + t, layout.y[l - 1][k] + t / 2)
                b = (layout.x[l], layout.y[l][j] + t / 2)
                segments.append([a, b])
                colours.append(COLORS["orange"] if W[k, j] > 0 else COLORS["blue"])
                widths.append(float(np.clip(abs(W[k, j]) * 1.2, 0.4, 5)))
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths))
    for l, maps in enumerate(frame.neurons):
        for j in range(maps.shape[-1]):
            x, y = layout.x[l], layout.y[l][j]
            ax.imshow(
                diverging_rgb(maps[..., j]),
                extent=(x, x + t, y + t, y),
                interpolation="bilinear",
                zorder=3,
            )
            ax.add_patch(_frame_rect(x, y, t))
    names = ["inputs"] + [f"L{l}" for l in range(1, len(layout.sizes) - 1)] + ["output"]
    for l, name in enumerate(names):
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
    ax.set_xlabel("epoch", fontsize=FONT)
    ax.tick_params(labelsize=FONT)
    ax.legend(fontsize=FONT, loc="upper right", ncols=2, frameon=False)


def static_figure(frame, layout):
    """A matplotlib ``Figure`` of the playground's state ``frame`` (network drawn by
    ``layout``, a ``NetworkLayout``)."""
    fig = Figure(figsize=(11.2, 5.0), dpi=80)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(
        2,
        3,
        width_ratios=[1.0, 2.3, 1.45],
        height_ratios=[2.3, 1],
        left=0.01,
        right=0.99,
        top=0.9,
        bottom=0.1,
        wspace=0.12,
        hspace=0.5,
    )
    _data_panel(fig.add_subplot(grid[:, 0]), frame)
    _network_panel(fig.add_subplot(grid[:, 1]), frame, layout)
    _output_panel(fig.add_subplot(grid[0, 2]), frame)
    _loss_panel(fig.add_subplot(grid[1, 2]), frame)
    advice = frame.advice.text or f"Epoch {frame.epoch}: no sign of trouble in the losses."
    fig.text(0.99, 0.01, advice, ha="right", va="bottom", fontsize=FONT, wrap=True)
    return fig


def static_png(frame, layout):
    """``static_figure`` as PNG bytes."""
    buffer = io.BytesIO()
    static_figure(frame, layout).savefig(buffer, format="png")
    return buffer.getvalue()
