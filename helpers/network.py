"""A fully connected neural network, from scratch with NumPy (slides "How to structure the
network" and "How to optimize weights and biases").

Notation (as in the lecture, one row per sample):

    a⁰ = X                          the input layer
    zˡ = aˡ⁻¹ Wˡ + bˡ               weighted input of layer l
    aˡ = f(zˡ)                      activation of layer l (softmax/sigmoid/linear for the output)
    ŷ = aᴸ                          the network's output

``weights[l]`` has shape (sizes[l], sizes[l+1]): entry [k, j] is the weight from neuron k of one
layer to neuron j of the next (the layout of scikit-learn's ``MLPClassifier.coefs_``), so a whole
batch goes through a layer with one matrix product.

Training is mini-batch stochastic gradient descent: for each batch, W ← W − η ∂L/∂W and
b ← b − η ∂L/∂b, with the gradient from backpropagation (notebook 07).
"""

import numpy as np

from ._validation import as_float_array, as_labels, check_choice, check_positive
from .activations import ACTIVATIONS, sigmoid
from .losses import binary_cross_entropy, cross_entropy, mse, one_hot

OUTPUTS = ("softmax", "sigmoid", "linear")
LOSSES = ("cross_entropy", "mse")


#: f'(z) written with the activation a = f(z) itself, which the forward pass has already computed,
#: so backpropagation does not evaluate f again: σ' = a(1 − a), tanh' = 1 − a², ReLU' = [a > 0].
PRIME_FROM_ACTIVATION = {
    "sigmoid": lambda a: a * (1.0 - a),
    "tanh": lambda a: 1.0 - a * a,
    "relu": lambda a: a > 0,  # a boolean mask: True counts as 1, False as 0
    "linear": lambda a: 1.0,
}


class TrainingDiverged(ArithmeticError):
    """Raised by ``Network.fit`` when the loss becomes NaN or infinite."""


