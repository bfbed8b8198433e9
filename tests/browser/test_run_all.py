"""Every notebook opens in JupyterLab and "Run All" finishes clean (Notebook 7: test_notebook7)."""

from __future__ import annotations

import catalog
import pytest
from pages import run_problems


@pytest.mark.parametrize("notebook", catalog.ALL, indirect=True, ids=catalog.short)
def test_notebook_runs_clean(notebook):
    """Opens, runs all cells, every code cell executed, no error/stderr output on the page."""
    problems = run_problems(notebook.require_run())
    assert not problems, f"{notebook.name}: " + "\n".join(problems) + f"\n{notebook.where()}"
