"""State → the playground's pictures: a ``PlaygroundModel``'s state sent to the ``Pictures``.

Every frame sends the network picture (every neuron's map and the links), the output's
heatmap, the loss curve and the labels; what changes only with a click (the overlay) or with
new data (the points) is sent only then.
"""

import html
from dataclasses import replace

from ...playground import (
    FEATURES,
    NetworkLayout,
    loss_svg,
    output_svg,
    points_layer,
    points_svg,
)
from .controls import NETWORK_WIDTH, OUTPUT_SIZE

# Warnings and the "why did it fail" line: the theme's error colour (legible in the light and the
# dark theme); elsewhere (Colab) a dark vermillion, 5.5:1 on white (#D55E00 was 3.9:1).
WARN = "color:var(--jp-error-color1, #B34700)"


class Painter:
    """Draws the ``PlaygroundModel`` ``model`` into ``pictures`` (a ``Pictures``), with what
    the ``LinkEditor`` ``links`` points at; ``uid`` makes the network picture's id unique.
    ``layout`` is the network picture's geometry (a ``NetworkLayout``, new per network);
    ``frames`` counts the frames drawn."""

    def __init__(self, pictures, model, links, uid):
        self.pictures, self.model, self.links, self.uid = pictures, model, links, uid
        self.frames, self.frame = 0, None
        self._points_key = self._points = None
        self.new_network()

    def new_network(self):
        """The network's geometry, made once per network."""
        labels = [FEATURES[f][0] for f in self.model.settings.features]
        self.layout = NetworkLayout(self.model.net.sizes, labels, NETWORK_WIDTH, self.uid)

    def points(self, size):
        """The training points' and the test points' SVG layers, kept until the data change.
        Both are always on the page: "show test data" only shows or hides the test layer (a
        style change, no new picture to send and parse)."""
        m, s = self.model, self.model.settings
        key = (*(getattr(s, n) for n in s.names("data")), size)
        if key != self._points_key:
            train = points_svg(m.X_train, m.y_train, size, s.regression, "white")
            test = points_svg(m.X_test, m.y_test, size, s.regression, "black")
            self._points = points_layer(train, size), points_layer(test, size)
            self._points_key = key
        return self._points

    def draw(self, network=True):
        """Send the current state to every picture and label. ``network=False``: the network
        did not change (a live setting such as show test data, a chosen link): reuse the last
        frame with the new settings and leave the network picture as it is (nothing is sent
        for it)."""
        m, p = self.model, self.pictures
        if network or self.frame is None:
            frame = self.frame = m.frame(self.links.shown_neuron)
            p.network.value = self.layout.svg(frame)
        else:
            frame = self.frame = replace(self.frame, settings=m.settings)
        p.overlay.value = self.layout.overlay(self.links.selected, self.links.pinned)
        p.output.value = output_svg(frame, OUTPUT_SIZE, frame.pinned_map, points="")
        p.points.value, p.test_points.value = self.points(OUTPUT_SIZE)
        p.test_points.layout.visibility = "visible" if m.settings.show_test else "hidden"
        p.curve.value = loss_svg(frame.history, OUTPUT_SIZE)
        p.epoch.value = (
            f"<span style='font-size:1.3em;margin:0 10px'>Epoch <b>{frame.epoch}</b></span>"
        )
        p.output_title.value = self.output_title(frame)
        p.advice.value = (
            f"<span style='{WARN}'>{html.escape(frame.advice.text)}</span>"
            if frame.advice.text
            else ""
        )
        p.code.value = (
            "<span style='color:var(--jp-content-font-color2, #555)'>Recreate this "
            "configuration:</span> "
            f"<code>{html.escape(m.settings.as_code(), quote=False)}</code>"
        )
        self.frames += 1

    def output_title(self, frame):
        """The output panel's title: the losses, or the name of the neuron it shows."""
        shown = self.links.shown_neuron
        if shown is None:
            train, test = frame.history["train"][-1], frame.history["test"][-1]
            return f"<b>OUTPUT</b> test loss <b>{test:.3f}</b>, training loss {train:.3f}"
        name = self.links.neuron_name(*shown)
        how = "click it for the output" if self.links.pinned == shown else "under the mouse"
        return f"<b>{name[0].upper() + name[1:]}</b> ({how})"
