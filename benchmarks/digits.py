"""Speed and accuracy on the handwritten digits: helpers vs scikit-learn vs a per-sample loop.

    python benchmarks/digits.py

In one run, on ``helpers.load_digits_split()`` (the course's fixed train/test split):

* helpers' recipe ``helpers.data.DIGITS_RECIPE`` (chosen on a validation split by
  ``benchmarks/tune_digits.py``, never on the test set), trained with 5 seeds;
* scikit-learn's ``MLPClassifier((64,))``, default settings, with 5 seeds: once with max_iter
  large enough to converge and once with the default max_iter=200 (ConvergenceWarnings counted);
* a per-sample backpropagation loop as in Nielsen's ``network.py`` (the gradient of a mini-batch
  accumulated one sample at a time), on the same architecture, against ``Network.fit`` for one
  epoch at batch size 32 (both on the plain training set, the same learning rate). An epoch of
  ``fit`` ends by scoring the training set for its history, so the like-for-like per-sample
  epoch does that too, one sample at a time (as Nielsen's network2.py monitors the training
  cost and accuracy); the SGD steps alone are timed and printed as well.

Prints a table and, as its last line, one JSON object with the figures. Timings are wall-clock
seconds with BLAS limited to one thread for every contender (``--threads``): on 2 cores, the
small matrices here gain nothing from a second thread, and a second thread collapses when the
other core is busy. Run it on an otherwise idle machine for meaningful times.
"""

import argparse
import copy
import json
import os
import platform
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_info, threadpool_limits

from helpers import Network, load_digits_split, one_hot, softmax
from helpers.activations import ACTIVATIONS
from helpers.data import DIGITS_RECIPE, augment_digits

SKLEARN_MAX_ITER = 2000  # enough to converge (tol=1e-4 for 10 iterations), see n_iter below


def train_recipe(data, seed):
    """helpers' recipe, as notebook 08 uses it. Returns (seconds, cpu seconds, accuracy)."""
    started, cpu = time.perf_counter(), time.process_time()
    X, y = data.X_train, data.y_train
    if DIGITS_RECIPE["augment"]:
        X, y = augment_digits(X, y)
    net = Network(**DIGITS_RECIPE["network"], seed=seed)
    net.fit(X, y, **DIGITS_RECIPE["fit"])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, net.accuracy(data.X_test, data.y_test)


def train_sklearn(data, seed, max_iter):
    """MLPClassifier((64,)), default settings: (seconds, cpu seconds, accuracy, n_iter, warned)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        started, cpu = time.perf_counter(), time.process_time()
        mlp = MLPClassifier((64,), max_iter=max_iter, random_state=seed)
        mlp.fit(data.X_train, data.y_train)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return seconds, cpu, mlp.score(data.X_test, data.y_test), mlp.n_iter_, warned


# ------------------------------------------------ the per-sample loop (Nielsen's network.py)
def backprop_one_sample(weights, biases, x, y, f, f_prime):
    """Gradient of the cross-entropy for ONE sample x (1-D), as in Nielsen's ``backprop``."""
    activation, activations, zs = x, [x], []
    for l, (W, b) in enumerate(zip(weights, biases, strict=True)):
        z = activation @ W + b
        zs.append(z)
        activation = softmax(z) if l == len(weights) - 1 else f(z)
        activations.append(activation)
    nabla_w = [None] * len(weights)
    nabla_b = [None] * len(biases)
    delta = activations[-1] - y  # softmax + cross-entropy
    nabla_b[-1] = delta
    nabla_w[-1] = np.outer(activations[-2], delta)
    for l in range(2, len(weights) + 1):
        delta = (weights[-l + 1] @ delta) * f_prime(zs[-l])
        nabla_b[-l] = delta
        nabla_w[-l] = np.outer(activations[-l - 1], delta)
    return nabla_w, nabla_b


