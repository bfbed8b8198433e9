"""The perceptron: the simplest artificial neuron (lecture slide "Perceptrons").

output = 0  if w · x + b <= 0
         1  if w · x + b >  0
"""

from .validation import as_float_array


def perceptron(x, w, b):
    """Perceptron output: 1 if w · x + b > 0 else 0 (the inequality is strict).

    Parameters
    ----------
    x : array of shape (n_inputs,) for one sample, or (n_samples, n_inputs) for a batch
    w : array of shape (n_inputs,), the weights
    b : number, the bias

    Returns
    -------
    int (0 or 1) for one sample; int array of shape (n_samples,) for a batch.

    Example (the snack example): perceptron([4, 1], [-1, 2], 1) -> 4·(-1) + 1·2 + 1 = -1 -> 0.
    """
    x = as_float_array(x, "x", ndim=(1, 2))
    w = as_float_array(w, "w", ndim=1)
    b = as_float_array(b, "b", ndim=0)
    if x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"x has {x.shape[-1]} inputs per sample but w has {w.shape[0]} weights: "
            "expected one weight per input"
        )
    z = x @ w + b  # the weighted sum, w · x + b
    output = (z > 0).astype(int)
    return int(output) if x.ndim == 1 else output
