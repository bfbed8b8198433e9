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
from matplotlib.colors import LinearSegmentedColormap, ListedColormap
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


def grid_for(X, resolution=100, margin=0.5):
    """A (resolution²)×2 grid of points covering the data X (n, 2), plus the meshes xx, yy."""
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    xx, yy = np.meshgrid(
        np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    )
    return np.column_stack([xx.ravel(), yy.ravel()]), xx, yy


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


def plot_decision_surface(ax, predict_proba, X, y=None, resolution=100, title=None):
    """Draw a model's output over the plane of X as a heatmap, with the points on top.

    ``predict_proba(points)`` returns, for points of shape (m, 2), either one probability of
    class 1 per point (shape (m,) or (m, 1)) or one row of class probabilities (m, k).
    """
    points, xx, yy = grid_for(X, resolution)
    out = np.asarray(predict_proba(points))
    if out.ndim == 2 and out.shape[1] > 1:  # several classes: colour by the winning class
        k = out.shape[1]
        cmap = ListedColormap(CLASS_COLORS[:k])
        ax.contourf(
            xx,
            yy,
            out.argmax(axis=1).reshape(xx.shape),
            levels=np.arange(k + 1) - 0.5,
            cmap=cmap,
            alpha=0.35,
        )
    else:
        ax.contourf(
            xx, yy, out.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap=BLUE_ORANGE, alpha=0.8
        )
    if y is not None:
        plot_points(ax, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


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
