"""The "why did it fail" line under the playground's loss curve, computed from the run.

``diagnose(train, test, chance, ...)`` reads the losses after each epoch and names the likely
cause when training went wrong, by these rules, in this order (the first that fits wins):

1. **η too large**: the loss became NaN or the weights exploded; or the training loss ended
   above where it started; or over the second half of the run it went up in more than a third
   of the epochs and jumped by more than half its size, while still far from fitted.
2. **η too small**: after ``MIN_EPOCHS`` the training loss fell by less than 10 % of where it
   started, although it fell in (almost) every epoch: it is moving, only too slowly.
3. **Too few neurons or features**: the training loss has stopped falling (less than 2 % over
   the last third of the run) while it is still above ``HIGH`` × the loss of always answering
   the same (``chance``: the best constant guess).
4. **Overfitting**: the test loss rose by more than 20 % from its lowest point while the
   training loss kept falling.

No rule fires in the first ``MIN_EPOCHS`` epochs: every run starts slowly.
"""

from typing import NamedTuple

import numpy as np

MIN_EPOCHS = 20
HIGH = 0.35


class Advice(NamedTuple):
    """``cause``: "", "too_large", "too_small", "too_few" or "overfitting"; ``text``: the line."""

    cause: str
    text: str


NOTHING = Advice("", "")


def chance_loss(Y, loss, output):
    """The loss of the best constant answer on targets Y (n, k): the mean target for the
    quadratic loss, the class frequencies for the cross-entropy. A trained network should do
    much better; one that does not has learned little."""
    Y = np.asarray(Y, dtype=float)
    if loss == "mse":
        return float(0.5 * Y.var(axis=0).sum())
    if output == "sigmoid":
        p = np.clip(Y.mean(), 1e-12, 1 - 1e-12)
        return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))
    p = np.clip(Y.mean(axis=0), 1e-12, 1)
    return float(-(p * np.log(p)).sum())


def diagnose(train, test, chance, diverged=False, epochs=None):
    """The likely cause of a failed run as an ``Advice`` (``NOTHING`` if none fits).

    ``train``/``test``: losses after each recorded epoch (first entry: before training);
    ``chance``: the loss of the best constant answer; ``epochs``: the epoch of each entry
    (default 0, 1, 2, ...); ``diverged``: the model saw the loss or the weights explode.
    """
    train, test = np.asarray(train, dtype=float), np.asarray(test, dtype=float)
    epochs = np.arange(len(train)) if epochs is None else np.asarray(epochs)
    if diverged or not np.isfinite(train[-1]):
        return Advice(
            "too_large",
            "Likely cause: η too large. The loss exploded (NaN or huge weights): choose a "
            "smaller learning rate and press Reset.",
        )
    if epochs[-1] < MIN_EPOCHS or len(train) < 4:
        return NOTHING
    first, last = train[0], train[-1]
    half = train[len(train) // 2 :]
    ups = np.mean(np.diff(half) > 0)
    jumpy = ups >= 0.35 and (half.max() - half.min()) > 0.5 * half.min()
    if last > first or (jumpy and last > HIGH * chance):
        return Advice(
            "too_large",
            f"Likely cause: η too large. The training loss rose or jumps up and down "
            f"({first:.3g} at the start, {last:.3g} now): every step overshoots; "
            "choose a smaller learning rate.",
        )
    falls = np.mean(np.diff(train) < 0)
    if first - last < 0.1 * first and falls >= 0.9:
        return Advice(
            "too_small",
            f"Likely cause: η too small. The loss barely moved in {epochs[-1]} epochs "
            f"({first:.3g} → {last:.3g}), though it falls every epoch: choose a larger "
            "learning rate.",
        )
    third = train[-max(2, len(train) // 3) :]
    if third[0] - third[-1] < 0.02 * third[0] and last > HIGH * chance:
        return Advice(
            "too_few",
            f"Likely cause: too few neurons or features for these data. The training loss "
            f"stopped falling at {last:.3g} (always giving the same answer scores "
            f"{chance:.3g}): add neurons, a layer, or features that match the shape of the data.",
        )
    best = int(np.nanargmin(test))
    if test[-1] > 1.2 * test[best] and train[-1] < train[best] and epochs[-1] >= 2 * MIN_EPOCHS:
        return Advice(
            "overfitting",
            f"Overfitting: the test loss rose from {test[best]:.3g} to {test[-1]:.3g} while "
            "the training loss kept falling: try L2 regularisation, fewer neurons, or a larger "
            "training share.",
        )
    return NOTHING
