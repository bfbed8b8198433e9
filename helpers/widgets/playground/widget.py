"""The playground's widget: controls, pictures and the Play clock around ``helpers.playground``.

The pictures are SVG text in ``HTML`` widgets, their heatmaps small PNGs made straight from the
NumPy grids (``helpers.playground.svg``): a frame costs a few milliseconds and a few tens of
kilobytes, so Play shows 20+ updates per second. Clicking a link or a neuron in the network
picture types "w l k j" or "n l j" into a hidden ``Text`` (class ``pg-bridge``), which tells the
kernel through the standard widget protocol: ipywidgets 7.7 (Colab) and 8 alike, no extension.
"""

import html
import itertools
import time
from dataclasses import replace

from ...playground import (
    FEATURES,
    REGRESSION_SETS,
    NetworkLayout,
    PlaygroundModel,
    PlaygroundSettings,
    loss_svg,
    output_svg,
    points_layer,
    points_svg,
)
from ...playground.static import static_png
from .._base import Clock, CourseWidget, widgets
from .controls import (
    LINK_HINT,
    NETWORK_WIDTH,
    OUTPUT_SIZE,
    arrange,
    pictures_and_buttons,
    setting_controls,
)

_uids = itertools.count()


# Warnings and the "why did it fail" line: the theme's error colour (legible in the light and the
# dark theme); elsewhere (Colab) a dark vermillion, 5.5:1 on white (#D55E00 was 3.9:1).
WARN = "color:var(--jp-error-color1, #B34700)"


def _labels(settings):
    return [FEATURES[f][0] for f in settings.features]


