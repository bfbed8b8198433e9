"""Recall: three questions at the top of notebooks 02-09 on the notebooks before them.

Answering from memory, spaced over the course (retrieval practice and spacing, the two study
techniques Dunlosky et al. 2013 rate of high utility). Each notebook shows its questions in a
markdown cell (``recall_markdown(nb)``) and a code cell (``recall_code(nb)``) in which the student
writes three answers and runs ``check_recall(nb, answers)``. The checker never raises; it says
which answers are right (with a one-line reason) and, for a wrong one, where to look back, never
the answer itself.

A question is a number (``answer``, compared to ``decimals`` places; integers exactly) or a letter
(``choices``). ``traps`` maps a likely wrong number or letter to a sentence naming the slip.
"""

from dataclasses import dataclass, field

from . import Feedback, as_letter, as_number, matches_shown, never_raise, unfinished


@dataclass(frozen=True)
class Question:
    """One recall question: its markdown ``text``, the ``answer`` (a number or a letter), the
    ``step`` to look back at ("01 · 8. XOR: ..."), a one-line ``why`` shown once it is right."""

    text: str
    answer: object
    step: str
    why: str
    choices: str = ""  # the letters of a multiple-choice question, "" for a number
    decimals: int = 0  # for a number: the places it is compared to (0: an exact integer)
    traps: dict = field(default_factory=dict)


