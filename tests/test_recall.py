"""The recall cells at the top of notebooks 02-09 (helpers.exercises.recall): every notebook
shows its generated cells, every question points to a step that exists, the checker passes the
right answers only, names the slips it knows, never gives a wrong-answered question's answer and
never raises."""

import json
import re
from pathlib import Path

import pytest
from support import not_passed, text

from helpers.exercises.recall import QUESTIONS, check_recall, recall_code, recall_markdown

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"
#: Notebooks that must show their recall cells (01 has no notebook before it).
REQUIRED = ["02", "03", "04", "05", "06", "07", "08", "09"]


def notebook(number):
    (path,) = NOTEBOOKS.glob(f"{number}_*.ipynb")
    return json.loads(path.read_text(encoding="utf-8"))


def headings(number):
    cells = notebook(number)["cells"]
    text_ = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.findall(r"^## (\d+\. .*)$", text_, flags=re.MULTILINE)


def plain(title):
    """A heading without its math dollars, as a question's ``step`` writes it."""
    return title.replace("$", "").strip()


def right_answers(number):
    return [q.answer for q in QUESTIONS[number]]


@pytest.mark.parametrize("number", REQUIRED)
def test_notebook_shows_its_generated_recall_after_the_slides(number):
    cells = notebook(number)["cells"]
    ids = [c.get("id") for c in cells]
    at = ids.index("recall-questions")
    assert "\n## Slides covered" in "\n" + "".join(cells[at - 1]["source"])
    assert "".join(cells[at]["source"]) == recall_markdown(number)
    assert ids[at + 1] == "recall-check"
    assert "".join(cells[at + 1]["source"]) == recall_code(number)
    out = "".join(
        "".join(o.get("data", {}).get("text/plain", "")) for o in cells[at + 1]["outputs"]
    )
    assert "Not yet" in out and "Well done" not in out  # committed unanswered


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_every_question_points_to_an_existing_step(number):
    for question in QUESTIONS[number]:
        source, title = question.step.split(" · ", 1)
        assert int(source) < int(number), f"{number}: a recall of a later notebook {source}"
        assert title in [plain(h) for h in headings(source)], f"{number}: no step {question.step}"


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_right_answers_pass_and_each_wrong_one_fails(number):
    assert check_recall(number, right_answers(number)).passed
    for i, question in enumerate(QUESTIONS[number]):
        answers = right_answers(number)
        wrong = "C" if question.answer == "A" else "A" if question.choices else question.answer + 7
        answers[i] = wrong
        feedback = check_recall(number, answers)
        said = text(feedback)
        assert not feedback.passed and "Well done" not in said
        assert "2 of 3 right" in said and f"Look back at {question.step}" in said


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_a_wrong_answer_is_not_given_away(number):
    answers = ["Z" if q.choices else 12345 for q in QUESTIONS[number]]
    said = text(check_recall(number, answers))
    for question in QUESTIONS[number]:
        assert question.why not in said


def test_answers_in_the_forms_students_write():
    assert check_recall("02", ["0", " a ", 3.0]).passed
    assert check_recall("05", ["0.22", "a", "c"]).passed  # two decimals, as asked
    assert check_recall("06", ["0.60", "A", "0.69"]).passed
    assert not check_recall("05", [0.2, "A", "C"]).passed  # a decimal short
    assert not check_recall("03", [9.5, 5, "A"]).passed  # a count is exact


@pytest.mark.parametrize(
    "number, answers, slip",
    [
        ("02", [-1, "A", 3], "−1 is w·x + b"),
        ("03", [13, 5, "A"], "counts the 4 biases"),
        ("03", [9, 4, "A"], "the size of the layer before"),
        ("05", [-0.223, "A", "C"], "That is ln 0.8"),
        ("06", [1.4, "A", 0.693], "a step uphill"),
        ("07", [50, "A", 0.25], "50 is the batch size"),
    ],
)
def test_known_slips_are_named(number, answers, slip):
    feedback = check_recall(number, answers)
    assert not_passed(feedback) and slip in text(feedback)


@pytest.mark.parametrize(
    "answers",
    [
        ...,
        None,
        [],
        [1, 2],
        [1, 2, 3, 4],
        "0A3",
        3,
        {1: 0},
        [float("nan"), "A", 3],
        [[0], ["A"], [3]],
        [True, "A", 3],
        [0, "AB", 3],
        [0, object(), 3],
    ],
)
def test_unfinished_or_malformed_answers_never_raise_or_pass(answers):
    assert not_passed(check_recall("02", answers))
    text(check_recall("02", answers))


def test_unknown_notebook_and_untouched_cell():
    assert "one of 02, 03" in text(check_recall("10", [1, 2, 3]))
    said = text(check_recall("04", [..., ..., ...]))
    assert "Replace the three `...`" in said and "0 of 3" not in said
