"""The playground's widget: controls, pictures and the Play clock around helpers.playground."""

import html
import io
import time

import numpy as np
from PIL import Image as PILImage

from ..playground import ACTIVATIONS as PG_ACTIVATIONS
from ..playground import (
    FEATURES,
    LEARNING_RATES,
    REGULARIZATION_RATES,
    PlaygroundConfig,
    PlaygroundModel,
    curve_figure,
    network_figure,
    surface_figure,
)
from ._base import Clock, CourseWidget, slider, widgets


class _Composite:
    """Live figures arranged as one picture, as the playground widget shows them (its static
    PNG): ``figures`` maps names to figures (looked up at each draw: the playground replaces
    its network figure), ``columns`` lists columns of names stacked top to bottom."""

    GAP = 8  # white pixels between figures

    def __init__(self, figures, columns):
        self.figures, self.columns = figures, columns

    def rgb(self):
        def stack(arrays, axis):
            size = max(a.shape[1 - axis] for a in arrays)
            pad = [[0, 0], [0, 0], [0, 0]]
            out = []
            for i, a in enumerate(arrays):
                pad[1 - axis] = [0, size - a.shape[1 - axis]]
                pad[axis] = [0, self.GAP if i < len(arrays) - 1 else 0]
                out.append(np.pad(a, pad, constant_values=255))
            return np.concatenate(out, axis=axis)

        columns = [
            stack([self.figures[name].rgba()[..., :3] for name in column], 0)
            for column in self.columns
        ]
        return stack(columns, 1)

    def jpeg(self, quality=90):
        buf = io.BytesIO()
        PILImage.fromarray(self.rgb()).save(buf, format="jpeg", quality=quality)
        return buf.getvalue()

    def png(self, compress_level=1):
        buf = io.BytesIO()
        PILImage.fromarray(self.rgb()).save(buf, format="png", compress_level=compress_level)
        return buf.getvalue()


def dropdown(options, value, description, width="230px"):
    w = widgets
    return w.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "95px"},
        layout=w.Layout(width=width),
    )