def per_sample_epoch(weights, biases, X, Y, batch_size, eta, activation, rng):
    """One epoch of mini-batch SGD whose gradient is summed one sample at a time."""
    f, f_prime = ACTIVATIONS[activation]
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        nabla_w = [np.zeros(W.shape) for W in weights]
        nabla_b = [np.zeros(b.shape) for b in biases]
        for i in batch:
            delta_w, delta_b = backprop_one_sample(weights, biases, X[i], Y[i], f, f_prime)
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_w, strict=True)]
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_b, strict=True)]
        weights = [W - (eta / len(batch)) * nw for W, nw in zip(weights, nabla_w, strict=True)]
        biases = [b - (eta / len(batch)) * nb for b, nb in zip(biases, nabla_b, strict=True)]
    return weights, biases


def per_sample_score(weights, biases, X, Y, activation):
    """Training loss and accuracy one sample at a time, as Nielsen's network2.py does with
    ``monitor_training_cost`` and ``monitor_training_accuracy`` (what ``Network.fit`` records in
    its history after every epoch, vectorised)."""
    f = ACTIVATIONS[activation][0]
    total, right = 0.0, 0
    for x, y in zip(X, Y, strict=True):
        a = x
        for l, (W, b) in enumerate(zip(weights, biases, strict=True)):
            z = a @ W + b
            a = softmax(z) if l == len(weights) - 1 else f(z)
        total -= np.log(max(a[np.argmax(y)], 1e-12))
        right += int(np.argmax(a) == np.argmax(y))
    return total / len(X), right / len(X)


def time_epochs(data, repeats):
    """Best of ``repeats`` epochs at batch size 32, wall and CPU seconds: a dict with keys
    (contender, "wall" or "cpu"), contender "helpers" or "per_sample".

    An epoch of ``Network.fit`` includes its end-of-epoch scoring (the history), so the
    like-for-like per-sample epoch ("per_sample") does the same work: its SGD steps, then the
    training loss and accuracy, one sample at a time. "per_sample_steps" is its SGD steps alone
    (a stricter comparison: our epoch still includes the scoring). The contenders alternate, so
    that all see the same load of the machine.
    """
    network, eta = DIGITS_RECIPE["network"], DIGITS_RECIPE["fit"]["learning_rate"]
    X, y = data.X_train, data.y_train
    Y = one_hot(y, 10)
    net = Network(**network, seed=0)
    # the two loops compute the same thing: check it once, on the same shuffled order
    rng = copy.deepcopy(net.rng)
    weights, biases = per_sample_epoch(
        net.weights, net.biases, X, Y, 32, eta, network["hidden_activation"], rng
    )
    net.fit(X, y, epochs=1, batch_size=32, learning_rate=eta)
    for ours, theirs in zip(net.weights + net.biases, weights + biases, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)

    contenders = ("helpers", "per_sample", "per_sample_steps")
    times = {(who, kind): [] for who in contenders for kind in ("wall", "cpu")}
    rng = np.random.default_rng(0)
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        net.fit(X, y, epochs=1, batch_size=32, learning_rate=eta)
        times["helpers", "wall"].append(time.perf_counter() - started)
        times["helpers", "cpu"].append(time.process_time() - cpu)
        started, cpu = time.perf_counter(), time.process_time()
        weights, biases = per_sample_epoch(
            weights, biases, X, Y, 32, eta, network["hidden_activation"], rng
        )
        steps_wall, steps_cpu = time.perf_counter() - started, time.process_time() - cpu
        per_sample_score(weights, biases, X, Y, network["hidden_activation"])
        times["per_sample_steps", "wall"].append(steps_wall)
        times["per_sample_steps", "cpu"].append(steps_cpu)
        times["per_sample", "wall"].append(time.perf_counter() - started)
        times["per_sample", "cpu"].append(time.process_time() - cpu)
    return {key: min(values) for key, values in times.items()}


def summary(values):
    return float(np.mean(values)), float(np.min(values)), float(np.max(values))


