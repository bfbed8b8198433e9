"""The course's figure style and the plots several notebooks share.

Colours are the Okabe–Ito palette, which stays distinguishable with every common kind of colour
blindness; fonts are large enough to read from the back of a lecture hall.
"""

import base64
import io
from html import escape

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure
from IPython.display import display
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Ellipse
from PIL import Image

#: Okabe–Ito colours, in the order the course uses them.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: One colour per class: class 0 blue, class 1 orange, ...
CLASS_COLORS = [COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
#: Class 0 → blue, through white, → class 1 orange (for two-class decision surfaces).
BLUE_ORANGE = LinearSegmentedColormap.from_list(
    "blue_orange", [COLORS["blue"], "#FFFFFF", COLORS["orange"]]
)


def use_course_style():
    """Set matplotlib's defaults for the course: big fonts, Okabe–Ito colours, modest size."""
    mpl.rcParams.update(
        {
            "figure.figsize": (7, 4.5),
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "font.size": 14,
            "axes.titlesize": 16,
            "axes.labelsize": 15,
            "xtick.labelsize": 13,
            "ytick.labelsize": 13,
            "legend.fontsize": 13,
            "lines.linewidth": 2.5,
            "lines.markersize": 8,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS),
            "figure.constrained_layout.use": True,
        }
    )