QUESTIONS = {
    "02": (
        Question(
            "In the snack example, $w \\cdot x + b = 4 \\cdot (-1) + 1 \\cdot 2 + 1$. "
            "What does the perceptron output, 0 or 1?",
            0,
            "01 · 3. The snack example",
            "w·x + b = −1 ≤ 0, so the perceptron outputs 0: stay on the couch.",
            traps={-1: "−1 is w·x + b; the perceptron outputs 0 or 1 from it."},
        ),
        Question(
            "A perceptron with two inputs splits the plane of its inputs along "
            "**A** a straight line, **B** a circle, **C** any curve it learns. Which letter?",
            "A",
            "01 · 6. The decision boundary is a straight line",
            "w₁x₁ + w₂x₂ + b = 0 is the equation of a straight line.",
            choices="ABC",
        ),
        Question(
            "How many perceptrons (neurons that compute, inputs not counted) did notebook 01 "
            "wire together to compute XOR?",
            3,
            "01 · 8. XOR: one perceptron is not enough, two layers are",
            "two in the hidden layer (e.g. OR and NAND) and one output neuron (AND) on top.",
            traps={1: "One perceptron draws one straight line, and XOR needs two."},
        ),
    ),
    "03": (
        Question(
            "How many weights (biases not counted) does a fully connected network "
            "with layer sizes 2 → 3 → 1 have?",
            9,
            "02 · 2. Notation: the weight w^l_{kj} and the weight matrix W^l",
            "W¹ is 2 × 3 and W² is 3 × 1: 6 + 3 = 9.",
            traps={13: "13 counts the 4 biases too; the question asks for weights only."},
        ),
        Question(
            "$W^1$ of a network has shape $(4, 5)$. How many neurons does layer 1 have?",
            5,
            "02 · 2. Notation: the weight w^l_{kj} and the weight matrix W^l",
            "Wˡ has shape (n_{l−1}, n_l): one column per neuron of layer l.",
            traps={4: "4 is the size of the layer before: Wˡ has shape (n_{l−1}, n_l)."},
        ),
        Question(
            "A perceptron with weights $w = (1, 1)$ and bias $b = -1.5$ computes which gate of "
            "its two 0/1 inputs? **A** AND, **B** OR, **C** NOT.",
            "A",
            "01 · 7. Perceptrons as logic gates",
            "only 1 + 1 − 1.5 = 0.5 is above 0, so it fires only when both inputs are 1.",
            choices="ABC",
            traps={"B": "Try x = (1, 0): 1 + 0 − 1.5 = −0.5 ≤ 0, so it outputs 0 there."},
        ),
    ),
    "04": (
        Question(
            "$\\sigma(0)$, the sigmoid at $z = 0$, is?",
            0.5,
            "03 · 2. The fix: the sigmoid neuron",
            "σ(0) = 1 / (1 + e⁰) = 1/2.",
            decimals=2,
        ),
        Question(
            "A ReLU neuron whose $z$ is negative for every input: what is the slope "
            "$\\mathrm{ReLU}'(z)$ that training sees there?",
            0,
            "03 · 4. Dying ReLUs",
            "ReLU is flat (0) for z < 0, so no gradient reaches its weights: a dead neuron.",
            traps={1: "1 is the slope for z > 0; here z is negative."},
        ),
        Question(
            "How many parameters (weights and biases) does a fully connected "
            "3 → 4 → 2 network have?",
            26,
            "02 · 2. Notation: the weight w^l_{kj} and the weight matrix W^l",
            "3·4 + 4 biases + 4·2 + 2 biases = 26.",
            traps={20: "20 is the weights only; add one bias per neuron (4 + 2)."},
        ),
    ),
    "05": (
        Question(
            "The network gives the true class probability $0.8$. Its cross-entropy loss "
            "$-\\ln 0.8$ is? (two decimals)",
            0.223,
            "04 · 3. The cross-entropy loss",
            "−ln 0.8 = 0.223: the slide's example.",
            decimals=2,
            traps={-0.22: "That is ln 0.8; the loss is −ln p, a positive number."},
        ),
        Question(
            "Why not train on the number of mistakes (1 − accuracy)? **A** a small change of "
            "$w$ changes it not at all or suddenly, so it has no slope to follow; **B** it is "
            "too slow to compute; **C** it cannot tell a right answer from a wrong one.",
            "A",
            "04 · 1. Why not simply count the mistakes?",
            "it is flat almost everywhere and jumps where a neuron changes its mind.",
            choices="ABC",
        ),
        Question(
            "Which activation has slope 0 for every negative $z$? **A** sigmoid, **B** tanh, "
            "**C** ReLU.",
            "C",
            "03 · 3. Step, sigmoid, tanh and ReLU",
            "ReLU(z) = max(0, z) is flat left of 0; sigmoid and tanh only flatten out slowly.",
            choices="ABC",
        ),
    ),
    "06": (
        Question(
            "One step of gradient descent $\\beta \\leftarrow \\beta - \\eta \\nabla L(\\beta)$ "
            "with $\\beta = 1$, $\\eta = 0.1$ and $\\nabla L(\\beta) = 4$: the new $\\beta$ is?",
            0.6,
            "05 · 5. Take a step: β ← β − η ∇L(β)",
            "1 − 0.1 · 4 = 0.6.",
            decimals=2,
            traps={1.4: "That is a step uphill: the minus sign sends β against the gradient."},
        ),
        Question(
            "A learning rate that is too large: **A** the steps jump across the valley and the "
            "loss can grow; **B** training is slower but safer; **C** nothing changes.",
            "A",
            "05 · 8. The learning rate: set by trial-and-error",
            "each step overshoots the bottom; far too large and the loss grows from step to step.",
            choices="ABC",
            traps={"B": "Slower but safer is a too-small η."},
        ),
        Question(
            "The cross-entropy loss when the true class gets probability $0.5$, $-\\ln 0.5$, "
            "is? (two decimals)",
            0.693,
            "04 · 3. The cross-entropy loss",
            "−ln 0.5 = ln 2 = 0.693.",
            decimals=2,
        ),
    ),
    "07": (
        Question(
            "1,000 training samples, mini-batches of 50: how many updates of the weights in "
            "one epoch?",
            20,
            "06 · 3. An epoch: every sample once, in a shuffled order",
            "one update per mini-batch: 1000 / 50 = 20.",
            traps={50: "50 is the batch size; an epoch has one update per batch."},
        ),
        Question(
            "$\\partial L / \\partial w = -2$. One gradient-descent step moves $w$ "
            "**A** up, **B** down, **C** not at all?",
            "A",
            "05 · 5. Take a step: β ← β − η ∇L(β)",
            "w − η · (−2) = w + 2η: against the gradient, so up.",
            choices="ABC",
        ),
        Question(
            "$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$. Its value at $z = 0$ is? (two decimals)",
            0.25,
            "04 · 5. Why cross-entropy: the learning slowdown, derived",
            "σ(0) = 0.5, so σ′(0) = 0.5 · 0.5 = 0.25, the largest σ′ gets.",
            decimals=2,
        ),
    ),
    "08": (
        Question(
            "Backpropagation computes the errors $\\delta^l$ layer by layer: **A** from the "
            "output layer back to the input, **B** from the input to the output, **C** all "
            "layers at once?",
            "A",
            "07 · 4. The four equations of backpropagation",
            "δ^out comes first (BP1), then each δˡ from δ^{l+1} (BP2).",
            choices="ABC",
        ),
        Question(
            "Gradient descent on the whole training set in every step is called: **A** "
            "full-batch gradient descent, **B** pure SGD, **C** an epoch?",
            "A",
            "06 · 5. Full batch, mini-batch, pure SGD: who wins?",
            "pure SGD uses one sample per step; an epoch is one pass over the data.",
            choices="ABC",
        ),
        Question(
            "$a = \\sigma(z)$ with $z = wx + b$. Which is $\\partial a / \\partial w$? "
            "**A** $\\sigma'(z)\\,x$, **B** $\\sigma'(z)\\,w$, **C** $\\sigma(z)\\,x$.",
            "A",
            "07 · 2. The chain rule on one sigmoid neuron",
            "the chain rule: ∂a/∂z · ∂z/∂w = σ′(z) · x.",
            choices="ABC",
        ),
    ),
    "09": (
        Question(
            "You choose the learning rate and the width of a network by their accuracy on "
            "**A** the training set, **B** the validation set, **C** the test set?",
            "B",
            "08 · 2. Training, validation and test sets",
            "the test set is used once, at the end; choices are made on the validation set.",
            choices="ABC",
            traps={"C": "Choosing on the test set makes its accuracy an optimistic guess."},
        ),
        Question(
            "The digits are 8 × 8 pixel images. How many neurons has the network's input layer?",
            64,
            "08 · 4. Build the network",
            "one input per pixel: 8 · 8 = 64.",
        ),
        Question(
            "How many neurons has the output layer of a network that tells the ten digits "
            "apart with softmax?",
            10,
            "08 · 3. One-hot targets",
            "one output per class; softmax makes the ten of them probabilities.",
        ),
    ),
}

