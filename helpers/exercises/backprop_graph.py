"""Checker for step 6 of notebook 07, "Backpropagation": backpropagation by hand through a
small drawn graph of operations, L = d·f with d = e + a and e = a·b.

``helpers.exercises.backprop`` re-exports it, with the notebook's other checkers.
"""

from . import (
    Feedback,
    mark_numbers,
    marked_feedback,
    matches_shown,
    never_raise,
    not_yet_answered,
    unfinished,
)

#: The drawn graph's inputs: e = a·b, d = e + a, L = d·f.
GRAPH_INPUTS = {"a": 2.0, "b": -3.0, "f": -2.0}
#: The nodes whose ∂L/∂node the student fills in, in the order of the backward pass.
GRAPH_NODES = ("d", "f", "e", "a", "b")
GRAPH_NAMES = {node: f"∂L/∂{node}" for node in GRAPH_NODES}


def graph_forward(a, b, f, nudge_e=0.0, nudge_d=0.0):
    """The drawn graph's forward pass: e = a·b, d = e + a, L = d·f. ``nudge_e`` and ``nudge_d``
    are added to e and d, so that the numerical gradient can be taken at those nodes too.
    Returns a dict of every node's value."""
    e = a * b + nudge_e
    d = e + a + nudge_d
    return {"a": a, "b": b, "f": f, "e": e, "d": d, "L": d * f}


def graph_gradients(eps=1e-6):
    """∂L/∂node for every node of the drawn graph, by central differences (nudging each node in
    turn), independent of any backward pass."""
    base = dict(GRAPH_INPUTS)
    grads = {}
    for node in GRAPH_NODES:
        if node in base:
            up, down = (
                dict(base, **{node: base[node] + eps}),
                dict(base, **{node: base[node] - eps}),
            )
            grads[node] = (graph_forward(**up)["L"] - graph_forward(**down)["L"]) / (2 * eps)
        else:
            key = f"nudge_{node}"
            up = graph_forward(**base, **{key: eps})["L"]
            down = graph_forward(**base, **{key: -eps})["L"]
            grads[node] = (up - down) / (2 * eps)
    return {node: round(g, 6) for node, g in grads.items()}


def _graph_slip(node, value, grads, values):
    """A hint for a typical slip at one node of the graph, or None."""
    if node == "a":
        through_e, direct = grads["e"] * values["b"], grads["d"]
        if value in (through_e, direct):
            return (
                "a feeds two nodes, e = a·b and d = e + a: add up what comes back along both "
                "paths (the += of the backward pass)."
            )
    if value == -grads[node]:
        return "Check the signs: multiply the signs of the links one by one."
    local = {"d": values["f"], "f": values["d"], "e": 1.0, "b": values["a"]}
    if node in ("e", "b") and value == local[node]:
        return (
            "A local derivative alone is not the gradient: the chain rule multiplies it by the "
            "gradient that arrives from the node above."
        )
    if node == "f" and value == values["f"]:
        return "∂(d·f)/∂f is the other factor, d: use d's value."
    return None


@never_raise("Backpropagation by hand through the graph")
def check_graph_gradients(answers):
    """Step 6: ∂L/∂node for the nodes d, f, e, a and b of the drawn graph (a = 2, b = −3,
    f = −2; e = a·b, d = e + a, L = d·f), as a dict {"d": ..., ...}. Whole numbers; a string
    holding a number counts. Recognises a forgotten path (a feeds two nodes), a wrong sign, a
    local derivative not multiplied by the gradient from above, and ∂L/∂f = f instead of d.
    The reference is the numerical gradient (``graph_gradients``)."""
    title = "Backpropagation by hand through the graph"
    example = 'a dict {"d": ..., "f": ..., "e": ..., "a": ..., "b": ...}'
    if unfinished(answers) or (
        isinstance(answers, dict) and all(unfinished(v) for v in answers.values())
    ):
        return not_yet_answered(title, "your five numbers in " + example)
    if not isinstance(answers, dict):
        return Feedback(title, False, [f"Give {example}."])
    given = {str(k).strip(): v for k, v in answers.items()}
    missing = [node for node in GRAPH_NODES if node not in given]
    if missing:
        return Feedback(title, False, [f"Give ∂L/∂node for every node: {', '.join(missing)}."])
    grads, values = graph_gradients(), graph_forward(**GRAPH_INPUTS)

    def mark(node, value, answer):
        if matches_shown(value, grads[node], 3):
            return True, f"∂L/∂{node} = {grads[node]:g}: right.", None
        return (
            False,
            f"∂L/∂{node} = {value:g} is not right.",
            _graph_slip(node, value, grads, values),
        )

    marks = mark_numbers({node: given[node] for node in GRAPH_NODES}, mark, GRAPH_NAMES)
    return marked_feedback(
        title,
        marks,
        "Start at L on the right, ∂L/∂L = 1, and walk back to the left one node at a time: a "
        "node's gradient is the gradient of the node it feeds times the local derivative on the "
        "edge between them.",
        [
            "a was used twice, so its gradient is the sum of two paths: "
            f"∂L/∂e · b + ∂L/∂d · 1 = {grads['e'] * values['b']:g} + ({grads['d']:g}).",
        ],
    )