class Network:
    """A fully connected feed-forward network.

    Parameters
    ----------
    sizes : list of int, e.g. [64, 32, 10]: neurons per layer, input layer first.
    hidden_activation : "sigmoid", "tanh", "relu" or "linear", used in every hidden layer.
    output : "softmax" (classes, probabilities that sum to 1), "sigmoid" (independent yes/no
        outputs, e.g. one output for two classes) or "linear" (regression).
    loss : "cross_entropy" or "mse" (the lecture's quadratic loss 1/(2n) Σ‖y − ŷ‖²).
        With sigmoid outputs "cross_entropy" is the binary cross-entropy.
    seed : int or None. The same seed gives bit-identical initial weights and training.

    Attributes
    ----------
    weights : list of arrays, weights[l] of shape (sizes[l], sizes[l+1])
    biases : list of arrays, biases[l] of shape (sizes[l+1],)
    history_ : the dict returned by the last call to ``fit``

    Example
    -------
    >>> net = Network([2, 8, 2], hidden_activation="tanh", seed=0)
    >>> history = net.fit(X, y, epochs=50, batch_size=16, learning_rate=0.5)
    >>> net.accuracy(X, y)
    """

    def __init__(
        self, sizes, hidden_activation="sigmoid", output="softmax", loss="cross_entropy", seed=None
    ):
        sizes = list(sizes) if np.ndim(sizes) == 1 else sizes
        if not isinstance(sizes, list) or len(sizes) < 2:
            raise ValueError(
                f"sizes must list at least two layer sizes (input and output), got {sizes!r}"
            )
        for size in sizes:
            check_positive(size, "every entry of sizes", integer=True)
        check_choice(hidden_activation, "hidden_activation", tuple(ACTIVATIONS))
        check_choice(output, "output", OUTPUTS)
        check_choice(loss, "loss", LOSSES)
        if output == "linear" and loss == "cross_entropy":
            raise ValueError(
                'loss="cross_entropy" needs probabilities: use output="softmax" or "sigmoid", '
                'or loss="mse" for a linear (regression) output'
            )
        if output == "softmax" and sizes[-1] < 2:
            raise ValueError('output="softmax" needs at least 2 output neurons (one per class)')
        self.sizes = [int(s) for s in sizes]
        self.hidden_activation = hidden_activation
        self.output = output
        self.loss_name = loss
        self.seed = seed
        self._f = ACTIVATIONS[hidden_activation][0]
        self._f_prime_of_a = PRIME_FROM_ACTIVATION[hidden_activation]
        self._rng = np.random.default_rng(seed)
        # Weights ~ Normal(0, gain / fan_in): the weighted input z then starts neither tiny nor
        # huge, whatever the layer's width (gain 2 for ReLU, "He" initialisation; 1 otherwise).
        gain = 2.0 if hidden_activation == "relu" else 1.0
        self.weights = [
            self._rng.normal(0.0, np.sqrt(gain / n_in), size=(n_in, n_out))
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True)
        ]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]
        self.history_ = None

    def __repr__(self):
        return (
            f"Network({self.sizes}, hidden_activation={self.hidden_activation!r}, "
            f"output={self.output!r}, loss={self.loss_name!r}, seed={self.seed!r})"
        )

    # ----------------------------------------------------------------------------- checks
    def _check_X(self, X):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X has {X.shape[1]} features per sample but the network's input layer has "
                f"{self.sizes[0]} neurons: expected X of shape (n_samples, {self.sizes[0]})"
            )
        return X

    def _targets(self, y, n_samples):
        """Targets as rows of shape (n, sizes[-1]): integer labels become one-hot rows."""
        n_out = self.sizes[-1]
        y_array = np.asarray(y)
        if y_array.ndim == 1 and self.output != "linear":
            if n_out == 1:  # one sigmoid output: the labels 0/1 are the targets
                Y = as_labels(y_array, "y", n_classes=2).astype(float)[:, None]
            else:
                Y = one_hot(as_labels(y_array, "y", n_classes=n_out), n_out)
        else:
            Y = as_float_array(y, "y", ndim=(1, 2))
            if Y.ndim == 1:
                Y = Y[:, None]
            if Y.shape[1] != n_out:
                raise ValueError(
                    f"y has {Y.shape[1]} columns but the network has {n_out} outputs: expected "
                    f"integer labels of shape (n_samples,) or targets of shape (n_samples, {n_out})"
                )
        if Y.shape[0] != n_samples:
            raise ValueError(
                f"X has {n_samples} samples but y has {Y.shape[0]}: "
                "expected one target per row of X"
            )
        return Y

    # ------------------------------------------------------------------------ forward pass
    def _output_activation(self, z):
        """aᴸ = softmax(zᴸ), σ(zᴸ) or zᴸ itself. (``z`` may be overwritten.)"""
        if self.output == "softmax":  # helpers.softmax, done in place: z − max, e^z, / Σ
            z -= z.max(axis=1, keepdims=True)
            np.exp(z, out=z)
            z /= z.sum(axis=1, keepdims=True)
            return z
        if self.output == "sigmoid":
            return sigmoid(z)
        return z

    def _forward_all(self, X):
        """Forward pass keeping every layer's activations: [a⁰ = X, a¹, ..., aᴸ = ŷ].

        (Backpropagation needs only these: f'(zˡ) is computed from aˡ, see PRIME_FROM_ACTIVATION.)
        """
        activations = [X]
        last = len(self.weights) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = activations[-1] @ W  # zˡ = aˡ⁻¹ Wˡ + bˡ, for the whole batch at once
            z += b  # (adding in place saves a temporary array: training is faster)
            activations.append(self._output_activation(z) if l == last else self._f(z))
        return activations

    def _output(self, X, chunk=256):
        """ŷ for a checked X, computed ``chunk`` rows at a time: the same numbers, but small
        temporaries that stay in the CPU cache (a whole data set at once is much slower)."""
        if X.shape[0] <= chunk:
            return self._forward_all(X)[-1]
        return np.concatenate(
            [self._forward_all(X[i : i + chunk])[-1] for i in range(0, X.shape[0], chunk)]
        )

    def forward_layers(self, X):
        """Every layer's activations for X of shape (n, sizes[0]): [a⁰ = X, a¹, ..., aᴸ = ŷ],
        aˡ of shape (n, sizes[l]). (``forward`` returns only the last one.)"""
        return self._forward_all(self._check_X(X))

    def forward(self, X):
        """Output activations ŷ = aᴸ for X of shape (n_samples, sizes[0]): shape (n, sizes[-1])."""
        return self._output(self._check_X(X))

    def predict(self, X):
        """Predicted class labels, shape (n_samples,): the most probable output neuron
        (a single sigmoid output: 1 if ŷ > 0.5). A linear (regression) network returns ŷ."""
        y_hat = self.forward(X)
        if self.output == "linear":
            return y_hat
        if y_hat.shape[1] == 1:
            return (y_hat[:, 0] > 0.5).astype(int)
        return np.argmax(y_hat, axis=1)

    def accuracy(self, X, y):
        """Fraction of samples whose predicted class equals the true class (labels or one-hot)."""
        if self.output == "linear":
            raise ValueError('accuracy needs a classifier: this network has output="linear"')
        X = self._check_X(X)
        Y = self._targets(y, X.shape[0])
        labels = (Y[:, 0] > 0.5).astype(int) if Y.shape[1] == 1 else np.argmax(Y, axis=1)
        return float(np.mean(self.predict(X) == labels))

    score = accuracy  # scikit-learn's name

    def _loss_of(self, Y, y_hat):
        if self.loss_name == "mse":
            return mse(Y, y_hat)
        if self.output == "sigmoid":
            return binary_cross_entropy(Y, y_hat)
        return cross_entropy(Y, y_hat)

    def loss(self, X, y):
        """The network's loss L on (X, y): cross-entropy or the quadratic loss, averaged over n."""
        X = self._check_X(X)
        return self._loss_of(self._targets(y, X.shape[0]), self._output(X))

    # --------------------------------------------------------------------- backpropagation
    def _output_delta(self, Y, activations, scale=1.0):
        """δᴸ = ∂L/∂zᴸ for the whole batch (already divided by n), times ``scale``."""
        a, n = activations[-1], Y.shape[0]
        if self.loss_name == "cross_entropy":
            # softmax + cross-entropy and sigmoid + binary cross-entropy both give δ = (a − y)/n
            delta = a - Y
            delta *= scale / n
            return delta
        grad_a = (a - Y) * (scale / n)  # ∂L/∂a for L = 1/(2n) Σ‖y − a‖²
        if self.output == "softmax":  # the softmax mixes its inputs: δ_i = a_i (g_i − Σ_j g_j a_j)
            return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))
        if self.output == "sigmoid":
            return grad_a * a * (1.0 - a)  # σ'(z) = σ(z)(1 − σ(z))
        return grad_a

    def _backprop(self, X, Y, scale=1.0):
        """(dW, db) for checked X and targets Y, every entry multiplied by ``scale``: ``fit``
        passes η and gets the steps η ∂L/∂W, η ∂L/∂b at no extra cost (δ is linear in L)."""
        activations = self._forward_all(X)
        delta = self._output_delta(Y, activations, scale)
        dW = [None] * len(self.weights)
        db = [None] * len(self.biases)
        for l in range(len(self.weights) - 1, -1, -1):
            dW[l] = activations[l].T @ delta  # ∂L/∂Wˡ = (aˡ⁻¹)ᵀ δˡ
            db[l] = delta.sum(axis=0)  # ∂L/∂bˡ = Σ over samples of δˡ
            if l > 0:  # δˡ⁻¹ = (δˡ Wˡᵀ) ⊙ f'(zˡ⁻¹), with f'(zˡ⁻¹) computed from aˡ⁻¹ = f(zˡ⁻¹)
                delta = delta @ self.weights[l].T
                delta *= self._f_prime_of_a(activations[l])
        return dW, db

    def gradients(self, X, y):
        """Gradient of ``loss(X, y)`` by backpropagation over the whole batch.

        Returns (dW, db): lists shaped like ``weights`` and ``biases``, with
        dW[l] = ∂L/∂weights[l] and db[l] = ∂L/∂biases[l].
        """
        X = self._check_X(X)
        return self._backprop(X, self._targets(y, X.shape[0]))

    # ------------------------------------------------------------------------------ training
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
        """Train with mini-batch stochastic gradient descent.

        Each epoch shuffles the samples, cuts them into batches of ``batch_size`` and, for each
        batch, takes one step W ← W − η ∂L/∂W, b ← b − η ∂L/∂b (η = ``learning_rate``).
        ``batch_size=len(X)`` is plain gradient descent; ``batch_size=1`` is pure SGD.

        Extras (off by default, so the defaults are the lecture's plain SGD):
        ``momentum`` μ: v ← μ v − η ∂L/∂W, W ← W + v (a heavy ball that rolls through flat parts);
        ``weight_decay`` λ: adds λ/2 Σ W² to the loss being minimised (L2 regularisation);
        ``anneal``: if True, η falls linearly over the run, from η in the first epoch to η/epochs
        in the last (big steps first, then small ones that settle into the minimum).
        ``validation_data=(X_val, y_val)`` is scored after every epoch.
        ``verbose``: print a progress line about ten times per run (True) or every k epochs (k).

        Returns the history, a dict of per-epoch lists: "loss" and, for classifiers, "accuracy"
        on the training data; "val_loss" and "val_accuracy" with validation data.
        Raises ``TrainingDiverged`` if the loss becomes NaN or inf.
        """
        X = self._check_X(X)
        Y = self._targets(y, X.shape[0])
        if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
            raise ValueError(f"epochs must be a whole number >= 0, got {epochs!r}")
        check_positive(batch_size, "batch_size", integer=True)
        check_positive(learning_rate, "learning_rate")
        for name, value in (("momentum", momentum), ("weight_decay", weight_decay)):
            if isinstance(value, bool) or not isinstance(
                value, (int, float, np.integer, np.floating)
            ):
                raise TypeError(f"{name} must be a number, got {value!r}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be >= 0 and < 1, got {momentum!r}")
        if not 0 <= weight_decay < np.inf:
            raise ValueError(f"weight_decay must be a finite number >= 0, got {weight_decay!r}")
        if validation_data is not None:
            if len(validation_data) != 2:
                raise ValueError("validation_data must be a pair (X_val, y_val)")
            X_val = self._check_X(validation_data[0])
            Y_val = self._targets(validation_data[1], X_val.shape[0])
        every = max(1, epochs // 10) if verbose is True else int(verbose)

        classifier = self.output != "linear"
        history = {"loss": []}
        if classifier:
            history["accuracy"] = []
        if validation_data is not None:
            history["val_loss"] = []
            if classifier:
                history["val_accuracy"] = []
        params = self.weights + self.biases  # updated in place, so these stay the same arrays
        velocities = [np.zeros_like(p) for p in params] if momentum else None
        n = X.shape[0]
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is checked below
            for epoch in range(1, epochs + 1):
                eta = learning_rate * (1 - (epoch - 1) / epochs) if anneal else learning_rate
                order = self._rng.permutation(n)  # a new random order every epoch
                X_shuffled, Y_shuffled = X[order], Y[order]  # batches are then slices (no copies)
                for start in range(0, n, batch_size):
                    X_batch = X_shuffled[start : start + batch_size]
                    Y_batch = Y_shuffled[start : start + batch_size]
                    dW, db = self._backprop(X_batch, Y_batch, scale=eta)  # η ∂L/∂θ
                    if weight_decay:  # ∂/∂W of λ/2 Σ W² is λ W (biases are not decayed)
                        for W, g in zip(self.weights, dW, strict=True):
                            g += (eta * weight_decay) * W
                    for l, (p, g) in enumerate(zip(params, dW + db, strict=True)):
                        if momentum:  # v ← μ v − η ∂L/∂θ, then θ ← θ + v
                            velocities[l] *= momentum
                            velocities[l] -= g
                            p += velocities[l]
                        else:  # θ ← θ − η ∂L/∂θ
                            p -= g
                self._record(history, X, Y, "")
                if validation_data is not None:
                    self._record(history, X_val, Y_val, "val_")
                if not np.isfinite(history["loss"][-1]):
                    raise TrainingDiverged(
                        f"training diverged at epoch {epoch}: the loss became "
                        f"{history['loss'][-1]}. The learning rate ({learning_rate}) is probably "
                        "too large: try a smaller one."
                    )
                if every and (epoch % every == 0 or epoch == epochs):
                    print(self._progress_line(history, epoch, epochs))
        self.history_ = history
        return history

    def _record(self, history, X, Y, prefix):
        """Append the loss (and accuracy) on (X, Y) to the history."""
        y_hat = self._output(X)
        if not np.all(np.isfinite(y_hat)):
            history[prefix + "loss"].append(float("nan"))
        else:
            history[prefix + "loss"].append(self._loss_of(Y, y_hat))
        if prefix + "accuracy" in history:
            if Y.shape[1] == 1:
                right = (y_hat[:, 0] > 0.5) == (Y[:, 0] > 0.5)
            else:
                right = np.argmax(y_hat, axis=1) == np.argmax(Y, axis=1)
            history[prefix + "accuracy"].append(float(np.mean(right)))

    @staticmethod
    def _progress_line(history, epoch, epochs):
        parts = [f"epoch {epoch:>{len(str(epochs))}}/{epochs}"]
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            if key in history:
                parts.append(f"{key} {history[key][-1]:.4f}")
        return "  ".join(parts)
