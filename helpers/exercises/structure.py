"""Checkers for notebook 02, "How do we structure it? Fully connected networks".

Each checker returns a :class:`helpers.exercises.Feedback` and never raises. The notation is the
course's (notebook 02): ``Network.weights[l-1]`` is the matrix Wˡ of shape (n_{l−1}, n_l), whose
entry [k, j] is w^l_{kj}, the weight from neuron k of layer l−1 to neuron j of layer l.
"""

import re

import numpy as np

from ..activations import sigmoid
from . import Feedback, as_array, as_number, is_close, never_raise, not_yet_answered, unfinished

#: The architecture of Exercises 1 and 2: the network of Nielsen's book for 28×28-pixel digits.
SIZES = [784, 30, 10]

#: Exercise 3: one layer, one sample.
STEP_X = np.array([1.0, 2.0])
STEP_W = np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -1.0]])
STEP_B = np.array([0.5, -1.0, 0.0])


def expected_shapes(sizes=SIZES):
    """The shapes of ``Network(sizes).weights``: Wˡ = weights[l-1] has (sizes[l-1], sizes[l])."""
    return [(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]


def expected_parameter_count(sizes=SIZES):
    """Weights plus biases: Σ over layers l ≥ 1 of sizes[l-1]·sizes[l] + sizes[l]."""
    return sum(n_in * n_out + n_out for n_in, n_out in expected_shapes(sizes))


def _as_shape(value):
    """``value`` as a tuple of ints, or None if it does not look like a shape."""
    try:
        shape = tuple(value)
    except TypeError:
        return None
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in shape):
        return None
    return tuple(int(n) for n in shape)


def _not_a_shape(layer, got, want):
    """The message for an entry that is not a tuple of ints (``(784.0, 30)``, ``"784, 30"``)."""
    try:
        numbers = tuple(as_number(n) for n in got) if not isinstance(got, str) else None
    except TypeError:
        numbers = None
    if numbers == want:
        return f"✗ weights[{layer}]: {got!r} has the right numbers, but a shape holds ints: {want}."
    return f"✗ weights[{layer}]: {got!r} is not a shape: write a tuple of ints, e.g. (2, 3)."


SHAPES_TITLE = "Exercise 1: the shapes of the weight matrices of Network([784, 30, 10])"


@never_raise(SHAPES_TITLE)
def check_weight_shapes(shapes):
    """Exercise 1: the list of shapes of ``weights`` for a network with ``sizes = [784, 30, 10]``.

    Expected: [(784, 30), (30, 10)] (one matrix per pair of neighbouring layers, rows = the
    layer the weights come from, columns = the layer they go to).
    """
    title = SHAPES_TITLE
    if unfinished(shapes):
        return not_yet_answered(title, "a list of shapes, e.g. [(2, 3), (3, 1)]")
    if not isinstance(shapes, (list, tuple)):
        return Feedback(
            title, False, [f"Expected a list of shapes such as [(2, 3), (3, 1)], got {shapes!r}."]
        )
    shapes = list(shapes)
    if any(unfinished(s) for s in shapes):
        return not_yet_answered(title, "every shape in the list")
    expected = expected_shapes()
    hint = (
        "Wˡ = weights[l-1] connects layer l−1 to layer l and has shape (sizes[l-1], sizes[l]): "
        "one row per neuron the weights come from, one column per neuron they go to."
    )
    messages = []
    if len(shapes) != len(expected):
        messages.append(
            f"You listed {len(shapes)} shape(s), but a network with 3 layers has "
            f"{len(expected)} weight matrices (one between each pair of neighbouring layers)."
        )
    for layer, (got, want) in enumerate(zip(shapes, expected, strict=False)):
        shape = _as_shape(got)
        if shape == want:
            messages.append(f"✓ weights[{layer}] has shape {want}.")
        elif shape is not None and shape == want[::-1]:
            messages.append(
                f"✗ weights[{layer}]: {shape} is transposed. helpers stores (from, to) = {want}."
            )
        elif shape is None:
            messages.append(_not_a_shape(layer, got, want))
        else:
            messages.append(f"✗ weights[{layer}]: {shape} is not its shape.")
    passed = [_as_shape(s) for s in shapes] == expected
    return Feedback(title, passed, messages, hint)


