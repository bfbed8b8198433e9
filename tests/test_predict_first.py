"""Predict before run (PRIMM): in notebooks 01-05 the first cell that shows each widget comes
right after a prompt asking the student to write a prediction first."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"
WIDGET_CALL = re.compile(r"\b(\w+_explorer|digit_pad|playground)\(")


@pytest.mark.parametrize("number", ["01", "02", "03", "04", "05"])
def test_first_use_of_each_widget_follows_a_prediction_prompt(number):
    (path,) = NOTEBOOKS.glob(f"{number}_*.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    seen = set()
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        calls = {m.group(1) for m in WIDGET_CALL.finditer("".join(cell["source"]))}
        for widget in calls - seen:
            before = "".join(cells[i - 1]["source"])
            assert cells[i - 1]["cell_type"] == "markdown", f"{number}: {widget}"
            assert "Predict first" in before and "prediction" in before, f"{number}: {widget}"
        seen |= calls
    if number != "04":
        assert seen, f"{number}: no widget found: is the pattern still right?"
