"""State → picture: the playground's panels as SVG text for ``HTML`` widgets.

* ``NetworkLayout(sizes, labels).svg(frame, ...)``: every neuron as its own heatmap over the
  plane (inputs: the features), links coloured by the weight's sign (orange +, blue −) and as
  thick as its size; hovering a neuron shows it 2.6× larger; clicking a link or a neuron
  reports it to the kernel (see ``PICK_SCRIPT``).
* ``output_svg(frame, ...)``: the output over [−6, 6]² with the data points on top.
* ``loss_svg(history)``: training and test loss against the epoch.

Geometry depends only on the network's sizes, so a ``NetworkLayout`` is made once per network
and each frame only fills in pictures, colours and widths.
"""

import html

import numpy as np

from ..plotting import COLORS
from .pictures import data_uri, diverging_rgb, output_rgb, point_colours
from .settings import LIMIT

#: Clicking an element with ``data-pick`` writes "its pick + a time stamp" into the playground's
#: hidden Text widget (class ``pg-bridge``) as if typed: a standard ipywidgets ``Text`` then
#: tells the kernel. Plain DOM events, no frontend extension: works in ipywidgets 7.7 and 8.
PICK_SCRIPT = (
    "var t=event.target.closest('[data-pick]');if(!t)return;"
    "var i=this.closest('.course-playground').querySelector('.pg-bridge input');if(!i)return;"
    "i.value=t.getAttribute('data-pick')+' '+Date.now();"
    "i.dispatchEvent(new Event('input',{bubbles:true}));"
    "i.dispatchEvent(new Event('change',{bubbles:true}));"
)
FONT = "font-family='sans-serif' font-size='14'"