def show(fig, alt):
    """Show ``fig`` in the notebook with ``alt`` as its alternative text, then close it.

    Use it instead of ``plt.show()`` at the end of a plotting cell. The figure goes out as an
    HTML ``<img alt="...">`` holding the PNG (JupyterLab, Notebook 7, Colab, nbconvert and the
    course's website all keep an HTML image's alt; JupyterLab drops the alt of a plain PNG
    output), so a reader who cannot see the figure is told what it shows.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a sentence saying what the figure shows, got " + repr(alt))
    png, width, height = sharp_png(fig)
    source = base64.b64encode(png).decode("ascii")
    html = (
        f'<img src="data:image/png;base64,{source}" alt="{escape(alt.strip())}" '
        f'width="{width}" height="{height}" style="max-width: 100%; height: auto"/>'
    )
    display({"text/html": html, "text/plain": repr(fig)}, raw=True)
    plt.close(fig)


#: Figures are stored with this many pixels per displayed pixel (per direction), so they stay
#: sharp on high-density screens (phones, most laptops).
PIXEL_DENSITY = 2


def sharp_png(fig):
    """``fig`` as a PNG with PIXEL_DENSITY× the pixels of its displayed size, and that size.

    Returns ``(png_bytes, width, height)``, the size in CSS pixels (at ``fig.dpi``). The image
    is reduced to a 256-colour palette: a figure's flat colours survive it, and the PNG is
    then no bigger than a plain one at the displayed size (the notebooks stay small).
    """
    png = print_figure(fig, fmt="png", bbox_inches="tight", dpi=fig.dpi * PIXEL_DENSITY)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), image.width // PIXEL_DENSITY, image.height // PIXEL_DENSITY


def plot_points(ax, X, y, marker="o", edgecolor="white", label_prefix="class", size=40):
    """Scatter 2-D points X coloured by their integer class y, one legend entry per class."""
    for k in np.unique(y):
        ax.scatter(
            X[y == k, 0],
            X[y == k, 1],
            s=size,
            color=CLASS_COLORS[int(k) % len(CLASS_COLORS)],
            marker=marker,
            edgecolor=edgecolor,
            linewidth=0.8,
            label=f"{label_prefix} {k}",
            zorder=3,
        )


def show_digits(images, labels=None, predictions=None, n_cols=10, ax_size=1.0, title=None):
    """Show 8×8 digit images in a grid, with their labels (and predictions) as titles.

    ``images`` has shape (n, 64) or (n, 8, 8). Returns the figure.
    """
    images = np.asarray(images).reshape(-1, 8, 8)
    n = len(images)
    n_cols = min(n_cols, n)
    n_rows = int(np.ceil(n / n_cols))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(n_cols * ax_size, n_rows * ax_size * 1.25), squeeze=False
    )
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=images.max() or 1)
        text = "" if labels is None else f"{labels[i]}"
        if predictions is not None:
            text += f"→{predictions[i]}"
        ax.set_title(text, fontsize=14)
    if title:
        fig.suptitle(title)
    return fig


def plot_neuron_passes(x, w, b, z, a, L, dL_da, delta, dL_dw, dL_db):
    """Notebook 07, step 1: one sigmoid neuron as four boxes (x, w, b → z → a → L), the values
    of the forward pass above them (blue, left to right) and the derivatives of the backward
    pass below (vermillion, right to left): ∂L/∂a, δ = ∂L/∂z, then ∂L/∂w = δ x and ∂L/∂b = δ.
    Every number is passed in, as the notebook computed it. Returns the figure."""
    fig, ax = plt.subplots(figsize=(10, 3.8))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 3.6)
    ax.axis("off")
    nodes = [
        (0.9, "$x$, $w$, $b$", f"x={x:g}, w={w:g}, b={b:g}"),
        (3.7, "$z = wx + b$", f"z = {z:.2f}"),
        (6.2, r"$a = \sigma(z)$", f"a = {a:.4f}"),
        (8.9, r"$L = \frac{1}{2}(a-y)^2$", f"L = {L:.4f}"),
    ]
    box = {"boxstyle": "round", "fc": "white", "ec": COLORS["black"]}
    for xc, label, value in nodes:
        ax.text(xc, 2.0, label, ha="center", va="center", fontsize=15, bbox=box)
        ax.text(xc, 2.75, value, ha="center", fontsize=13, color=COLORS["blue"])
    backward = [
        f"∂L/∂w = δ·x = {dL_dw:.3f}\n∂L/∂b = δ = {dL_db:.3f}",
        f"δ = ∂L/∂z\n= {delta:.4f}",
        f"∂L/∂a = a − y\n= {dL_da:.4f}",
    ]
    for (x0, *_), (x1, *_), text in zip(nodes[:-1], nodes[1:], backward, strict=True):
        forward = {"arrowstyle": "->", "color": COLORS["blue"], "lw": 2}
        ax.annotate("", (x1 - 0.95, 2.0), (x0 + 0.95, 2.0), arrowprops=forward)
        back = {"arrowstyle": "->", "color": COLORS["vermillion"], "lw": 2}
        ax.annotate("", (x0 + 0.6, 1.25), (x1 - 0.6, 1.25), arrowprops=back)
        ax.text(
            (x0 + x1) / 2, 0.95, text, ha="center", va="top", fontsize=13,
            color=COLORS["vermillion"],
        )  # fmt: skip
    ax.text(0.05, 3.35, "forward: values", color=COLORS["blue"], fontsize=14)
    ax.text(0.05, 0.0, "backward: derivatives", color=COLORS["vermillion"], fontsize=14)
    ax.set_title("One sigmoid neuron: forward pass and backward pass")
    return fig


def plot_network_passes(activations, deltas, gradients, targets, names):
    """Notebook 07: both passes on a small network for one sample. Neurons are circles in one
    column per layer, showing their activation a (blue) and, where given, their error δ
    (vermillion); a link's thickness is the size of its weight's gradient |∂L/∂w|.

    ``activations`` = [a⁰, a¹, ...] and ``deltas`` = [None, δ¹, ...] (1-D, one per layer),
    ``gradients`` = [∂L/∂W¹, ...], ``targets`` the output layer's y, ``names`` one label per
    layer. Returns the figure."""
    ys = [np.linspace(1, -1, len(layer)) * 1.1 for layer in activations]
    fig, ax = plt.subplots(figsize=(9, 5.5))
    biggest = max(np.abs(g).max() for g in gradients)
    for l, g in enumerate(gradients):
        for k in range(g.shape[0]):
            for j in range(g.shape[1]):
                width = 0.5 + 7 * abs(g[k, j]) / biggest
                ax.plot(
                    [l, l + 1], [ys[l][k], ys[l + 1][j]], color=COLORS["sky"], lw=width, zorder=1
                )
    text = {"ha": "center", "fontsize": 13, "zorder": 3}
    for l, (acts, errors) in enumerate(zip(activations, deltas, strict=True)):
        for i, y0 in enumerate(ys[l]):
            ax.add_patch(Ellipse((l, y0), 0.56, 0.62, fc="white", ec=COLORS["black"], zorder=2))
            ax.text(l, y0 + 0.04, f"a={acts[i]:.2f}", va="bottom", color=COLORS["blue"], **text)
            if errors is not None:
                ax.text(
                    l, y0 - 0.04, f"δ={errors[i]:+.3f}", va="top", color=COLORS["vermillion"],
                    **text,
                )  # fmt: skip
        ax.text(l, -1.75, names[l], ha="center", fontsize=14)
    for j, target in enumerate(targets):
        ax.text(len(activations) - 1 + 0.32, ys[-1][j], f"y = {target:g}", va="center", fontsize=14)
    ax.set_xlim(-0.4, len(activations) - 1 + 0.7)
    ax.set_ylim(-1.95, 1.5)
    ax.axis("off")
    ax.set_title("Forward: activations a (blue). Backward: errors δ (vermillion)")
    return fig


def plot_graph(nodes, edges, node_notes, title):
    """Notebook 07, step 6: a small graph of operations. ``nodes`` maps a name to (x, y, label):
    a box; ``edges`` lists (from, to, value, local derivative): an arrow carrying the forward
    value (blue) and the local derivative (vermillion); ``node_notes`` maps a name to the text
    under its box (vermillion, e.g. "∂L/∂a = ?"). Returns the figure."""
    fig, ax = plt.subplots(figsize=(11, 4.6))
    ax.set(xlim=(-0.2, 10.2), ylim=(-0.2, 4.0))
    ax.axis("off")
    for start, end, value, local in edges:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        ax.annotate(
            "",
            (x1 - 0.75, y1 + 0.25 * (y0 - y1) / 2.2),
            (x0 + 0.75, y0),
            zorder=1,
            arrowprops={"arrowstyle": "->", "color": COLORS["blue"], "lw": 2},
        )
        for share, text, colour in ((0.3, value, "blue"), (0.62, local, "vermillion")):
            ax.text(
                x0 + share * (x1 - x0), y0 + share * (y1 - y0), text, ha="center",
                va="center", fontsize=13, color=COLORS[colour],
                bbox={"fc": "white", "ec": "none", "pad": 1},
            )  # fmt: skip
    box = {"boxstyle": "round", "fc": "white", "ec": COLORS["black"]}
    for name, (x0, y0, label) in nodes.items():
        ax.text(x0, y0, label, ha="center", va="center", fontsize=15, zorder=2, bbox=box)
        ax.text(
            x0, y0 - 0.55, node_notes[name], ha="center", fontsize=13, color=COLORS["vermillion"]
        )
    ax.set_title(title)
    return fig