def _format_rate(r):
    return f"{r:g}"


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
    frame_ms=150,
):
    """The course's Neural Network Playground: the TensorFlow Playground on ``helpers.Network``.

    Data: circle, xor, gauss, spiral (gauss and spiral also with 3–6 classes: softmax output
    and cross-entropy); noise 0–50 %; training:test ratio; Regenerate draws new points.
    Inputs: any of x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. Network: 0–6 hidden layers of 1–8
    neurons (typed as "4, 2"), activation ReLU/tanh/sigmoid/linear, quadratic or cross-entropy
    loss. Training: learning rate 0.00001–10, batch size 1–30, L1/L2 regularisation, seed.
    Play/Pause, Step (one epoch), Reset; the epoch counter, the loss curve, the output as a
    heatmap under the points (test points and a discretised output on request), a picture of
    the network with each neuron's own heatmap, and the one line of Python that recreates the
    configuration. ``epochs`` trains that many epochs before showing; ``frame_ms`` is the time
    between frames while playing.
    """

    w = widgets
    config = PlaygroundConfig(
        dataset=dataset,
        n_classes=n_classes,
        noise=noise,
        train_ratio=train_ratio,
        n_samples=n_samples,
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
    )
    model = PlaygroundModel(config)
    if epochs:  # in about 60 chunks: the loss curve gets points along the way
        chunk = max(1, epochs // 60)
        while model.epoch < epochs and model.train(min(chunk, epochs - model.epoch)):
            pass

    # ----------------------------------------------------------------------- controls
    c = {}
    c["dataset"] = dropdown(["circle", "xor", "gauss", "spiral"], dataset, "data")
    c["n_classes"] = slider("IntSlider", n_classes, 2, 4, 1, "classes", False)
    c["noise"] = slider("IntSlider", noise, 0, 50, 5, "noise %", False)
    c["train_ratio"] = slider("IntSlider", train_ratio, 10, 90, 10, "training %", False)
    c["show_test"] = w.Checkbox(value=show_test, description="show test data", indent=False)
    c["discretize"] = w.Checkbox(value=discretize, description="discretise output", indent=False)
    feature_boxes = {
        f: w.Checkbox(
            value=f in features, description=label, indent=False, layout=w.Layout(width="110px")
        )
        for f, (label, _) in FEATURES.items()
    }
    c["hidden"] = w.Text(
        value=", ".join(str(h) for h in hidden),
        description="hidden layers",
        placeholder="e.g. 4, 2 (empty: none)",
        style={"description_width": "95px"},
        layout=w.Layout(width="230px"),
    )
    c["activation"] = dropdown(list(PG_ACTIVATIONS), activation, "activation")
    c["loss"] = dropdown([("cross-entropy", "cross_entropy"), ("quadratic", "mse")], loss, "loss")
    c["seed"] = w.BoundedIntText(
        value=seed,
        min=0,
        max=10**6,
        description="seed",
        style={"description_width": "95px"},
        layout=w.Layout(width="180px"),
    )
    c["learning_rate"] = dropdown(
        [(_format_rate(r), r) for r in LEARNING_RATES], learning_rate, "learning rate"
    )
    c["batch_size"] = slider("IntSlider", batch_size, 1, 30, 1, "batch size", False)
    c["regularization"] = dropdown(["none", "L1", "L2"], regularization or "none", "regularisation")
    c["regularization_rate"] = dropdown(
        [(_format_rate(r), r) for r in REGULARIZATION_RATES], regularization_rate, "reg. rate"
    )
    for ctl in list(c.values()) + list(feature_boxes.values()):
        ctl.layout.margin = "1px 0"
    for ctl in (c["noise"], c["train_ratio"], c["n_classes"], c["batch_size"]):
        ctl.layout.width = "300px"
        ctl.style.description_width = "95px"

    play_button = w.Button(
        description="Play", button_style="success", icon="play", layout=w.Layout(width="100px")
    )
    step_button = w.Button(description="Step", icon="step-forward", layout=w.Layout(width="90px"))
    reset_button = w.Button(description="Reset", icon="undo", layout=w.Layout(width="90px"))
    regenerate = w.Button(description="Regenerate", icon="refresh", layout=w.Layout(width="120px"))
    epoch_label = w.HTML()
    epoch_label.add_class("playground-epoch")
    message = w.HTML()
    code = w.HTML()

    # ------------------------------------------------------------------------- figures
    fig = {
        "surface": surface_figure(model),
        "network": network_figure(model),
        "curve": curve_figure(),
    }
    # fixed-size pictures: never stretched or shrunk by the flex boxes around them
    images = {k: w.Image(format="jpeg", layout=w.Layout(flex="0 0 auto")) for k in fig}
    curve_box = w.Box([images["curve"]])
    curve_box.add_class("playground-curve")
    pg = {"model": model, "epoch_time": 0.005, "frames": 0}

    def redraw():
        m = pg["model"]
        snap = m.snapshot()
        snap["show_test"] = m.config.show_test
        snap["discretize"] = m.config.discretize
        for k, f in fig.items():
            f.update(snap)
            images[k].value = f.jpeg()
        train, test = snap["losses"]
        epoch_label.value = (
            f"<span style='font-size:1.25em'>Epoch <b>{snap['epoch']}</b></span> &nbsp; "
            f"training loss {train:.3f} &nbsp; test loss {test:.3f}"
        )
        code.value = (
            "<span style='color:#555'>Recreate this configuration:</span> "
            f"<code>{html.escape(m.config.call(), quote=False)}</code>"
        )
        if snap["diverged"]:
            message.value = (
                "<b style='color:#D55E00'>Training diverged</b> (the loss became NaN or the "
                "weights exploded): choose a smaller learning rate and press Reset."
            )
        pg["frames"] += 1

    def show_playing(on):
        play_button.description = "Pause" if on else "Play"
        play_button.icon = "pause" if on else "play"
        play_button.button_style = "warning" if on else "success"

    def set_playing(on):
        if on and pg["model"].diverged:
            on = False
        if on:
            clock.start()
        else:
            clock.stop()
        show_playing(on)

    def current_config():
        text = c["hidden"].value.replace(";", ",").strip()
        try:
            layers = tuple(int(t) for t in text.split(",") if t.strip()) if text else ()
        except ValueError:
            raise ValueError(
                "hidden layers: type whole numbers separated by commas, e.g. 4, 2"
            ) from None
        if c["dataset"].value in ("circle", "xor"):
            c["n_classes"].value = 2
        return PlaygroundConfig(
            dataset=c["dataset"].value,
            n_classes=c["n_classes"].value,
            noise=c["noise"].value,
            train_ratio=c["train_ratio"].value,
            n_samples=n_samples,
            features=tuple(f for f, box in feature_boxes.items() if box.value),
            hidden=layers,
            activation=c["activation"].value,
            learning_rate=c["learning_rate"].value,
            batch_size=c["batch_size"].value,
            regularization=None
            if c["regularization"].value == "none"
            else c["regularization"].value,
            regularization_rate=c["regularization_rate"].value,
            loss=c["loss"].value,
            seed=c["seed"].value,
            data_seed=pg["model"].config.data_seed,
            show_test=c["show_test"].value,
            discretize=c["discretize"].value,
        )

    def rebuild(change=None, data_seed=None):
        try:
            new = current_config()
            if data_seed is not None:
                new.data_seed = data_seed
        except ValueError as error:
            message.value = f"<b style='color:#D55E00'>{html.escape(str(error))}</b>"
            return
        message.value = ""
        c["n_classes"].disabled = new.dataset in ("circle", "xor")
        pg["model"] = PlaygroundModel(new)
        fig["network"] = network_figure(pg["model"])
        fig["surface"].set_points(pg["model"])
        redraw()

    def adjust(change=None):  # settings that apply from the next step on, as in TF's playground
        try:
            new = current_config()
        except ValueError as error:
            message.value = f"<b style='color:#D55E00'>{html.escape(str(error))}</b>"
            return
        m = pg["model"].config
        for key in (
            "learning_rate",
            "batch_size",
            "regularization",
            "regularization_rate",
            "show_test",
            "discretize",
        ):
            setattr(m, key, getattr(new, key))
        redraw()

    def train_and_draw(epochs):
        t0 = time.perf_counter()
        ok = pg["model"].train(epochs)
        pg["epoch_time"] = 0.7 * pg["epoch_time"] + 0.3 * (time.perf_counter() - t0) / epochs
        redraw()
        if not ok:
            set_playing(False)

    def on_tick(change=None):
        """One frame while playing: train for ~30 % of a frame, then redraw."""
        if not clock.running:
            return
        budget = 0.3 * frame_ms / 1000  # at most ~30 % of a frame for training
        train_and_draw(int(np.clip(budget / max(pg["epoch_time"], 1e-4), 1, 25)))

    def on_play(_):
        set_playing(not clock.running)

    def on_step(_):
        set_playing(False)
        train_and_draw(1)

    def on_reset(_):
        pg["model"].reset()
        message.value = ""
        redraw()

    def on_error(error):
        message.value = f"<b>Training stopped:</b> {html.escape(repr(error))}"

    clock = Clock(on_tick, frame_ms / 1000, on_stop=lambda: show_playing(False), on_error=on_error)
    play_button.on_click(on_play)
    step_button.on_click(on_step)
    reset_button.on_click(on_reset)
    regenerate.on_click(lambda _: rebuild(data_seed=pg["model"].config.data_seed + 1))
    for key in (
        "dataset",
        "n_classes",
        "noise",
        "train_ratio",
        "hidden",
        "activation",
        "loss",
        "seed",
    ):
        c[key].observe(rebuild, names="value")
    for box in feature_boxes.values():
        box.observe(rebuild, names="value")
    for key in (
        "learning_rate",
        "batch_size",
        "regularization",
        "regularization_rate",
        "show_test",
        "discretize",
    ):
        c[key].observe(adjust, names="value")
    c["n_classes"].disabled = dataset in ("circle", "xor")
    redraw()

    def heading(text):
        return w.HTML(f"<b>{text}</b>")

    column = dict(layout=w.Layout(margin="0 14px 0 0"))
    data_col = w.VBox(
        [
            heading("Data"),
            c["dataset"],
            c["n_classes"],
            c["noise"],
            c["train_ratio"],
            regenerate,
            c["show_test"],
            c["discretize"],
        ],
        **column,
    )
    feature_col = w.VBox([heading("Features"), *feature_boxes.values()], **column)
    net_col = w.VBox(
        [heading("Network"), c["hidden"], c["activation"], c["loss"], c["seed"]], **column
    )
    train_col = w.VBox(
        [
            heading("Training"),
            c["learning_rate"],
            c["batch_size"],
            c["regularization"],
            c["regularization_rate"],
        ],
        **column,
    )
    top = w.HBox(
        [play_button, step_button, reset_button, epoch_label],
        layout=w.Layout(align_items="center"),
    )
    # the network with the loss curve under it, the output beside them (below on a narrow page)
    pictures = w.HBox(
        [
            # flex-start: a narrow network picture is not stretched to the curve's width
            w.VBox([images["network"], curve_box], layout=w.Layout(align_items="flex-start")),
            images["surface"],
        ],
        layout=w.Layout(align_items="flex-start", flex_flow="row wrap"),
    )
    box = w.VBox(
        [top, w.HBox([data_col, feature_col, net_col, train_col]), message, pictures, code]
    )
    box.add_class("course-widget")
    box.add_class("course-playground")

    controls = dict(
        c,
        features=feature_boxes,
        play_button=play_button,
        step=step_button,
        reset=reset_button,
        regenerate=regenerate,
    )
    cw = CourseWidget(
        "playground",
        box,
        controls,
        _Composite(fig, [["network", "curve"], ["surface"]]),
        redraw,
        f"Neural Network Playground at epoch {model.epoch}: {model.config.call()}",
    )
    cw.state = pg
    cw.images = images
    cw.labels = {"epoch": epoch_label, "message": message, "code": code}
    cw.tick = on_tick
    cw.set_playing = set_playing
    cw.clock = clock
    cw.figures = fig
    return cw