class NetworkLayout:
    """Where each neuron of a network of ``sizes`` sits; ``labels`` name the inputs.

    Tiles are as large as the width allows (32–56 px), so the default network's neurons
    read from the back of a hall; ``uid`` makes the SVG's ids unique on the page.
    """

    def __init__(self, sizes, labels, width=430, uid="pg"):
        self.sizes, self.labels, self.uid = list(sizes), list(labels), uid
        n_cols, most = len(sizes), max(sizes)
        self.left = 12 + 9 * max(len(t) for t in labels)
        fit_x = (width - self.left - 10) / n_cols - 20
        self.tile = t = int(np.clip(min(fit_x, 380 / most - 12), 32, 56))
        pitch = min((width - self.left - 10 - t) / max(n_cols - 1, 1), 3.4 * t)
        self.top, self.pitch_y = 30, t + 12
        self.width = int(self.left + t + pitch * (n_cols - 1) + 10)
        self.height = int(self.top + most * self.pitch_y + 4)
        self.x = [self.left + l * pitch for l in range(n_cols)]  # left edge of each column
        self.y = [  # top edge of each neuron, columns centred vertically
            [self.top + (most - n) * self.pitch_y / 2 + j * self.pitch_y for j in range(n)]
            for n in sizes
        ]
        self._static = self._headers() + self._zoom_style()
        self._prefixes = self._link_prefixes()

    def _headers(self):
        n = len(self.sizes)
        names = ["inputs"] + [f"{'layer ' if self.tile >= 44 else 'L'}{l}" for l in range(1, n - 1)]
        names.append("output")
        t = self.tile
        out = [
            f"<text x='{self.x[l] + t / 2:.1f}' y='18' text-anchor='middle'>{name}</text>"
            for l, name in enumerate(names)
        ]
        out += [
            f"<text x='{self.x[0] - 6:.1f}' y='{y + t / 2 + 5:.1f}' text-anchor='end'>"
            f"{html.escape(label)}</text>"
            for y, label in zip(self.y[0], self.labels, strict=True)
        ]
        return "".join(out)

    def _zoom_style(self):
        rules = [
            f"#{self.uid} .n{l}-{j}:hover~.z{l}-{j}{{display:inline}}"
            for l, n in enumerate(self.sizes)
            for j in range(n)
        ]
        return (
            f"<style>#{self.uid} .pg-z{{display:none;pointer-events:none}}"
            f"#{self.uid} [data-pick]{{cursor:pointer}}"
            f"#{self.uid} line[data-pick]:hover{{stroke-opacity:0.6}}" + "".join(rules) + "</style>"
        )

    def centre(self, l, j):
        return self.x[l] + self.tile / 2, self.y[l][j] + self.tile / 2

    def _link_prefixes(self):
        """Per weight (layer l, k, j): the part of its ``<line>`` that never changes."""
        t, out = self.tile, []
        for l in range(1, len(self.sizes)):
            for k in range(self.sizes[l - 1]):
                xa, ya = self.x[l - 1] + t, self.y[l - 1][k] + t / 2
                for j in range(self.sizes[l]):
                    xb, yb = self.x[l], self.y[l][j] + t / 2
                    out.append(
                        (
                            (l, k, j),
                            f"<line x1='{xa:.0f}' y1='{ya:.0f}' x2='{xb:.0f}' "
                            f"y2='{yb:.0f}' data-pick='w {l} {k} {j}' ",
                        )
                    )
        return out

    def links(self, weights, selected=None):
        """One ``<line>`` per weight, its colour the sign and its width the size (the selected
        link, (layer, k, j), in black), with the value as its tooltip."""
        w = np.concatenate([W.ravel() for W in weights])
        widths = np.clip(np.abs(np.nan_to_num(w)) * 1.6, 0.6, 7.0)
        orange, blue = COLORS["orange"], COLORS["blue"]
        out = []
        for (key, prefix), v, width in zip(
            self._prefixes, w.tolist(), widths.tolist(), strict=True
        ):
            colour = orange if v > 0 else blue
            if key == selected:
                colour, width = COLORS["black"], max(width, 3.0)
            out.append(
                f"{prefix}stroke='{colour}' stroke-width='{width:.1f}'><title>w = {v:.3f}"
                "</title></line>"
            )
        return "".join(out)

    def sprite(self, maps):
        """All neurons' maps in one picture: layer l in column l, neuron j in row j, each
        r × r map with a 1-pixel border of its own edge colours (no bleeding when scaled)."""
        r = maps[0].shape[0]
        cell = r + 2
        sheet = np.full((max(self.sizes) * cell, len(self.sizes) * cell, 3), 255, np.uint8)
        for l, layer in enumerate(maps):
            rgb = diverging_rgb(np.moveaxis(layer, -1, 0))  # (n, r, r, 3)
            rgb = np.pad(rgb, ((0, 0), (1, 1), (1, 1), (0, 0)), mode="edge")
            sheet[: rgb.shape[0] * cell, l * cell : (l + 1) * cell] = rgb.reshape(-1, cell, 3)
        return sheet, r

    def neurons(self, maps, pinned=None):
        """Each neuron as a window onto the sprite, then (hidden until hovered) its zoomed
        copy, drawn last so that it lies on top."""
        sheet, r = self.sprite(maps)
        uid, t = self.uid, self.tile
        out = [
            f"<defs><image id='{uid}-s' width='{sheet.shape[1]}' height='{sheet.shape[0]}' "
            f"href='{data_uri(sheet)}'/></defs>"
        ]
        zooms = []
        for l, n in enumerate(self.sizes):
            for j in range(n):
                x, y = self.x[l], self.y[l][j]
                cx, cy = x + t / 2, y + t / 2
                on = pinned == (l, j)
                out.append(
                    f"<svg id='{uid}-{l}-{j}' class='n{l}-{j}' x='{x:.0f}' y='{y:.0f}' "
                    f"width='{t}' height='{t}' viewBox='{l * (r + 2) + 1} {j * (r + 2) + 1} {r} "
                    f"{r}' preserveAspectRatio='none' data-pick='n {l} {j}'>"
                    f"<use href='#{uid}-s'/></svg><rect x='{x:.0f}' y='{y:.0f}' width='{t}' "
                    f"height='{t}' fill='none' stroke='{'#000' if on else '#888'}' "
                    f"stroke-width='{2.5 if on else 1}' pointer-events='none'/>"
                )
                zooms.append(
                    f"<use href='#{uid}-{l}-{j}' class='pg-z z{l}-{j}' transform='translate("
                    f"{cx:.0f} {cy:.0f}) scale(2.6) translate({-cx:.0f} {-cy:.0f})'/>"
                )
        return "".join(out) + "".join(zooms)

    def svg(self, frame, selected=None, pinned=None):
        """The whole network picture for a ``Frame``."""
        return (
            f"<svg id='{self.uid}' class='pg-network' xmlns='http://www.w3.org/2000/svg' "
            f"width='{self.width}' height='{self.height}' viewBox='0 0 {self.width} "
            f'{self.height}\' {FONT} onclick="{PICK_SCRIPT}">{self._static}'
            f"<g fill='none'>{self.links(frame.weights, selected)}</g>"
            f"<g>{self.neurons(frame.neurons, pinned)}</g></svg>"
        )


