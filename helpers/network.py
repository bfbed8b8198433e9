"""A fully connected neural network, from scratch with NumPy (slides "How to structure the
network" and "How to optimize weights and biases").

Notation (one row per sample, as everywhere in the course):

    a⁰ = X                          the input layer, shape (n, n₀)
    zˡ = aˡ⁻¹ Wˡ + bˡ               weighted input of layer l; Wˡ has shape (n_{l−1}, n_l), and
                                    its entry w^l_{kj} weights neuron k of layer l−1 into neuron j
    aˡ = f(zˡ)                      activation of layer l (softmax/sigmoid/linear for the output)
    ŷ = a^out                       the network's output, "out" the last layer

Training is mini-batch stochastic gradient descent: for each batch, Wˡ ← Wˡ − η ∂L/∂Wˡ and
bˡ ← bˡ − η ∂L/∂bˡ, with the gradient from backpropagation (notebook 07, equations BP1–BP4),
where L is the loss averaged over the batch.

The file reads as the lesson first: ``__init__``, the forward pass, ``backprop`` and the output
error, ``update_mini_batch``, ``mini_batches`` and ``fit``. Below the line "apparatus" comes
what makes it a tool (checks of the arguments, the scikit-learn-style methods ``predict``,
``score`` ..., the history, saving and loading) and the one combination only the playground
offers (softmax with the quadratic loss).
"""

import numpy as np

from . import network_io
from .activations import ACTIVATIONS, linear, sigmoid, sigmoid_prime, softmax
from .losses import binary_cross_entropy, cross_entropy, mse, one_hot
from .network_checks import (
    check_fit_settings,
    check_network_settings,
    check_sizes,
    divergence,
    divergence_ceiling,
    progress_every,
    progress_line,
)
from .validation import as_float_array, as_labels, check_argument

#: The output layer's activation a^out = f(z^out), by the name ``output_activation`` takes.
OUTPUTS = {"softmax": softmax, "sigmoid": sigmoid, "linear": linear}


class TrainingDiverged(ArithmeticError):
    """Raised by ``Network.fit`` when training runs away: the loss NaN or infinite or, for a
    classifier, far above where it started, or a weight beyond a million (``divergence``).
    ``history`` holds the epochs trained until then."""

    def __init__(self, message, history=None):
        super().__init__(message)
        self.history = history


