"""State → picture: the playground's heatmaps straight from NumPy grids, as small PNGs.

No matplotlib per frame: a value in [−1, 1] picks one of 256 colours from a lookup table
(blue → white → orange, the course's ``BLUE_ORANGE``), and Pillow writes the pixels as a PNG
of a few kilobytes (the browser scales it up smoothly). ``svg.py`` puts these pictures into
the network and output panels.
"""

import base64
import io

import numpy as np
from matplotlib.colors import to_rgb
from PIL import Image

from ..plotting import BLUE_ORANGE, CLASS_COLORS

#: 256 colours, uint8 RGB: index 0 is −1 (blue), 128 about 0 (white), 255 is +1 (orange).
LUT = np.round(BLUE_ORANGE(np.linspace(0, 1, 256))[:, :3] * 255).astype(np.uint8)
#: The classes' colours as uint8 RGB rows (class 0 blue, class 1 orange, ...).
CLASS_RGB = np.round(np.array([to_rgb(c) for c in CLASS_COLORS]) * 255).astype(np.uint8)


def diverging_rgb(values):
    """Values in [−1, 1] (any shape) → uint8 RGB of that shape + (3,), by the lookup table."""
    index = np.clip((np.nan_to_num(values) + 1) * 127.5 + 0.5, 0, 255).astype(np.uint8)
    return LUT[index]


def class_rgb(probabilities, discretize=False):
    """Probabilities (h, w, k ≥ 3) → the winning class's colour, paler where the network is
    unsure (near 1/k); ``discretize``: the winning colour only, at one strength."""
    k = probabilities.shape[-1]
    winner = probabilities.argmax(axis=-1)
    if discretize:
        strength = np.full(winner.shape, 0.6)
    else:
        strength = (probabilities.max(axis=-1) - 1 / k) / (1 - 1 / k)
    strength = (0.15 + 0.65 * np.clip(strength, 0, 1))[..., None]
    rgb = 255 - strength * (255 - CLASS_RGB[winner].astype(float))
    return rgb.astype(np.uint8)


def output_rgb(output, regression=False, discretize=False):
    """The network's output over the plane (h, w, k) as uint8 RGB.

    Two classes: blue → white → orange by the probability of class 1 (``discretize``: only
    which side of 0.5); more classes: ``class_rgb``; regression: the value on the same
    blue → orange scale from −1 to +1 (``discretize``: rounded to steps of 0.25)."""
    if regression:
        value = output[..., 0]
        return diverging_rgb(np.round(value * 4) / 4 if discretize else value)
    if output.shape[-1] == 1:
        p = output[..., 0]
        if discretize:
            p = np.where(p > 0.5, 0.85, 0.15)
        return diverging_rgb(2 * p - 1)
    return class_rgb(output, discretize)


def png_bytes(rgb, compress_level=1):
    """uint8 RGB (h, w, 3) or RGBA (h, w, 4) → PNG bytes (level 1: fast, for frames)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="png", compress_level=compress_level)
    return buffer.getvalue()


def data_uri(rgb):
    """uint8 RGB or RGBA → a ``data:image/png;base64,...`` address for an SVG ``<image>``."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(rgb)).decode("ascii")


def point_colours(y, regression=False):
    """Hex colours of the data points: the class colour, or the target on the blue → orange
    scale for regression."""
    if regression:
        rgb = diverging_rgb(np.clip(y, -1, 1))
        return ["#{:02x}{:02x}{:02x}".format(*row) for row in rgb]
    return [CLASS_COLORS[int(k)] for k in y]