class Playground(CourseWidget):
    """The course's Neural Network Playground (see ``playground()``): state on ``self``,
    callbacks as methods. ``model`` is the ``PlaygroundModel``; ``frames`` counts redraws."""

    def __init__(self, settings, epochs=0, frame_ms=30):
        self.model = PlaygroundModel(settings)
        self.train_chunks(epochs)
        self.uid = f"pg{next(_uids)}"
        self.net_layout = NetworkLayout(
            self.model.net.sizes, _labels(settings), NETWORK_WIDTH, self.uid
        )
        # a clicked link (l, k, j), a clicked neuron (l, j) and the neuron under the mouse
        self.selected = self.pinned = self.hovered = None
        self.frames, self.epoch_seconds, self.frame_ms = 0, 0.002, frame_ms
        self._points_key = self._points = self.frame = None
        self._quiet = False  # True while the kernel itself sets a control's value
        # the loss chosen for classification (the menu shows "quadratic" on regression data)
        self.loss_choice = settings.loss
        controls = self.setting_controls = setting_controls(settings)
        controls["dataset"].add_class("playground-dataset")
        controls["hidden"].add_class("playground-hidden")
        self.feature_boxes = {
            f: widgets.Checkbox(
                value=f in settings.features,
                description=label,
                indent=False,
                layout=widgets.Layout(width="84px"),
            )
            for f, (label, _) in FEATURES.items()
        }
        pictures_and_buttons(self)
        box = arrange(self, controls)
        super().__init__(
            "playground",
            box,
            controls,
            self.StaticPicture(self),
            text=self.describe(),
            alt=self.alt_text(),
        )
        self.clock = Clock(
            self.tick, frame_ms / 1000, on_stop=self.show_paused, on_error=self.on_error
        )
        self.wire()
        self.show_link()
        self.redraw()

    class StaticPicture:
        """What ``CourseWidget`` shows without a live kernel: the state at creation."""

        def __init__(self, playground):
            self.playground = playground

        def png(self, compress_level=9):
            pg = self.playground
            return static_png(pg.model.frame(), pg.net_layout)

    # ---------------------------------------------------------------------------- building
    def wire(self):
        self.play_button.on_click(self.on_play)
        self.step_button.on_click(self.on_step)
        self.reset_button.on_click(self.on_reset)
        self.regenerate.on_click(self.on_regenerate)
        for control in [*self.setting_controls.values(), *self.feature_boxes.values()]:
            control.observe(self.on_setting, names="value")
        self.weight.observe(self.on_weight, names="value")
        self.link_menu.observe(self.on_link_menu, names="value")
        self.bridge.observe(self.on_pick, names="value")
        self.controls = {**self.setting_controls, "features": self.feature_boxes}
        self.controls["play_button"] = self.play_button
        self.controls["step"] = self.step_button
        self.controls["reset"] = self.reset_button
        self.controls["regenerate"] = self.regenerate
        self.controls["weight"] = self.weight
        self.controls["link"] = self.link_menu
        self.controls["pick"] = self.bridge
        self.enable()

    # ---------------------------------------------------------------------------- texts
    def describe(self):
        return (
            f"Neural Network Playground at epoch {self.model.epoch}: {self.model.settings.call()}"
        )

    def alt_text(self):
        s, m = self.model.settings, self.model
        train, test = m.history["train"][-1], m.history["test"][-1]
        what = "regression" if s.regression else f"{s.n_classes}-class"
        return (
            f"The playground after {m.epoch} epochs on the {what} data set '{s.dataset}': "
            f"settings on the left, the network {m.net.sizes} with each neuron's heatmap in the "
            f"middle, the output over the plane with the training points on the right, and the "
            f"loss curve under it (training loss {train:.3f}, test loss {test:.3f})."
        )

    # ---------------------------------------------------------------------------- drawing
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

    def redraw(self, network=True):
        """Send the current state to every picture and label. ``network=False``: the network
        did not change (a live setting such as show test data): reuse the last frame with the
        new settings and leave the network picture as it is (nothing is sent for it)."""
        m = self.model
        if network or self.frame is None:
            frame = self.frame = m.frame(self.shown_neuron())
            self.network.value = self.net_layout.svg(frame)
        else:
            frame = self.frame = replace(self.frame, settings=m.settings)
        self.overlay.value = self.net_layout.overlay(self.selected, self.pinned)
        self.output.value = output_svg(frame, OUTPUT_SIZE, frame.pinned_map, points="")
        self.points_layer.value, self.test_layer.value = self.points(OUTPUT_SIZE)
        self.test_layer.layout.visibility = "visible" if m.settings.show_test else "hidden"
        self.curve.value = loss_svg(frame.history, OUTPUT_SIZE)
        train, test = frame.history["train"][-1], frame.history["test"][-1]
        self.epoch_label.value = (
            f"<span style='font-size:1.3em;margin:0 10px'>Epoch <b>{frame.epoch}</b></span>"
        )
        if self.shown_neuron() is None:
            title = f"<b>OUTPUT</b> test loss <b>{test:.3f}</b>, training loss {train:.3f}"
        else:
            l, j = self.shown_neuron()
            name = self.neuron_name(l, j)
            how = "click it for the output" if self.pinned == (l, j) else "under the mouse"
            title = f"<b>{name[0].upper() + name[1:]}</b> ({how})"
        self.output_title.value = title
        self.advice.value = (
            f"<span style='{WARN}'>{html.escape(frame.advice.text)}</span>"
            if frame.advice.text
            else ""
        )
        self.code.value = (
            "<span style='color:var(--jp-content-font-color2, #555)'>Recreate this "
            "configuration:</span> "
            f"<code>{html.escape(m.settings.call(), quote=False)}</code>"
        )
        self.frames += 1

    # ---------------------------------------------------------------------------- playing
    def train_chunks(self, epochs):
        """Train ``epochs`` epochs in about 60 chunks (the loss curve gets points on the way)."""
        chunk = max(1, epochs // 60)
        while self.model.epoch < epochs and self.model.train(min(chunk, epochs - self.model.epoch)):
            pass

    def tick(self):
        """One frame while playing: train for about a third of a frame, then redraw (the rest
        of the frame draws and leaves the kernel free for clicks)."""
        budget = 0.3 * self.frame_ms / 1000
        epochs = int(min(max(budget / max(self.epoch_seconds, 1e-5), 1), 50))
        self.train_and_draw(epochs)

    def train_and_draw(self, epochs):
        start = time.perf_counter()
        ok = self.model.train(epochs)
        seconds = (time.perf_counter() - start) / epochs
        self.epoch_seconds = 0.7 * self.epoch_seconds + 0.3 * seconds
        self.redraw()
        if not ok:
            self.clock.stop()

    def show_paused(self):
        self.show_playing(False)

    def show_playing(self, on):
        self.play_button.description = "Pause" if on else "Play"
        self.play_button.icon = "pause" if on else "play"
        self.play_button.button_style = "warning" if on else "success"

    def set_playing(self, on):
        if on and not self.model.diverged:
            self.clock.start()
            self.show_playing(self.clock.running)
        else:
            self.clock.stop()
            self.show_playing(False)

    def on_play(self, _=None):
        self.set_playing(not self.clock.running)

    def on_step(self, _=None):
        self.set_playing(False)
        self.train_and_draw(1)

    def on_reset(self, _=None):
        self.model.reset()
        self.message.value = ""
        self.redraw()

    def on_regenerate(self, _=None):
        s = self.model.settings
        self.apply(PlaygroundSettings(**{**s.__dict__, "data_seed": s.data_seed + 1}))

    def on_error(self, error):
        self.message.value = f"<b>Training stopped:</b> {html.escape(repr(error))}"

    # ---------------------------------------------------------------------------- settings
    def read_settings(self):
        """``PlaygroundSettings`` from the controls (raises ValueError for a bad entry)."""
        values = {name: control.value for name, control in self.setting_controls.items()}
        values["features"] = tuple(f for f, box in self.feature_boxes.items() if box.value)
        if values["regularization"] == "none":
            values["regularization"] = None
        if values["dataset"] not in ("gauss", "spiral"):
            values["n_classes"] = 2
        if self.setting_controls["loss"].disabled:  # it shows "quadratic" for regression
            values["loss"] = self.loss_choice
        else:
            self.loss_choice = values["loss"]
        s = self.model.settings
        return PlaygroundSettings.from_arguments(
            **values, n_samples=s.n_samples, data_seed=s.data_seed
        )

    def refresh(self, change=None):
        """Redraw from the controls' values (``CourseWidget``'s contract)."""
        self.on_setting()
        self.redraw()

    def on_setting(self, change=None):
        if self._quiet:
            return
        try:
            settings = self.read_settings()
        except (ValueError, TypeError) as error:
            self.message.value = f"<b style='{WARN}'>{html.escape(str(error))}</b>"
            return
        self.apply(settings)

    def apply(self, settings):
        """Switch the model to ``settings``; a new network gets a new picture layout."""
        self.message.value = ""
        if self.model.apply(settings) != "live":
            self.net_layout = NetworkLayout(
                self.model.net.sizes, _labels(settings), NETWORK_WIDTH, self.uid
            )
            self.selected = self.pinned = self.hovered = None
            self.show_link()
            self.enable()
            self.redraw()
        else:
            self.redraw(network=False)

    def enable(self):
        """Grey out what the data set fixes: the classes (2 but for gauss and spiral) and the
        loss (regression always trains with the quadratic loss, and the menu says so)."""
        s = self.model.settings
        self.controls["n_classes"].disabled = s.dataset not in ("gauss", "spiral")
        loss = self.controls["loss"]
        loss.disabled = s.dataset in REGRESSION_SETS
        self._quiet = True
        try:
            loss.value = "mse" if loss.disabled else self.loss_choice
        finally:
            self._quiet = False

    # ---------------------------------------------------------------------------- links
    def shown_neuron(self):
        """The neuron whose picture the output panel shows: hovered, else pinned, else none."""
        return self.hovered or self.pinned

    def on_pick(self, change):
        """A click in the network picture: "w l k j …" (a link) or "n l j …" (a neuron); the
        mouse over a neuron "h l j …", leaving it "h - …"."""
        parts = str(change["new"]).split()
        kind = parts[0] if parts else ""
        numbers = [int(p) for p in parts[1:-1] if p.isdigit()]
        sizes = self.model.net.sizes
        if kind == "h":
            l, j = numbers if len(numbers) == 2 else (-1, -1)
            ok = 0 <= l < len(sizes) and 0 <= j < sizes[l]
            self.hovered = (l, j) if ok else None
        elif kind == "w" and len(numbers) == 3:
            l, k, j = numbers
            if 1 <= l < len(sizes) and k < sizes[l - 1] and j < sizes[l]:
                self.selected = (l, k, j)
                self.show_link()
                self.redraw(network=False)  # only the overlay and the editor change
                return
        elif kind == "n" and len(numbers) == 2:
            l, j = numbers
            if 0 <= l < len(sizes) and 0 <= j < sizes[l]:
                self.pinned = None if self.pinned == (l, j) else (l, j)
        self.redraw()

    def neuron_name(self, l, j):
        if l == 0:
            return f"input {FEATURES[self.model.settings.features[j]][0]}"
        return (
            "the output" if l == len(self.model.net.sizes) - 1 else f"neuron {j + 1} of layer {l}"
        )

    def link_options(self):
        """The link menu's entries: every link of the network, named as in the editor."""
        sizes = self.model.net.sizes
        return [("choose a link", "none")] + [
            (
                f"w{l} {k + 1}→{j + 1}: {self.neuron_name(l - 1, k)} → {self.neuron_name(l, j)}",
                (l, k, j),
            )
            for l in range(1, len(sizes))
            for k in range(sizes[l - 1])
            for j in range(sizes[l])
        ]

    def on_link_menu(self, change):
        """A link chosen with the keyboard (the menu): as if it had been clicked."""
        if self._quiet:
            return
        self.selected = None if change["new"] == "none" else change["new"]
        self.show_link()
        self.redraw(network=False)

    def show_link(self):
        """Show the selected link's weight in the editor (or the hint when none is), and keep
        the link menu in step (its entries change with the network)."""
        self._quiet = True
        try:
            options = self.link_options()
            if list(self.link_menu.options) != options:
                self.link_menu.options = options
            self.link_menu.value = self.selected or "none"
            # the weight box only while a link is chosen (no stale number, nothing to type in)
            self.weight.disabled = self.selected is None
            self.weight.layout.visibility = "hidden" if self.selected is None else "visible"
            if self.selected is None:
                self.link_label.value = LINK_HINT
                return
            l, k, j = self.selected
            self.weight.value = round(float(self.model.net.weights[l - 1][k, j]), 4)
            self.link_label.value = (
                f"w<sup>{l}</sup><sub>{k + 1}{j + 1}</sub>: from {self.neuron_name(l - 1, k)} "
                f"to {self.neuron_name(l, j)}"
            )
        finally:
            self._quiet = False

    def on_weight(self, change):
        """The student typed a weight: set it and show the new output at once."""
        if self._quiet or self.selected is None:
            return
        value = change["new"]
        if value is None or not abs(value) < 1e3:
            self.message.value = (
                f"<b style='{WARN}'>weight: type a number between −1000 and 1000</b>"
            )
            return
        self.model.set_weight(*self.selected, value)
        self.redraw()


def playground(
    dataset="circle",
    n_classes=2,
    noise=0,
    train_ratio=50,
    features=("x1", "x2"),
    hidden=(4, 2),
    activation="tanh",
    learning_rate=0.03,
    batch_size=10,
    regularization=None,
    regularization_rate=0.0,
    loss="cross_entropy",
    seed=0,
    data_seed=0,
    show_test=False,
    discretize=False,
    n_samples=400,
    epochs=0,
    frame_ms=30,
):
    """The course's Neural Network Playground: the TensorFlow Playground on ``helpers.Network``.

    Data: circle, xor, gauss, spiral (gauss and spiral also with 3 or 4 classes: softmax output
    and cross-entropy) and the regression sets plane and multi_gauss (linear output, quadratic
    loss); noise 0–50 %; training share 10–90 %; Regenerate draws new points. Inputs: any of
    x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. Network: 0–6 hidden layers of 1–8 neurons (``hidden``
    as a tuple, one number, or text such as "4, 2"), activation relu/tanh/sigmoid/linear,
    cross-entropy or quadratic loss, a seed. Training: learning rate from 0.00001 to 10 (a
    value between the menu's entries is added to the menu), batch size 1–30, L1/L2
    regularisation with a rate from 0 to 10. Play/Pause, Step (one epoch), Reset; the network
    with every neuron's heatmap (hover or click: shown large in the output's place), links whose
    weight shows and can be edited when clicked, the output with the data, the loss curve with
    a "why did it fail" line, and the one line of Python that recreates the configuration.
    ``epochs`` trains that many epochs before showing; ``frame_ms`` is the time between frames
    while playing. A bad argument gets a ``ValueError``/``TypeError`` naming it.
    """
    settings = PlaygroundSettings.from_arguments(
        dataset=dataset,
        n_classes=n_classes,
        noise=noise,
        train_ratio=train_ratio,
        features=features,
        hidden=hidden,
        activation=activation,
        learning_rate=learning_rate,
        batch_size=batch_size,
        regularization=regularization,
        regularization_rate=regularization_rate,
        loss=loss,
        seed=seed,
        data_seed=data_seed,
        show_test=show_test,
        discretize=discretize,
        n_samples=n_samples,
    )
    for name, value, low, high in (
        ("epochs", epochs, 0, 100_000),
        ("frame_ms", frame_ms, 10, 5000),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return Playground(settings, epochs, frame_ms)
