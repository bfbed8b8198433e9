"""Every notebook opens in JupyterLab and "Run All" finishes clean."""

from __future__ import annotations

import catalog
import pytest


def _cells(items: list) -> str:
    return "\n".join(f"  cell {it['index']}: {it['text'].strip()[:300]}" for it in items)


def run_problems(res: dict) -> list[str]:
    """What went wrong in a run: a failed Run All, errors/stderr, broken widgets, unrun cells."""
    problems = []
    run = res.get("run") or {}
    if "error" in run:
        problems.append(f"'Run All' raised {run['error']}")
    with_errors = {e["index"] for e in res["errors"]}
    shown = res["errors"] + [e for e in res["stderr"] if e["index"] not in with_errors]
    if shown:
        problems.append("error/stderr output on the page:\n" + _cells(shown))
    if res["broken"]:
        problems.append("widgets failed to display:\n" + _cells(res["broken"]))
    unrun = [c for c in res["code"] if not c["count"]]
    if unrun:
        problems.append(
            "code cells not executed:\n"
            + "\n".join(f"  cell {c['index']}: {c['source'][:80]!r}" for c in unrun)
        )
    return problems


@pytest.mark.parametrize("notebook", catalog.ALL, indirect=True, ids=catalog.short)
def test_notebook_runs_clean(notebook):
    """Opens, runs all cells, every code cell executed, no error/stderr output on the page."""
    problems = run_problems(notebook.require_run())
    assert not problems, f"{notebook.name}: " + "\n".join(problems) + f"\n{notebook.where()}"