COUNT_TITLE = "Exercise 2: the number of parameters of Network([784, 30, 10])"

#: Digit-group separators a whole number may be written with: "23 860", "23,860", "23_860",
#: "23 860" (a thin space), "23'860".
_GROUP = re.compile(r"^\s*\d{1,3}([ ,_'\u2009\u202f\u00a0])\d{3}(\1\d{3})*\s*$")


def _whole_number(answer):
    """``answer`` as a float, reading a string with digit groups ("23 860") as one number."""
    if isinstance(answer, str) and _GROUP.match(answer):
        answer = re.sub(r"[^\d]", "", answer)
    return as_number(answer)


@never_raise(COUNT_TITLE)
def check_parameter_count(n_parameters):
    """Exercise 2: the number of weights and biases of ``Network([784, 30, 10])`` (23860).

    Read with ``as_number``: 23860, 23860.0 and "23860" are the same answer, and so are
    "23 860" and "23,860" (digits in groups of three).
    """
    title = COUNT_TITLE
    if unfinished(n_parameters):
        return not_yet_answered(title, "a whole number")
    expected = expected_parameter_count()
    n_weights = sum(a * b for a, b in expected_shapes())
    n_biases = sum(SIZES[1:])
    value = _whole_number(n_parameters)
    if value is None:
        return Feedback(title, False, [f"Expected one whole number, got {n_parameters!r}."])
    hint = (
        "Count each layer's weights (rows × columns of its matrix) and its biases (one per "
        "neuron of the layer the weights go to), then add all layers up."
    )
    if value == expected:
        return Feedback(
            title,
            True,
            [f"{n_weights} weights + {n_biases} biases = {expected} parameters."],
        )
    if value == n_weights:
        messages = [f"{int(value)} is the number of weights: the biases are missing."]
    elif value == expected + SIZES[0]:
        messages = ["The input layer has no biases: its neurons just hold the inputs."]
    else:
        messages = [f"{value:g} is not the number of weights plus biases."]
    return Feedback(title, False, messages, hint)


FORWARD_TITLE = "Exercise 3: one forward step through a layer"


@never_raise(FORWARD_TITLE)
def check_forward_step(z, a):
    """Exercise 3: one layer's weighted input ``z = x @ W + b`` and ``a = relu(z)``.

    With x = (1, 2), W = [[1, −1, 0.5], [0, 2, −1]], b = (0.5, −1, 0):
    z = (1.5, 2, −1.5) and a = (1.5, 2, 0).
    """
    title = FORWARD_TITLE
    if unfinished(z) or unfinished(a):
        return not_yet_answered(title, "z and a")
    expected_z = STEP_X @ STEP_W + STEP_B
    expected_a = np.maximum(0.0, expected_z)
    messages, passed = [], True
    for name, got, want in (("z", z, expected_z), ("a", a, expected_a)):
        array = as_array(got)
        if array is None:
            messages.append(f"✗ {name} should be an array of 3 finite numbers, got {got!r}.")
            passed = False
            continue
        if array.shape != want.shape:
            messages.append(
                f"✗ {name} has shape {array.shape}; the layer has 3 neurons, so expected (3,)."
            )
            passed = False
        elif is_close(array, want):
            messages.append(f"✓ {name} = {np.round(want, 4).tolist()}")
        else:
            messages.append(
                f"✗ {name} = {np.round(array, 4).tolist()} is not right{_slip(name, array, z)}."
            )
            passed = False
    hint = (
        "z = x @ W + b: entry j is Σ_k x_k W[k, j] + b_j (column j of W holds the weights into "
        "neuron j). Then a = np.maximum(0, z), the ReLU."
    )
    return Feedback(title, passed, messages, hint)


