"""The suite catches what it claims to: faults planted in temporary copies make the test that
names them fail (issue 18, "tests that can fail"). Each case runs in well under a second.

* a checker whose body raises -> tests/test_exercises_fuzz.py (``call_timed``);
* a figure without alt text -> tests/test_notebook_template.py;
* a wrong line in notebook 07's backpropagation -> tests/test_twins.py;
* a number in a sentence of notebook 05 that no longer matches its printed output ->
  tests/test_claims_05.py;
* a checker's hint swapped for another one's (07's graph, a wrong sign told "both paths") ->
  tests/test_exercises_backprop.py;
* notebook 03's dying-ReLU cell without the ReLU's slope -> tests/test_claims_03.py;
* the playground scoring the training points as the test split -> tests/test_playground.py.

CONTRIBUTING ("Each test module and the fault it catches") lists the faults planted by hand in
every module, with the result.
"""

import json

import notebook_cells
import pytest
import test_claims_03
import test_claims_05
import test_exercises_backprop
import test_exercises_fuzz
import test_notebook_template
import test_playground
import test_twins

from helpers.exercises import Feedback, backprop_graph, never_raise
from helpers.playground import PlaygroundModel


def planted(tmp_path, nb, old, new, cell_type="code"):
    """A copy of notebook ``nb`` in ``tmp_path`` with ``old`` replaced by ``new`` (once, in a
    cell of ``cell_type``; the outputs stay)."""
    source = notebook_cells.path_of(nb)
    copy = tmp_path / source.name
    data = json.loads(source.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == cell_type and old in text:
            cell["source"] = text.replace(old, new, 1)
            break
    else:
        raise AssertionError(f"{source.name}: {old!r} not found: update the planted fault")
    copy.write_text(json.dumps(data), encoding="utf-8")
    return copy


def test_a_checker_that_raises_fails_the_fuzz_test():
    @never_raise("a planted fault")
    def check_planted(answer):
        return Feedback("a planted fault", answer.startswith("x"))  # crashes on non-strings

    assert not check_planted(3)  # the student sees "Not yet" ...
    with pytest.raises(AssertionError, match="crashed: AttributeError"):
        test_exercises_fuzz.call_timed(check_planted, [3], {})  # ... the suite sees the crash


def test_a_figure_without_alt_text_fails_the_template_test(tmp_path):
    source = notebook_cells.path_of("05")
    data = json.loads(source.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            if "<img" in html and 'alt="' in html:
                out["data"]["text/html"] = html.replace('alt="', 'title="', 1)
                break
        else:
            continue
        break
    copy = tmp_path / source.name
    copy.write_text(json.dumps(data), encoding="utf-8")
    test_notebook_template.test_every_figure_carries_alt_text(source)  # the real one passes
    with pytest.raises(AssertionError, match="figures without alt text"):
        test_notebook_template.test_every_figure_carries_alt_text(copy)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("* f_prime(zs[l - 2])", "* f_prime(activations[l - 1])"),  # σ'(a) where σ'(z) belongs
        ("f_prime=helpers.sigmoid_prime", "f_prime=helpers.relu_prime"),  # a wrong default
    ],
    ids=["sigma-prime-of-a", "wrong-default"],
)
def test_a_wrong_backprop_line_fails_the_twin_test(tmp_path, old, new):
    tag = "twin:helpers.network.Network.backprop"
    test_twins.check_twin("07", tag)  # the real one passes
    copy = planted(tmp_path, "07", old, new)
    with pytest.raises(AssertionError, match="Not equal to tolerance"):
        test_twins.check_twin("07", tag, notebook=copy)


def test_a_changed_number_in_a_sentence_fails_the_claims_test(tmp_path, monkeypatch):
    test_claims_05.test_the_gradient_at_the_start_is_the_one_printed()  # the real one passes
    copy = planted(tmp_path, "05", "∇L = (−1.518, 0.228)", "∇L = (−1.52, 0.228)", "markdown")
    monkeypatch.setattr(test_claims_05, "NOTEBOOK", copy)
    monkeypatch.setattr(notebook_cells, "NOTEBOOKS", tmp_path)
    with pytest.raises(AssertionError):
        test_claims_05.test_the_gradient_at_the_start_is_the_one_printed()


def test_a_swapped_hint_fails_the_checker_test(monkeypatch):
    case = ({"d": 2}, "Check the signs")
    test_exercises_backprop.test_graph_wrong_answers_get_a_hint(*case)  # the real one passes
    slip = backprop_graph._graph_slip
    monkeypatch.setattr(
        backprop_graph,
        "_graph_slip",
        lambda node, *rest: (
            "Add up what comes back along both paths." if node == "d" else slip(node, *rest)
        ),
    )
    with pytest.raises(AssertionError):
        test_exercises_backprop.test_graph_wrong_answers_get_a_hint(*case)


def test_a_relu_cell_without_its_slope_fails_the_claims_test(tmp_path, monkeypatch):
    test_claims_03.test_large_step_kills_the_relu_neuron_for_good()  # the real one passes
    old = "delta = (a - y_snack) * helpers.relu_prime(z)"
    copy = planted(tmp_path, "03", old, "delta = (a - y_snack) * 1.0")
    names = {"X_snack": test_claims_03.X_SNACK, "y_snack": test_claims_03.Y_SNACK}
    neuron = notebook_cells.definitions(copy, "nb03-dying-code", **names)["relu_neuron"]
    monkeypatch.setattr(test_claims_03, "RELU_NEURON", neuron)
    with pytest.raises(AssertionError):
        test_claims_03.test_large_step_kills_the_relu_neuron_for_good()


def test_scoring_the_wrong_split_fails_the_playground_test(monkeypatch):
    test_playground.test_accuracy_and_losses_score_the_split_they_name()  # the real one passes
    monkeypatch.setattr(
        PlaygroundModel,
        "accuracy",
        lambda self, split="test": float(self.net.accuracy(self.F_train, self.y_train)),
    )
    with pytest.raises(AssertionError):
        test_playground.test_accuracy_and_losses_score_the_split_they_name()
