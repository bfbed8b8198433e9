"""The harness's self-test notebook, built with nbformat into the servers' temporary copy.

Plain ipywidgets that mimic the course widgets' CSS conventions (``.course-widget``,
``.course-playground`` with ``.playground-epoch``/``.playground-curve``, ``.course-digit-pad``
with 64 ``.digit-pad-cell`` buttons and ``.digit-pad-prediction``), so that every check of the
browser tests is known to pass on something that works, whatever the course's widgets do.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NAME = "_browser_selftest.ipynb"

CELLS = [
    "import ipywidgets as widgets\n"
    "import matplotlib.pyplot as plt\n"
    "import numpy as np\n"
    "from IPython.display import display",
    # an IntSlider + interactive_output drawing a matplotlib figure
    "def draw(k):\n"
    "    x = np.linspace(0, 2 * np.pi, 200)\n"
    "    fig, ax = plt.subplots(figsize=(4, 2.5))\n"
    "    ax.plot(x, np.sin(k * x))\n"
    "    ax.set_title(f'sin({k} x)')\n"
    "    display(fig, metadata={'image/png': {'alt': f'One wave of sin({k} x).'}})\n"
    "    plt.close(fig)\n"
    "\n"
    "k = widgets.IntSlider(value=1, min=1, max=5, description='k')\n"
    "box = widgets.VBox([k, widgets.interactive_output(draw, {'k': k})])\n"
    "box.add_class('course-widget')\n"
    "display(box)",
    # a live figure as an HTML widget holding <img alt> (ipywidgets' Image has no alt, and
    # in ipywidgets 8.1.9 an Image with a tooltip fails to display)
    "import base64, io\n"
    "fig, ax = plt.subplots(figsize=(2, 1.5))\n"
    "ax.plot([0, 1], [0, 1])\n"
    "png = io.BytesIO()\n"
    "fig.savefig(png, format='png')\n"
    "plt.close(fig)\n"
    "src = 'data:image/png;base64,' + base64.b64encode(png.getvalue()).decode()\n"
    'picture = widgets.HTML(f\'<img src="{src}" alt="A rising line.">\')\n'
    "display(widgets.VBox([picture]).add_class('course-widget'))",
    # a Button, not inside a .course-widget (exercises the fallback scope)
    "label = widgets.Label('clicked 0 times')\n"
    "button = widgets.Button(description='Click me')\n"
    "def on_click(_):\n"
    "    on_click.n += 1\n"
    "    label.value = f'clicked {on_click.n} times'\n"
    "on_click.n = 0\n"
    "button.on_click(on_click)\n"
    "display(widgets.HBox([button, label]))",
    # a fake playground: Play/Pause/Step/Reset, .playground-epoch, .playground-curve
    "import threading, time\n"
    "\n"
    "class FakePlayground:\n"
    "    def __init__(self):\n"
    "        self.epoch, self.losses, self.playing = 0, [], False\n"
    "        self.epoch_html = widgets.HTML().add_class('playground-epoch')\n"
    "        self.curve = widgets.HTML().add_class('playground-curve')\n"
    "        names = ('Play', 'Pause', 'Step', 'Reset')\n"
    "        buttons = [widgets.Button(description=d) for d in names]\n"
    "        for b, f in zip(buttons, (self.play, self.pause, self.step, self.reset)):\n"
    "            b.on_click(lambda _, f=f: f())\n"
    "        self.noise = noise = widgets.IntSlider(value=10, min=0, max=50, description='noise')\n"
    "        self.box = widgets.VBox([widgets.HBox(buttons), noise, self.epoch_html, self.curve])\n"
    "        self.box.add_class('course-widget').add_class('course-playground')\n"
    "        noise.observe(lambda _: self.reset(), 'value')\n"
    "        self.show()\n"
    "    def show(self):\n"
    "        self.epoch_html.value = f'Epoch {self.epoch:,} (noise {self.noise.value} %)'\n"
    "        self.curve.value = ' '.join(f'{v:.3f}' for v in self.losses[-8:]) or '(no loss yet)'\n"
    "    def step(self):\n"
    "        self.epoch += 1\n"
    "        self.losses.append(1 / self.epoch)\n"
    "        self.show()\n"
    "    def loop(self):\n"
    "        while self.playing:\n"
    "            self.step()\n"
    "            time.sleep(0.1)\n"
    "    def play(self):\n"
    "        if not self.playing:\n"
    "            self.playing = True\n"
    "            threading.Thread(target=self.loop, daemon=True).start()\n"
    "    def pause(self):\n"
    "        self.playing = False\n"
    "    def reset(self):\n"
    "        self.playing = False\n"
    "        time.sleep(0.2)\n"
    "        self.epoch, self.losses = 0, []\n"
    "        self.show()\n"
    "\n"
    "display(FakePlayground().box)",
    # a fake digit pad: 64 .digit-pad-cell buttons, a Clear button and a .digit-pad-prediction
    "pixels = np.zeros(64)\n"
    "prediction = widgets.HTML('predicted: 0 (p = 1.00)').add_class('digit-pad-prediction')\n"
    "def toggle(i):\n"
    "    pixels[i] = 1 - pixels[i]\n"
    "    cells[i].style.button_color = 'black' if pixels[i] else 'white'\n"
    "    digit = int(pixels.sum()) % 10\n"
    "    prediction.value = f'predicted: {digit} (p = {1 / (1 + pixels.sum()):.2f})'\n"
    "cells = []\n"
    "for i in range(64):\n"
    "    b = widgets.Button(\n"
    "        tooltip=f'pixel {i // 8 + 1}, {i % 8 + 1}',\n"
    "        layout=widgets.Layout(width='24px', height='24px'),\n"
    "    )\n"
    "    b.add_class('digit-pad-cell')\n"
    "    b.on_click(lambda _, i=i: toggle(i))\n"
    "    cells.append(b)\n"
    "columns = widgets.Layout(grid_template_columns='repeat(8, 26px)')\n"
    "grid = widgets.GridBox(cells, layout=columns)\n"
    "def clear(_):\n"
    "    for i in np.flatnonzero(pixels):\n"
    "        toggle(i)\n"
    "    prediction.value = 'predicted: nothing yet'\n"
    "clear_button = widgets.Button(description='Clear')\n"
    "clear_button.on_click(clear)\n"
    "pad = widgets.VBox([grid, clear_button, prediction])\n"
    "pad.add_class('course-widget').add_class('course-digit-pad')\n"
    "display(pad)",
]


def write(directory: Path) -> Path:
    """Write the self-test notebook into `directory` and return its path."""
    cells = [new_markdown_cell("# Browser-test harness self-test")]
    cells += [new_code_cell(src, metadata={"tags": ["nbval-ignore-output"]}) for src in CELLS]
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(nb)
    path = directory / NAME
    nbformat.write(nb, path)
    return path