def print_setting(data, seeds, threads):
    """The first two lines: the data, the seeds and the versions of everything that counts."""
    blas = [
        f"{i['internal_api']} {i.get('version')} ({i.get('architecture', i['user_api'])})"
        for i in threadpool_info()
    ]
    print(
        f"digits: {len(data.X_train)} training, {len(data.X_test)} test samples; "
        f"seeds {list(seeds)}; BLAS threads {threads}; {', '.join(blas)}; "
        f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, "
        f"Python {platform.python_version()}"
    )
    print(f"helpers' recipe: {DIGITS_RECIPE}")


def table_rows(data, ours, theirs, default):
    """One row per contender: (name, accuracy summary, fit s, cpu s, what, s per epoch)."""
    sizes = DIGITS_RECIPE["network"]["sizes"]
    n_train = len(data.X_train) * (5 if DIGITS_RECIPE["augment"] else 1)
    fit_seconds = float(np.mean([r[0] for r in ours]))
    epochs = DIGITS_RECIPE["fit"]["epochs"]
    rows = [
        (
            f"helpers Network({sizes}) recipe",
            summary([r[2] for r in ours]),
            fit_seconds,
            float(np.mean([r[1] for r in ours])),
            f"{epochs} x {n_train} samples",
            fit_seconds / epochs,
        )
    ]
    for label, runs in (
        (f"max_iter={SKLEARN_MAX_ITER}", theirs),
        ("max_iter=200 (default)", default),
    ):
        iters = [r[3] for r in runs]
        warned = sum(r[4] for r in runs)
        rows.append(
            (
                f"sklearn MLPClassifier((64,)) {label}",
                summary([r[2] for r in runs]),
                float(np.mean([r[0] for r in runs])),
                float(np.mean([r[1] for r in runs])),
                f"{min(iters)}-{max(iters)} iter, {warned}/{len(runs)} ConvergenceWarning",
                float(np.mean([r[0] / r[3] for r in runs])),
            )
        )
    return rows


def print_table(rows):
    print()
    header = (
        f"{'model':<50}{'test acc mean':>14}{'min':>8}{'max':>8}{'fit s':>8}{'cpu s':>8}"
        f"  {'s/epoch':>9}"
        "  epochs"
    )
    print(header)
    print("-" * (len(header) + 30))
    for name, (mean, low, high), seconds, cpu, what, per_epoch in rows:
        print(
            f"{name:<50}{mean:>14.4f}{low:>8.4f}{high:>8.4f}{seconds:>8.3f}{cpu:>8.3f}"
            f"  {per_epoch:>9.5f}"
            f"  {what}"
        )


def ratios(rows, epochs_timed):
    """The figures the targets are about: epoch speed-ups and fit-time ratios."""
    epoch_seconds = epochs_timed["helpers", "wall"]
    return {
        "epoch_speedup": epochs_timed["per_sample", "wall"] / epoch_seconds,
        "epoch_speedup_cpu": epochs_timed["per_sample", "cpu"] / epochs_timed["helpers", "cpu"],
        "epoch_speedup_vs_steps_only": epochs_timed["per_sample_steps", "wall"] / epoch_seconds,
        "fit_time_ratio": rows[0][2] / rows[1][2],
        "fit_time_ratio_cpu": rows[0][3] / rows[1][3],
        "fit_time_ratio_vs_default": rows[0][2] / rows[2][2],
    }


