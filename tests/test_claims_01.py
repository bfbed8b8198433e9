"""Claims of notebook 01 (the perceptron) whose truth depends on a computed result.

One test per claim; each docstring quotes the sentence it keeps true. Where the notebook computes
the result itself (the grid search, the parameter count), the test reads the notebook's committed
output (tests/notebook_cells.py), which nbval compares with a fresh run, rather than computing it
again.
"""

import re

import numpy as np
from notebook_cells import cell, output, run, source

import helpers


def test_snack_data_is_24_evenings():
    """ "`helpers.snack_data()` gives 24 evenings (effort 0–5, hunger 0–3) decided by the snack
    perceptron" """
    X, y = helpers.snack_data()
    snack = helpers.snack_example()
    assert X.shape == (24, 2)
    assert sorted(set(X[:, 0])) == [0, 1, 2, 3, 4, 5]
    assert sorted(set(X[:, 1])) == [0, 1, 2, 3]
    assert np.array_equal(helpers.perceptron(X, snack.w, snack.b), y)


def test_bigger_bias_moves_the_line_parallel_and_gives_more_snacks():
    """ "Part II's bigger bias moves the line down and to the right, parallel to the old one, and
    more evenings end with snacks" """
    X, _ = helpers.snack_data()
    snack = helpers.snack_example()
    w1, w2 = snack.w
    # the line x2 = −(w1 x1 + b) / w2: same slope, lower intercept for b = 4 than for b = 1
    assert -(w1 * 0 + 4.0) / w2 < -(w1 * 0 + snack.b) / w2
    assert helpers.perceptron(X, snack.w, 4.0).sum() > helpers.perceptron(X, snack.w, snack.b).sum()


def test_doubling_weights_and_bias_changes_no_decision():
    """ "Every z doubles ... So the line z = 0 stays where it is and every decision stays the
    same." """
    X, _ = helpers.snack_data()
    snack = helpers.snack_example()
    assert np.array_equal(
        helpers.perceptron(X, 2 * snack.w, 2 * snack.b), helpers.perceptron(X, snack.w, snack.b)
    )


def test_each_change_of_part_ii_alone_flips_the_decision():
    """ "Each change alone would already flip the decision" """
    snack = helpers.snack_example()
    assert helpers.perceptron(snack.x, snack.w, snack.b) == 0
    assert helpers.perceptron(snack.x, snack.w, 4.0) == 1
    assert helpers.perceptron(np.array([1.0, 1.0]), snack.w, snack.b) == 1


def test_no_perceptron_on_the_grid_computes_xor_and_or_gets_three():
    """ "one of the best single perceptrons, OR (one line: (1, 1) ends up on the wrong side)" and
    the grid search: no perceptron gets all four XOR outputs right, the best get 3."""
    printed = output("01", "7bfbd163")  # the notebook's own grid search
    assert re.search(r"all four XOR outputs right: 0\b", printed), printed
    assert re.search(r"the best ones get 3 of 4 right", printed), printed
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert (helpers.perceptron(inputs, [1, 1], -0.5) == [0, 1, 1, 0]).sum() == 3  # OR


def test_xor_is_and_of_nand_and_or():
    """ "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))" with the weights and biases of step 7's
    table, which are the ones its code cell uses."""
    gates = run("01", "f63a7310")["gates"]  # the notebook's cell
    table = source(cell("01", "3b6df3b0"))
    for name, (w, b) in gates.items():
        row = f"| $({w[0]}, {w[1]})$ | ${b}$ |"
        assert re.search(rf"^\| {name}\b.*{re.escape(row)}$", table, re.M), (name, row)
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    hidden = np.column_stack([helpers.perceptron(inputs, *gates[g]) for g in ("NAND", "OR")])
    assert helpers.perceptron(hidden, *gates["AND"]).tolist() == [0, 1, 1, 0]


def test_digits_network_has_more_than_two_thousand_parameters():
    """ "a network for 8×8-pixel digits with 32 hidden neurons, `Network([64, 32, 10])`, has more
    than two thousand" (the notebook counts them and prints the count)."""
    printed = output("01", "958e470e")
    count = re.search(r"a \[64, 32, 10\] network\s+(\d+) parameters", printed)
    assert count, printed
    assert 2000 < int(count.group(1)) < 3000
