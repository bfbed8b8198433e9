"""The committed course is consistent: links, badges, navigation, setup cells and tables.

Runs ``python tools/course.py check``'s logic on this repository. When it fails, run
``python tools/course.py execute`` (or ``links`` / ``readme``) and commit the result.
"""

from __future__ import annotations

from course_tool import ROOT
from coursekit.address import INDEX, read_address
from coursekit.check import all_link_problems, check
from coursekit.generate import setup_source
from coursekit.notebooks import notebook_paths, read_nb


def test_every_link_points_at_the_pyproject_address():
    problems = all_link_problems(ROOT)
    assert not problems, "links disagree with pyproject's [tool.course]:\n" + "\n".join(problems)


def test_generated_cells_and_tables_are_up_to_date():
    problems = check(ROOT)
    assert not problems, (
        "out of date (run `python tools/course.py execute` and commit):\n" + "\n".join(problems)
    )


def test_every_notebook_has_a_silent_setup_cell_first():
    address = read_address(ROOT)
    for path in notebook_paths(ROOT):
        nb = read_nb(path)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code, f"{path.name} has no code cell"
        setup = code[0]
        assert "setup" in setup.metadata.get("tags", []), f"{path.name}: setup cell not first"
        assert setup.source == setup_source(address), f"{path.name}: setup cell edited"
        assert not setup.get("outputs"), f"{path.name}: the setup cell has outputs"


def test_readme_has_the_generated_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for marker in ("<!-- contents -->", "<!-- /contents -->", "<!-- badges -->", "<!-- site -->"):
        assert marker in text
    address = read_address(ROOT)
    assert address.binder() in text and address.colab(INDEX) in text
    assert address.site() in text