def print_epochs(n_train, epochs_timed, r, repeats, load):
    print()
    print(f"one epoch over the {n_train} training samples at batch size 32, same network:")
    for who, label in (
        ("helpers", "helpers Network.fit: SGD steps + history (vectorised)    "),
        ("per_sample", "per-sample loop: SGD steps + the same scoring (Nielsen)"),
        ("per_sample_steps", "per-sample loop: SGD steps alone                       "),
    ):
        print(
            f"  {label}  {epochs_timed[who, 'wall']:.4f} s wall, "
            f"{epochs_timed[who, 'cpu']:.4f} s cpu (best of {repeats})"
        )
    print(
        f"  speed-up, like for like: {r['epoch_speedup']:.1f}x wall, "
        f"{r['epoch_speedup_cpu']:.1f}x cpu (target >= 12x); against the per-sample SGD steps "
        f"alone (our scoring still counted): {r['epoch_speedup_vs_steps_only']:.1f}x wall"
    )
    print(
        f"  fit time vs MLPClassifier: {r['fit_time_ratio']:.3f} wall, "
        f"{r['fit_time_ratio_cpu']:.3f} cpu "
        f"(target <= 0.3; vs the default max_iter=200: {r['fit_time_ratio_vs_default']:.3f})"
    )
    print(f"  load average (1 min) before {load[0]:.2f}, after {load[1]:.2f}")


def result_json(ours, default, rows, epochs_timed, r, load, args):
    """The last line: every figure as one JSON object."""
    accuracies = [run[2] for run in ours]
    return {
        "accuracy_mean": round(float(np.mean(accuracies)), 4),
        "accuracy_min": round(float(np.min(accuracies)), 4),
        "accuracy_max": round(float(np.max(accuracies)), 4),
        "fit_seconds": round(rows[0][2], 4),
        "sklearn_accuracy_mean": round(rows[1][1][0], 4),
        "sklearn_fit_seconds": round(rows[1][2], 4),
        "sklearn_default_accuracy_mean": round(rows[2][1][0], 4),
        "sklearn_default_fit_seconds": round(rows[2][2], 4),
        "sklearn_default_convergence_warnings": int(sum(run[4] for run in default)),
        "fit_cpu_seconds": round(rows[0][3], 4),
        "sklearn_fit_cpu_seconds": round(rows[1][3], 4),
        "fit_time_ratio_cpu": round(r["fit_time_ratio_cpu"], 4),
        "fit_time_ratio": round(r["fit_time_ratio"], 4),
        "fit_time_ratio_vs_default": round(r["fit_time_ratio_vs_default"], 4),
        "epoch_seconds": round(epochs_timed["helpers", "wall"], 5),
        "per_sample_epoch_seconds": round(epochs_timed["per_sample", "wall"], 5),
        "epoch_speedup": round(r["epoch_speedup"], 2),
        "per_sample_steps_only_epoch_seconds": round(epochs_timed["per_sample_steps", "wall"], 5),
        "epoch_speedup_vs_steps_only": round(r["epoch_speedup_vs_steps_only"], 2),
        "epoch_cpu_seconds": round(epochs_timed["helpers", "cpu"], 5),
        "per_sample_epoch_cpu_seconds": round(epochs_timed["per_sample", "cpu"], 5),
        "epoch_speedup_cpu": round(r["epoch_speedup_cpu"], 2),
        "load_average": [round(load[0], 2), round(load[1], 2)],
        "seeds": args.seeds,
        "blas_threads": args.threads,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for everyone")
    parser.add_argument("--repeats", type=int, default=30, help="timed epochs (best counts)")
    args = parser.parse_args()
    seeds = range(args.seeds)
    data = load_digits_split()
    load_before = os.getloadavg()[0]
    print_setting(data, seeds, args.threads)
    with threadpool_limits(args.threads):
        ours, theirs, default = [], [], []
        for seed in seeds:  # interleaved, so that a busy spell hits every contender alike
            ours.append(train_recipe(data, seed))
            theirs.append(train_sklearn(data, seed, SKLEARN_MAX_ITER))
            default.append(train_sklearn(data, seed, 200))
        epochs_timed = time_epochs(data, args.repeats)
    load = (load_before, os.getloadavg()[0])
    rows = table_rows(data, ours, theirs, default)
    r = ratios(rows, epochs_timed)
    print_table(rows)
    print_epochs(len(data.X_train), epochs_timed, r, args.repeats, load)
    print(json.dumps(result_json(ours, default, rows, epochs_timed, r, load, args)))


if __name__ == "__main__":
    main()
