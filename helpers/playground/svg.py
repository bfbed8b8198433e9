"""State → picture: the playground's panels as SVG text for ``HTML`` widgets.

* ``NetworkLayout(sizes, labels).svg(frame)``: every neuron as its own heatmap over the
  plane (inputs: the features), links coloured by the weight's sign (orange +, blue −) and as
  thick as its size; ``.overlay(selected, pinned)`` lies over it: names, frames, and what a
  click hits, reported to the kernel (``PICK_SCRIPT``); ``.picture(...)`` is both in one.
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
#: Hovering a neuron types "h l j" (leaving it: "h -"), as the TensorFlow Playground shows a
#: hovered neuron's picture in the output's place.
HOVER_SCRIPT = (
    "var t=event.type==='mouseover'?event.target.closest('[data-pick^=\\'n \\']'):null;"
    "var v=t?'h'+t.getAttribute('data-pick').slice(1):'h -';"
    "if(this.dataset.hover===v)return;this.dataset.hover=v;"
    "var i=this.closest('.course-playground').querySelector('.pg-bridge input');if(!i)return;"
    "i.value=v+' '+Date.now();i.dispatchEvent(new Event('input',{bubbles:true}));"
)
# Dark text on a white panel, so the labels stay legible in a dark theme (as the figures do).
# A layer that lies over another (the network's click overlay) has no panel: it would hide it.
FONT = "font-family='sans-serif' font-size='14' fill='#222'"
PANEL = " style='background-color: #fff'"


class NetworkLayout:
    """Where each neuron of a network of ``sizes`` sits; ``labels`` name the inputs.

    All neurons' maps (``resolution`` pixels a side) go into ONE PNG whose pixel grid lines up
    with the tiles, scaled up by the browser: a frame is one picture, the links over it (they
    run between the columns, never over a tile) and a frame around each tile (which is also
    what a click hits). Tiles are as large
    as ``width`` allows (32–56 px), so the default network reads from the back of a hall;
    ``uid`` makes the SVG's id unique on the page.
    """

    def __init__(self, sizes, labels, width=430, uid="pg", resolution=16):
        self.sizes, self.labels, self.uid = list(sizes), list(labels), uid
        n_cols, most, r = len(sizes), max(sizes), resolution
        self.left = 12 + 9 * max(len(t) for t in labels)
        fit_x = (width - self.left - 10) / n_cols - 20
        self.tile = t = int(np.clip(min(fit_x, 380 / most - 12), 32, 56))
        scale = t / r  # screen pixels per map pixel
        self.gap = 2 * max(1, round(6 / scale))  # map pixels between two tiles (even)
        self.step_x = max(
            r + 2, round(min((width - self.left - 10 - t) / max(n_cols - 1, 1), 3.4 * t) / scale)
        )  # map pixels between columns
        self.top, self.resolution, self.scale = 30, r, scale
        self.sheet_shape = ((most - 1) * (r + self.gap) + r, (n_cols - 1) * self.step_x + r)
        self.width = int(self.left + self.sheet_shape[1] * scale + 10)
        self.height = int(self.top + self.sheet_shape[0] * scale + 4)
        # map-pixel corner of each tile, columns centred vertically; screen corners from them
        self.px = [l * self.step_x for l in range(n_cols)]
        self.py = [
            [(most - n) * (r + self.gap) // 2 + j * (r + self.gap) for j in range(n)] for n in sizes
        ]
        self.x = [self.left + x * scale for x in self.px]
        self.y = [[self.top + y * scale for y in column] for column in self.py]
        self._static = self._headers() + self._style()
        self.ends = self._ends()
        self._segments = [
            f"M{xa:.0f} {ya:.0f}L{xb:.0f} {yb:.0f}" for _, xa, ya, xb, yb in self.ends
        ]

    def column_names(self, short_ends=False):
        """The columns' names over the network: "inputs", "layer 1" (or "L1" when the tiles
        are small), ..., "output" (both pictures write these). ``short_ends``: "in" and "out"
        when the tiles are small (the still, whose letters are larger for its scale)."""
        n, small = len(self.sizes), self.tile < 44
        ends = ("in", "out") if short_ends and small else ("inputs", "output")
        layer = "L" if small else "layer "
        return [ends[0], *(f"{layer}{l}" for l in range(1, n - 1)), ends[1]]

    def _headers(self):
        names = self.column_names()
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

    def _style(self):
        return (
            f"<style>#{self.uid} [data-pick]{{cursor:pointer}}"
            f"#{self.uid} line[data-pick]:hover{{stroke:rgba(0,0,0,0.25)}}"
            f"#{self.uid} rect[data-pick]:hover{{stroke:#000;stroke-width:2.5}}</style>"
        )

    def _ends(self):
        """Per weight (layer l, k, j), in the order of ``weights``: its line's two ends (the
        attribute ``ends``)."""
        t = self.tile
        return [
            (
                (l, k, j),
                self.x[l - 1] + t,
                self.y[l - 1][k] + t / 2,
                self.x[l],
                self.y[l][j] + t / 2,
            )
            for l in range(1, len(self.sizes))
            for k in range(self.sizes[l - 1])
            for j in range(self.sizes[l])
        ]

    def link_styles(self, weights):
        """Per link, in the order of ``ends``: (colour, width). The colour is the sign of the
        weight (orange +, blue −), the width its size (|w| × 1.5 px, from 0.5 to 5 px in steps
        of 0.5). The one rule for both pictures: the live SVG and the still."""
        w = np.nan_to_num(np.concatenate([W.ravel() for W in weights]))
        widths = np.clip(np.round(np.abs(w) * 3) / 2, 0.5, 5.0)
        colour = {True: COLORS["orange"], False: COLORS["blue"]}
        return [(colour[bool(p)], width) for p, width in zip(w > 0, widths.tolist(), strict=True)]

    def links(self, weights):
        """The links in ``link_styles``: links of one colour and width are one ``<path>``: at
        most 20 elements for the browser to draw, whatever the size of the network."""
        groups = {}
        for segment, style in zip(self._segments, self.link_styles(weights), strict=True):
            groups.setdefault(style, []).append(segment)
        return "".join(
            f"<path d='{''.join(parts)}' stroke='{colour}' stroke-width='{width:g}'/>"
            for (colour, width), parts in groups.items()
        )

    def sprite(self, maps):
        """All neurons' maps in one picture laid out like the tiles (white between them):
        uint8 RGB of ``sheet_shape`` + (3,)."""
        r = self.resolution
        sheet = np.full((*self.sheet_shape, 3), 255, np.uint8)
        for l, layer in enumerate(maps):
            rgb = diverging_rgb(np.moveaxis(layer, -1, 0))  # (n, r, r, 3)
            x = self.px[l]
            for j, y in enumerate(self.py[l]):
                sheet[y : y + r, x : x + r] = rgb[j]
        return sheet

    def _svg(self, css_class, body, extra="", panel=True):
        return (
            f"<svg class='{css_class}' xmlns='http://www.w3.org/2000/svg' width='{self.width}' "
            f"height='{self.height}' viewBox='0 0 {self.width} {self.height}' {FONT}"
            f"{PANEL if panel else ''}{extra}>{body}</svg>"
        )

    def svg(self, frame):
        """What changes while training: every neuron's map (one picture) and the links."""
        h, w = self.sheet_shape
        label = (
            " role='img' aria-label='the output of every neuron over the plane, and the links "
            "between them: orange for positive, blue for negative weights'"
        )
        return self._svg(
            "pg-network",
            f"<image x='{self.left}' y='{self.top}' width='{w * self.scale:.1f}' "
            f"height='{h * self.scale:.1f}' preserveAspectRatio='none' "
            f"href='{data_uri(self.sprite(frame.neurons))}'/>"
            f"<g fill='none'>{self.links(frame.weights)}</g>",
            label,
        )

    def overlay(self, selected=None, pinned=None, panel=False):
        """What lies over ``svg`` and changes only with a click: the names, a frame around
        each neuron and a wide invisible line along each link, which are what a click hits
        (``data-pick``), the selected link (layer, k, j) in black, the pinned neuron (l, j)
        framed in black. Transparent (``panel=False``): ``svg`` shows through it."""
        t, parts = self.tile, [self._static]
        for key, xa, ya, xb, yb in self.ends:
            line = f"<line x1='{xa:.0f}' y1='{ya:.0f}' x2='{xb:.0f}' y2='{yb:.0f}' "
            if key == selected:
                parts.append(f"{line}stroke='#000' stroke-width='4'/>")
            pick = "w {} {} {}".format(*key)
            parts.append(f"{line}stroke='transparent' stroke-width='9' data-pick='{pick}'/>")
        for l, n in enumerate(self.sizes):
            for j in range(n):
                on = pinned == (l, j)
                parts.append(
                    f"<rect x='{self.x[l]:.1f}' y='{self.y[l][j]:.1f}' width='{t}' height='{t}' "
                    f"fill='transparent' stroke='{'#000' if on else '#888'}' "
                    f"stroke-width='{2.5 if on else 1}' data-pick='n {l} {j}'/>"
                )
        extra = (
            f" id='{self.uid}' role='group' aria-label='the network: click a neuron to see it "
            "large, a link to see and edit its weight'"
            f' onclick="{PICK_SCRIPT}" onmouseover="{HOVER_SCRIPT}" onmouseout="{HOVER_SCRIPT}"'
        )
        return self._svg("pg-overlay", "".join(parts), extra, panel)

    def picture(self, frame, selected=None, pinned=None):
        """``svg`` and ``overlay`` as one SVG (for a page without the widget's two layers)."""
        body = self.svg(frame).split(">", 1)[1].rsplit("</svg>", 1)[0]
        top = self.overlay(selected, pinned, panel=True)
        return top.replace(self._static, self._static + body, 1)


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

    ``points``: the circles' SVG (``points_svg``); by default the training points, and the
    test points if shown; "" for none (the widget lays them over the picture separately, as
    ``points_layer``, so that they are not resent with every frame)."""
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
        f"<svg class='pg-output' role='img' aria-label='the network output over the plane "
        f"from −6 to 6' xmlns='http://www.w3.org/2000/svg' width='{size}' "
        f"height='{size + 20}' viewBox='0 0 {size} {size + 20}' {FONT}{PANEL}>"
        f"<image x='0' y='0' width='{size}' height='{size}' preserveAspectRatio='none' "
        f"href='{data_uri(rgb)}'/>{points}<rect width='{size}' height='{size}' fill='none' "
        f"stroke='#888'/>{ticks}</svg>"
    )


def points_layer(points, size=300):
    """The points' SVG alone, the size of ``output_svg``'s picture (to lie over it)."""
    return (
        f"<svg class='pg-points' aria-hidden='true' xmlns='http://www.w3.org/2000/svg' "
        f"width='{size}' "
        f"height='{size}' viewBox='0 0 {size} {size}' style='pointer-events:none'>{points}</svg>"
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
        f"<svg class='pg-loss' role='img' aria-label='training and test loss against the "
        f"epoch' xmlns='http://www.w3.org/2000/svg' width='{width}' "
        f"height='{height}' viewBox='0 0 {width} {height}' {FONT}{PANEL}>{axes}"
        f"{polyline(curves[0], COLORS['blue'], 'none')}"
        f"{polyline(curves[1], COLORS['vermillion'], '6 4')}</svg>"
    )