TITLE = "Recall: three questions on the notebooks before this one"


def recall_markdown(notebook):
    """The markdown cell of ``notebook``'s recall: a heading and its three questions."""
    lines = [
        "## Recall",
        "",
        "Three questions on the notebooks before this one. Answer from memory first (no "
        "scrolling back: recalling is what makes it stick), then run the check.",
        "",
    ]
    for number, question in enumerate(QUESTIONS[notebook], start=1):
        kind = "a letter" if question.choices else "a number"
        lines.append(f"{number}. {question.text} *({kind})*")
    return "\n".join(lines)


def recall_code(notebook):
    """The code cell of ``notebook``'s recall: three ``...`` to replace and the check."""
    return (
        "from helpers.exercises.recall import check_recall\n"
        "\n"
        "recall_answers = [..., ..., ...]  # your answers to questions 1, 2, 3\n"
        f'check_recall("{notebook}", recall_answers)'
    )


def _judge(number, question, given):
    """(right?, message) for one answer."""
    if unfinished(given):
        return False, f"{number}: still `...`: answer from memory, then run the cell again."
    if question.choices:
        letter = as_letter(given, question.choices)
        if letter is None:
            listed = ", ".join(question.choices)
            return False, f"{number}: answer with one letter ({listed}); got {given!r:.30}."
        right, key = letter == question.answer, letter
    else:
        value = as_number(given)
        if value is None:
            return False, f"{number}: answer with one number; got {given!r:.30}."
        right = (
            matches_shown(value, question.answer, question.decimals)
            if question.decimals
            else value == question.answer
        )
        key = value
    if right:
        return True, f"{number}: ✓ right: {question.why}"
    slip = next((m for t, m in question.traps.items() if _same(t, key, question)), None)
    return (
        False,
        f"{number}: ✗ not this one. {slip + ' ' if slip else ''}Look back at {question.step}.",
    )


def _same(trap, key, question):
    """True if the answer ``key`` is the ``trap`` (to the question's precision)."""
    if question.choices:
        return trap == key
    if question.decimals:
        return matches_shown(key, trap, question.decimals)
    return key == trap


@never_raise(TITLE)
def check_recall(notebook, answers):
    """Check the three recall answers of ``notebook`` ("02" to "09"), in order.

    ``answers`` is a list or tuple of three: a number or a letter each, as the question asks.
    Passes only if all three are right; a wrong answer gets where to look back, not the answer.
    """
    questions = QUESTIONS.get(str(notebook))
    if questions is None:
        known = ", ".join(QUESTIONS)
        return Feedback(TITLE, False, [f"No recall for notebook {notebook!r}; one of {known}."])
    if unfinished(answers):
        answers = [..., ..., ...]
    if not isinstance(answers, (list, tuple)) or len(answers) != len(questions):
        return Feedback(
            TITLE,
            False,
            [f"Give a list of {len(questions)} answers, one per question, e.g. [0, 'A', 3]."],
        )
    verdicts = [
        _judge(i, q, a) for i, (q, a) in enumerate(zip(questions, answers, strict=True), start=1)
    ]
    right = sum(ok for ok, _ in verdicts)
    title = f"{TITLE}: {right} of {len(questions)} right"
    if all(unfinished(a) for a in answers):
        return Feedback(TITLE, False, ["Replace the three `...` with your answers, then run."])
    return Feedback(title, right == len(questions), [message for _, message in verdicts])