class Network:
    """A fully connected feed-forward network.

    Parameters
    ----------
    sizes : list of int, e.g. [64, 32, 10]: neurons per layer, input layer first.
    hidden_activation : "sigmoid", "tanh", "relu" or "linear", used in every hidden layer.
    output_activation : the last layer's f: "softmax" (classes, probabilities that sum to 1),
        "sigmoid" (independent yes/no outputs, e.g. one output for two classes) or "linear"
        (regression).
    loss : "cross_entropy" or "mse" (the lecture's quadratic loss 1/(2n) Σ‖y − ŷ‖²).
        With sigmoid outputs "cross_entropy" is the binary cross-entropy.
    seed : a whole number >= 0, or None. The same seed gives bit-identical initial weights and
        training.

    Attributes
    ----------
    weights : list of arrays; ``weights[l-1]`` is Wˡ, of shape (sizes[l-1], sizes[l])
    biases : list of arrays; ``biases[l-1]`` is bˡ, of shape (sizes[l],)
    rng : the NumPy random generator, seeded by ``seed``: it draws the initial weights, then
        shuffles the samples in ``mini_batches`` (and so in ``fit``)
    history_ : the history of the last call to ``fit`` (also when it was interrupted)

    The index shift, once: Python lists start at 0 but layers at 1, and the input layer 0 has
    no weights. So ``weights[l-1]``, ``biases[l-1]`` and ``zs[l-1]`` are Wˡ, bˡ and zˡ, while
    the list of activations starts with the input, ``activations[l]`` = aˡ (a⁰ = X). Entry
    ``weights[l-1][k, j]`` is w^l_{kj}, the weight from neuron k of layer l−1 to neuron j of l.

    Example
    -------
    >>> net = Network([2, 8, 2], hidden_activation="tanh", seed=0)
    >>> history = net.fit(X, y, epochs=50, batch_size=16, learning_rate=0.5)
    >>> net.accuracy(X, y)
    """

    def __init__(
        self,
        sizes,
        hidden_activation="sigmoid",
        output_activation="softmax",
        loss="cross_entropy",
        seed=None,
    ):
        self.sizes = check_sizes(sizes)
        check_network_settings(self.sizes, hidden_activation, output_activation, loss, seed)
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.loss_name = loss
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        # Weights ~ Normal(0, gain / fan_in): the weighted input z then starts neither tiny nor
        # huge, whatever the layer's width (gain 2 for ReLU, "He" initialisation; 1 otherwise).
        gain = 2.0 if hidden_activation == "relu" else 1.0
        self.weights = [
            self.rng.normal(0.0, np.sqrt(gain / n_in), size=(n_in, n_out))
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True)
        ]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]
        self.history_ = None
        self._velocities = None  # momentum's v, one per parameter array (see update_mini_batch)

    # ------------------------------------------------------------------------ forward pass
    def _feedforward(self, X):
        """The forward pass, keeping what backpropagation needs: zs = [z¹, ..., z^out] and
        activations = [a⁰ = X, a¹, ..., a^out = ŷ]."""
        f = ACTIVATIONS[self.hidden_activation][0]
        zs, activations = [], [X]
        for l, (W, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            z = activations[-1] @ W + b  # zˡ = aˡ⁻¹ Wˡ + bˡ, for the whole batch at once
            zs.append(z)
            last = l == len(self.weights)
            activations.append(OUTPUTS[self.output_activation](z) if last else f(z))  # f(zˡ)
        return zs, activations

    # --------------------------------------------------------------------- backpropagation
    def backprop(self, X, Y):
        """The gradient of the mean loss L over the batch, by backpropagation (notebook 07).

        ``X`` has shape (n, sizes[0]), ``Y`` holds the targets in the network's own form
        (``targets(y)``), shape (n, sizes[-1]). Returns (nabla_w, nabla_b), lists shaped like
        ``weights`` and ``biases``: nabla_w[l-1] = ∂L/∂Wˡ and nabla_b[l-1] = ∂L/∂bˡ.
        """
        X, Y = self._check_batch(X, Y)
        f_prime = ACTIVATIONS[self.hidden_activation][1]
        zs, activations = self._feedforward(X)  # forward pass: keep every z and a
        n_layers = len(self.weights)  # the number of the last layer, "out"
        nabla_w, nabla_b = [None] * n_layers, [None] * n_layers
        delta = self._output_error(zs[-1], activations[-1], Y)  # (BP1) δ^out
        for l in range(n_layers, 0, -1):  # backward pass: l = out, out−1, ..., 1
            nabla_w[l - 1] = activations[l - 1].T @ delta  # (BP3) ∂L/∂Wˡ = (aˡ⁻¹)ᵀ δˡ
            nabla_b[l - 1] = delta.sum(axis=0)  # (BP4) ∂L/∂bˡ = Σ over the samples of δˡ
            if l > 1:  # (BP2) δˡ⁻¹ = (δˡ Wˡᵀ) ⊙ f'(zˡ⁻¹)
                delta = (delta @ self.weights[l - 1].T) * f_prime(zs[l - 2])
        return nabla_w, nabla_b

    def _output_error(self, z, a, Y):
        """(BP1) δ^out = ∂L/∂z^out = ∇ₐL ⊙ f'(z^out) for the batch, with the loss's 1/n inside."""
        n = Y.shape[0]
        if self.loss_name == "cross_entropy" or self.output_activation == "linear":
            # softmax + cross-entropy, sigmoid + binary cross-entropy and linear + quadratic
            # loss: f' cancels against ∇ₐL (or is 1), leaving δ^out = (a^out − y)/n
            return (a - Y) / n
        if self.output_activation == "sigmoid":  # quadratic loss: (a^out − y) ⊙ σ'(z^out) / n
            return (a - Y) * sigmoid_prime(z) / n
        return softmax_quadratic_error(a, Y) / n  # playground only: see there

    # ------------------------------------------------------------------------------ training
    def update_mini_batch(self, X, Y, learning_rate, *, momentum=0.0, weight_decay=0.0):
        """One step of gradient descent on the mini-batch (X, Y), Y in the form of ``targets``:

            Wˡ ← Wˡ − η (∂L/∂Wˡ + λ Wˡ),    bˡ ← bˡ − η ∂L/∂bˡ

        η = ``learning_rate``; ``weight_decay`` λ adds λ/2 Σ W² to the loss (L2); biases are
        not regularised (the playground's L1 is its own step after this one). With
        ``momentum`` μ > 0 every parameter θ moves by a velocity instead: v ← μ v − η g,
        θ ← θ + v (g its gradient above), a heavy ball that rolls through flat parts; v starts
        at 0 in each ``fit`` and is kept between calls. The arrays are updated in place.
        """
        check_argument(learning_rate, "learning_rate")
        check_argument(momentum, "momentum")
        check_argument(weight_decay, "weight_decay")
        nabla_w, nabla_b = self.backprop(X, Y)
        for W, g in zip(self.weights, nabla_w, strict=True):
            if weight_decay:  # ∂/∂W of λ/2 Σ W² is λ W
                g += weight_decay * W
        params, grads = self.weights + self.biases, nabla_w + nabla_b
        if not momentum:
            for theta, g in zip(params, grads, strict=True):
                theta -= learning_rate * g  # θ ← θ − η g
            return
        if self._velocities is None:
            self._velocities = [np.zeros_like(theta) for theta in params]
        for theta, g, v in zip(params, grads, self._velocities, strict=True):
            v *= momentum  # v ← μ v − η g
            v -= learning_rate * g
            theta += v  # θ ← θ + v

    def mini_batches(self, X, Y, batch_size):
        """Shuffle the samples with ``rng`` (a new order at every call) and yield (X, Y) batches
        of ``batch_size`` rows (the last one may be smaller): one epoch of mini-batches."""
        check_argument(batch_size, "batch_size")
        if len(X) != len(Y):
            raise ValueError(f"X has {len(X)} samples but Y has {len(Y)}: expected one row each")
        order = self.rng.permutation(len(X))
        X_shuffled, Y_shuffled = X[order], Y[order]  # batches are then slices (no copies)
        for start in range(0, len(X), batch_size):
            yield X_shuffled[start : start + batch_size], Y_shuffled[start : start + batch_size]

    def fit(
        self,
        X,
        y,
        epochs=10,
        batch_size=32,
        learning_rate=0.1,
        momentum=0.0,
        weight_decay=0.0,
        anneal=False,
        validation_data=None,
        verbose=False,
    ):
        """Train with mini-batch stochastic gradient descent, continuing from the current
        weights, and return the history of this call.

        Each epoch shuffles the samples, cuts them into batches of ``batch_size`` and, for each
        batch, takes one step W ← W − η ∂L/∂W, b ← b − η ∂L/∂b (η = ``learning_rate``,
        ``update_mini_batch``). ``batch_size=len(X)`` is plain gradient descent;
        ``batch_size=1`` is pure SGD.

        The contract: ``fit`` never starts afresh. Calling it twice with 5 epochs trains the
        same network as far as once with 10 (apart from momentum, whose velocity starts at rest
        in every call, and ``anneal``'s schedule); a new ``Network`` starts from new weights.
        The history returned (also kept in ``history_``) covers this call's epochs only: a dict
        of per-epoch lists, "loss" and, for classifiers, "accuracy" on the training data;
        "val_loss" and "val_accuracy" with validation data.

        Extras (off by default, so the defaults are the lecture's plain SGD): ``momentum`` μ and
        ``weight_decay`` λ (L2), see ``update_mini_batch``; ``anneal``: if True, η falls
        linearly over the run, from η in the first epoch to η/epochs in the last (big steps
        first, then small ones that settle into the minimum).
        ``validation_data=(X_val, y_val)`` is scored after every epoch.
        ``verbose``: print a progress line about ten times per run (True) or every k epochs (k).

        Raises ``TrainingDiverged`` when the loss becomes NaN or infinite or, for a classifier,
        whose loss stays finite, rises far above where it started or a weight runs away
        (``DIVERGED_FACTOR``, ``MAX_WEIGHT``). The weights are left as they ran away, the
        history so far is in ``history_``.
        Interrupted (Kernel → Interrupt, Ctrl+C), it keeps the weights trained so far and the
        history of the finished epochs in ``history_``, says so, and stops.
        """
        X, Y = self._check_data(X, y)
        check_fit_settings(epochs, batch_size, learning_rate, momentum, weight_decay, anneal)
        every = progress_every(verbose, epochs)
        scored = {"": (X, Y), **self._validation_set(validation_data)}
        history = self.history_ = {f"{p}{key}": [] for p in scored for key in self._scores()}
        ceiling = divergence_ceiling(self, X, Y)  # None for a regression
        self._velocities = None  # momentum starts from rest
        epoch = 0
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # divergence is checked below
                for epoch in range(1, epochs + 1):
                    eta = learning_rate * (1 - (epoch - 1) / epochs) if anneal else learning_rate
                    for X_batch, Y_batch in self.mini_batches(X, Y, batch_size):
                        self.update_mini_batch(
                            X_batch, Y_batch, eta, momentum=momentum, weight_decay=weight_decay
                        )
                    for prefix, (X_s, Y_s) in scored.items():
                        self._record(history, prefix, X_s, Y_s)
                    self._check_diverged(history, epoch, learning_rate, ceiling)
                    if every and (epoch % every == 0 or epoch == epochs):
                        print(progress_line(history, epoch, epochs))
        except KeyboardInterrupt:
            done = len(history["loss"])
            print(
                f"Training interrupted during epoch {epoch} of {epochs}: the network keeps the "
                f"weights trained so far, and net.history_ the {done} finished epoch(s)."
            )
            raise
        return history

    # ================================================================== apparatus from here on
    # ------------------------------------------------------------------------------ history
    def _scores(self):
        """What the history records: the loss, and the accuracy for a classifier."""
        return ("loss",) if self.output_activation == "linear" else ("loss", "accuracy")

    def _record(self, history, prefix, X, Y):
        """Append the loss (and accuracy) on (X, Y) to the history."""
        y_hat = self._output(X)
        finite = np.all(np.isfinite(y_hat))
        history[prefix + "loss"].append(self._loss_of(Y, y_hat) if finite else float("nan"))
        if prefix + "accuracy" in history:
            history[prefix + "accuracy"].append(float(np.mean(class_of(y_hat) == class_of(Y))))

    def baseline_loss(self, y):
        """The loss of a network that knows nothing: one that always outputs the mean target
        (for classes: each class's share). ``fit`` uses it to recognise divergence whatever the
        loss (a cross-entropy clipped at ln(1/ε) stays finite when the outputs run away)."""
        Y = self.targets(y)
        y_bar = Y.mean(axis=0, keepdims=True)
        if self.loss_name == "cross_entropy":  # linear in y: the mean of L(y, ȳ) is L(ȳ, ȳ)
            return float(self._loss_of(y_bar, y_bar))
        return float(self._loss_of(Y, np.broadcast_to(y_bar, Y.shape)))

    def _check_diverged(self, history, epoch, learning_rate, ceiling):
        """Raise ``TrainingDiverged`` if the last epoch's loss ran away (see ``divergence``)."""
        loss = history["loss"][-1]
        what = divergence(loss, self.weights, None if ceiling is None else ceiling.for_loss(loss))
        if what:
            raise TrainingDiverged(
                f"training diverged at epoch {epoch}: {what}. The learning rate "
                f"({learning_rate}) is probably too large: try a smaller one.",
                history,
            )

    # ---------------------------------------------------- the scikit-learn-style methods
    def __repr__(self):
        return (
            f"Network({self.sizes}, hidden_activation={self.hidden_activation!r}, "
            f"output_activation={self.output_activation!r}, loss={self.loss_name!r}, "
            f"seed={self.seed!r})"
        )

    def _output(self, X, chunk=256):
        """ŷ for a checked X, computed ``chunk`` rows at a time. A speed trick: the same numbers
        as one pass, but small temporaries that stay in the CPU cache (a whole data set at once
        is much slower)."""
        pieces = [self._feedforward(X[i : i + chunk])[1][-1] for i in range(0, len(X), chunk)]
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)

    def forward_layers(self, X):
        """Every layer's activations for X of shape (n, sizes[0]): [a⁰ = X, a¹, ..., a^out = ŷ],
        aˡ of shape (n, sizes[l]). (``forward`` returns only the last one.)"""
        return self._feedforward(self._check_X(X))[1]

    def forward(self, X):
        """Output activations ŷ = a^out for X of shape (n_samples, sizes[0]): (n, sizes[-1])."""
        return self._output(self._check_X(X))

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), as in scikit-learn.

        Softmax outputs are ŷ itself; one sigmoid output p gives the two columns (1 − p, p).
        A linear (regression) network has none: it raises ``ValueError``.
        """
        self._require_classifier("predict_proba")
        y_hat = self.forward(X)
        return np.column_stack([1.0 - y_hat[:, 0], y_hat[:, 0]]) if y_hat.shape[1] == 1 else y_hat

    def predict(self, X):
        """Predicted class labels, shape (n_samples,): the largest output (``class_of``).
        A linear (regression) network returns its outputs ŷ, shape (n_samples, sizes[-1])."""
        y_hat = self.forward(X)
        return y_hat if self.output_activation == "linear" else class_of(y_hat)

    def accuracy(self, X, y):
        """Fraction of samples whose predicted class equals the true class (labels or one-hot)."""
        self._require_classifier("accuracy")
        X, Y = self._check_data(X, y)
        return float(np.mean(class_of(self._output(X)) == class_of(Y)))

    score = accuracy  # scikit-learn's name

    def _require_classifier(self, method):
        if self.output_activation == "linear":
            raise ValueError(
                f'{method} needs a classifier: this network has output_activation="linear"'
            )

    def _loss_of(self, Y, y_hat):
        if self.loss_name == "mse":
            return mse(Y, y_hat)
        if self.output_activation == "sigmoid":
            return binary_cross_entropy(Y, y_hat)
        return cross_entropy(Y, y_hat)

    def loss(self, X, y):
        """The network's loss L on (X, y), averaged over the n samples: the cross-entropy
        L = −1/n Σ_x y · ln ŷ, or the quadratic loss L = 1/(2n) Σ_x ‖y − ŷ‖²."""
        X, Y = self._check_data(X, y)
        return self._loss_of(Y, self._output(X))

    def gradients(self, X, y):
        """``backprop`` for data as ``fit`` takes it (labels or targets, checked): returns
        (nabla_w, nabla_b), nabla_w[l-1] = ∂L/∂Wˡ and nabla_b[l-1] = ∂L/∂bˡ of ``loss(X, y)``."""
        return self.backprop(*self._check_data(X, y))

    # ------------------------------------------------------------- data in the network's form
    def targets(self, y):
        """The targets Y in the network's own form: one row per sample, shape (n, sizes[-1]).

        Integer class labels become one-hot rows (for a single sigmoid output: the column of
        labels 0/1); rows of targets (one-hot, soft, or a regression's values) are checked and
        returned as floats.
        """
        n_out = self.sizes[-1]
        Y = as_float_array(y, "y", ndim=(1, 2))
        if Y.ndim == 1 and self.output_activation != "linear":  # class labels
            if n_out == 1:  # one sigmoid output: the labels 0/1 are the targets
                return as_labels(Y, "y", n_classes=2).astype(float)[:, None]
            return one_hot(as_labels(Y, "y", n_classes=n_out), n_out)
        if Y.ndim == 1:
            Y = Y[:, None]
        if Y.shape[1] != n_out:
            raise ValueError(
                f"y has {Y.shape[1]} columns but the network has {n_out} outputs: expected "
                f"integer labels of shape (n_samples,) or targets of shape (n_samples, {n_out})"
            )
        return Y

    def _check_X(self, X):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X has {X.shape[1]} features per sample but the network's input layer has "
                f"{self.sizes[0]} neurons: expected X of shape (n_samples, {self.sizes[0]})"
            )
        return X

    def _check_data(self, X, y):
        """(X, Y): checked inputs and targets in the network's form, one row per sample each."""
        X = self._check_X(X)
        Y = self.targets(y)
        if Y.shape[0] != X.shape[0]:
            raise ValueError(
                f"X has {X.shape[0]} samples but y has {Y.shape[0]}: "
                "expected one target per row of X"
            )
        return X, Y

    def _check_batch(self, X, Y):
        """Cheap shape checks for ``backprop``'s X and Y (the data is checked once by ``fit``)."""
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        expected = (len(X), self.sizes[-1])
        if X.ndim != 2 or X.shape[1] != self.sizes[0] or Y.shape != expected:
            raise ValueError(
                f"backprop needs X of shape (n, {self.sizes[0]}) and Y of shape (n, "
                f"{self.sizes[-1]}) (see targets(y)), got {X.shape} and {Y.shape}"
            )
        return X, Y

    def _validation_set(self, validation_data):
        """{"val_": (X_val, Y_val)} checked, or {} without validation data."""
        if validation_data is None:
            return {}
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise ValueError("validation_data must be a pair (X_val, y_val)")
        return {"val_": self._check_data(*validation_data)}

    # -------------------------------------------------------------------------- save and load
    def save(self, path, verbose=True):
        """Save the network to the NumPy ``.npz`` file ``path`` (".npz" is added when missing):
        its sizes and settings, and W1, b1, W2, ... (Wˡ = ``weights[l-1]``), no pickle.
        ``Network.load(path)`` reads it back. Prints where it wrote (``verbose=False``: not)
        and returns that absolute path. A save that fails never leaves a half-written file in
        place of a good one. (The history and the random generator's state are not saved;
        ``pickle`` keeps them.)"""
        settings = {
            "sizes": np.array(self.sizes),
            "hidden_activation": self.hidden_activation,
            "output_activation": self.output_activation,
            "loss": self.loss_name,
            "seed": str(self.seed),
        }
        where = network_io.write_network(path, settings, self.weights, self.biases)
        if verbose:
            print(f"saved the network to {where}")
        return where

    @classmethod
    def load(cls, path):
        """The network saved by ``save(path)``: the same predictions. ``path`` may leave out
        ".npz". Its ``rng`` starts afresh from the saved seed. A file that is missing, not a
        saved network, damaged or holding NaN weights raises an error saying so."""
        path, settings, weights, biases = network_io.read_network(path)
        try:
            net = cls(**settings)
        except (TypeError, ValueError) as error:
            raise ValueError(f"'{path}' holds settings Network does not take: {error}") from None
        for W, b, W_saved, b_saved in zip(net.weights, net.biases, weights, biases, strict=True):
            W[...], b[...] = W_saved, b_saved
        return net


def class_of(outputs):
    """The one rule for "the class is the largest output", for rows of outputs (n, k).

    Returns the index of each row's largest output, shape (n,). A single output p (one sigmoid
    neuron for two classes) stands for the two outputs (1 − p, p): class 1 if p > 0.5, else 0.
    Used for predictions (on ŷ) and for targets (on one-hot rows y) alike.
    """
    if outputs.shape[1] == 1:
        return (outputs[:, 0] > 0.5).astype(int)
    return np.argmax(outputs, axis=1)


# ------------------------------- offered by the playground, not used by the lecture
def softmax_quadratic_error(a, Y):
    """n·δ^out for a softmax output with the quadratic loss: a combination the lecture does not
    use, but the playground offers.

    With g = ∂L/∂a^out = a^out − y (times 1/n), BP1 is not g ⊙ f'(z^out): each softmax output
    depends on every z^out_i, ∂a_j/∂z_i = a_j (1[i = j] − a_i), so δ_i = Σ_j g_j ∂a_j/∂z_i
    = a_i (g_i − g · a).
    """
    g = a - Y
    return a * (g - np.sum(g * a, axis=1, keepdims=True))