def points_svg(X, y, size, regression, edge):
    """The points (x₁, x₂) as circles on a ``size``-pixel square showing [−6, 6]²."""
    px = (np.asarray(X) + LIMIT) / (2 * LIMIT) * size
    colours = point_colours(y, regression)
    return "".join(
        f"<circle cx='{a:.1f}' cy='{size - b:.1f}' r='3.6' fill='{c}' stroke='{edge}' "
        "stroke-width='1.1'/>"
        for (a, b), c in zip(px, colours, strict=True)
    )


def output_svg(frame, size=300, pinned_map=None, points=None):
    """The output over the plane (or a pinned neuron's map) with the data points on top.

    ``points``: the circles' SVG (from ``points_svg``), passed in so that a caller can keep
    it between frames; by default the training points, and the test points if shown."""
    s = frame.settings
    if pinned_map is not None:
        rgb = diverging_rgb(pinned_map)
    else:
        rgb = output_rgb(frame.output, s.regression, s.discretize)
    if points is None:
        points = points_svg(frame.X_train, frame.y_train, size, s.regression, "white")
        if s.show_test:
            points += points_svg(frame.X_test, frame.y_test, size, s.regression, "black")
    ticks = "".join(
        f"<text x='{x}' y='{size + 16}' text-anchor='{a}'>{v}</text>"
        for x, v, a in ((0, "−6", "start"), (size / 2, "0", "middle"), (size, "6", "end"))
    )
    return (
        f"<svg class='pg-output' xmlns='http://www.w3.org/2000/svg' width='{size}' "
        f"height='{size + 20}' viewBox='0 0 {size} {size + 20}' {FONT}>"
        f"<image x='0' y='0' width='{size}' height='{size}' preserveAspectRatio='none' "
        f"href='{data_uri(rgb)}'/>{points}<rect width='{size}' height='{size}' fill='none' "
        f"stroke='#888'/>{ticks}</svg>"
    )


def loss_svg(history, width=300, height=130):
    """Training (solid blue) and test (dashed vermillion) loss against the epoch."""
    e = np.asarray(history["epoch"], dtype=float)
    curves = [np.asarray(history[k], dtype=float) for k in ("train", "test")]
    finite = np.concatenate([c[np.isfinite(c)] for c in curves])
    top = float(finite.max()) * 1.1 if finite.size and finite.max() > 0 else 1.0
    left, bottom, right, upper = 44, 22, 8, 24
    w, h = width - left - right, height - bottom - upper
    x_max = max(float(e[-1]), 10.0)
    keep = np.unique(np.linspace(0, len(e) - 1, min(len(e), 300)).astype(int))

    def polyline(values, colour, dash):
        v = np.clip(np.nan_to_num(values[keep], nan=top, posinf=top), 0, top)
        xy = " ".join(
            f"{left + a / x_max * w:.1f},{upper + h - b / top * h:.1f}"
            for a, b in zip(e[keep], v, strict=True)
        )
        return (
            f"<polyline points='{xy}' fill='none' stroke='{colour}' stroke-width='2.5' "
            f"stroke-dasharray='{dash}'/>"
        )

    axes = (
        f"<line x1='{left}' y1='{upper + h}' x2='{left + w}' y2='{upper + h}' stroke='#444'/>"
        f"<line x1='{left}' y1='{upper}' x2='{left}' y2='{upper + h}' stroke='#444'/>"
        f"<text x='{left - 4}' y='{upper + 5}' text-anchor='end'>{top:.2g}</text>"
        f"<text x='{left - 4}' y='{upper + h}' text-anchor='end'>0</text>"
        f"<text x='{left}' y='{height - 4}'>0</text>"
        f"<text x='{left + w}' y='{height - 4}' text-anchor='end'>{x_max:.0f}</text>"
        f"<text x='{left + w / 2}' y='{height - 4}' text-anchor='middle'>epoch</text>"
        f"<text x='{left + 4}' y='15' fill='{COLORS['blue']}'>— training</text>"
        f"<text x='{left + 110}' y='15' fill='{COLORS['vermillion']}'>- - test loss</text>"
    )
    return (
        f"<svg class='pg-loss' xmlns='http://www.w3.org/2000/svg' width='{width}' "
        f"height='{height}' viewBox='0 0 {width} {height}' {FONT}>{axes}"
        f"{polyline(curves[0], COLORS['blue'], 'none')}"
        f"{polyline(curves[1], COLORS['vermillion'], '6 4')}</svg>"
    )