def _slip(name, array, your_z):
    """A typical slip behind a wrong ``z`` or ``a`` of Exercise 3, as ': …', or ''."""
    z = STEP_X @ STEP_W + STEP_B
    yours = as_array(your_z, shape=z.shape)
    if name == "a" and yours is not None and not is_close(yours, z):
        if is_close(array, np.maximum(0.0, yours)):
            return ", but it is the ReLU of your z: fix z and a follows"
    if name == "z" and is_close(array, STEP_X @ STEP_W):
        return ": it is x @ W without the bias b"
    if name == "a" and is_close(array, z):
        return ": it still has the negative entry of z, so the ReLU is missing"
    if name == "a" and is_close(array, 1 / (1 + np.exp(-z))):
        return ": that is the sigmoid of z, but this layer uses the ReLU"
    return ""


# --------------------------------------------------------------------------------- exercise 4
#: Exercise 4: six bumps of width 1 on [−3, 3], two sigmoid neurons of steepness w each.
BUMP_EDGES = np.linspace(-3.0, 3.0, 7)
BUMP_STEEPNESS = 20.0
BUMP_TARGET_ERROR = 0.02
BUMPS_TITLE = "Exercise 4: build sin x from six bumps"


def bump_curve(x, heights, edges=BUMP_EDGES, steepness=BUMP_STEEPNESS):
    """ŷ(x) = Σᵢ hᵢ [σ(w(x − lᵢ)) − σ(w(x − rᵢ))]: the output of notebook 02's bump network
    (``helpers.widgets.bumps.bump_network``; tests/test_exercises_structure.py ties the two)."""
    x = np.asarray(x, dtype=float)[:, None]
    left, right = np.asarray(edges[:-1]), np.asarray(edges[1:])
    steps = sigmoid(steepness * (x - left)) - sigmoid(steepness * (x - right))
    return steps @ np.asarray(heights, dtype=float)


def bump_error(heights):
    """½·mean((ŷ − sin x)²) on 61 points of [−3, 3], as the bump builder shows it."""
    x = np.linspace(-3.0, 3.0, 61)
    return 0.5 * float(np.mean((bump_curve(x, heights) - np.sin(x)) ** 2))


@never_raise(BUMPS_TITLE)
def check_bump_heights(heights):
    """Exercise 4: six bump heights whose network follows y = sin x with error below 0.02.

    Passes on the error alone (any six heights that bring it under 0.02); a wrong answer is told
    which bump is furthest from the curve, and how the curve runs there, never the heights.
    """
    title = BUMPS_TITLE
    if unfinished(heights) or (
        isinstance(heights, (list, tuple)) and any(unfinished(h) for h in heights)
    ):
        return not_yet_answered(title, "six heights, one per bump")
    values = as_array(heights)
    if values is None or values.shape != (len(BUMP_EDGES) - 1,):
        return Feedback(
            title, False, [f"Expected six numbers (one height per bump), got {heights!r:.60}."]
        )
    error = bump_error(values)
    if error < BUMP_TARGET_ERROR:
        return Feedback(
            title,
            True,
            [
                f"Error {error:.4f} < {BUMP_TARGET_ERROR}: twelve hidden neurons, placed by hand, "
                "follow the curve. More, narrower bumps would bring it as close as you like."
            ],
        )
    x = np.linspace(-3.0, 3.0, 61)
    gaps = []
    for left, right in zip(BUMP_EDGES[:-1], BUMP_EDGES[1:], strict=True):
        inside = (x > left) & (x < right)
        gaps.append(float(np.mean(np.abs(bump_curve(x[inside], values) - np.sin(x[inside])))))
    worst = int(np.argmax(gaps))
    left, right = BUMP_EDGES[worst], BUMP_EDGES[worst + 1]
    curve = np.sin(np.linspace(left, right, 101))
    return Feedback(
        title,
        False,
        [
            f"Error {error:.4f}, not yet below {BUMP_TARGET_ERROR}.",
            f"Furthest from the curve: bump {worst + 1} (x from {left:g} to {right:g}), where "
            f"sin x stays between {curve.min():+.2f} and {curve.max():+.2f}; your height there "
            f"is {values[worst]:g}.",
        ],
        "A bump adds its height between its edges and nothing elsewhere: set each height to "
        "about the curve's value in the middle of its interval.",
    )
