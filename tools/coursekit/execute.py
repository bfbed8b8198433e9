"""Re-running notebooks in place: a fresh kernel, top to bottom, deterministic, nothing on stderr.

Used by ``python tools/course.py execute [NOTEBOOK ...]``, which first regenerates every
notebook's generated cells (see ``generate``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import CourseError
from .generate import refresh_all
from .notebooks import ensure_ids, normalise_metadata, notebook_paths, read_nb, write_nb


def kernel_env() -> dict[str, str]:
    """Environment for a deterministic kernel: inline figures, fixed hash seed and dates."""
    env = dict(os.environ)
    env.update(
        {
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYTHONHASHSEED": "0",
            "SOURCE_DATE_EPOCH": "0",
            "TZ": "UTC",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def prebuild_font_cache() -> None:
    """Build matplotlib's font cache here, so no kernel prints "building the font cache"."""
    try:
        import matplotlib.font_manager  # noqa: F401
    except ImportError:
        pass


def stderr_outputs(nb) -> list[str]:
    """``cell N (id): text`` for every stderr stream output in ``nb``."""
    return [
        f"cell {i} ({cell.get('id')}): {''.join(output.get('text', ''))}"
        for i, cell in enumerate(nb.cells)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]


def clear_outputs(nb) -> None:
    """Remove every code cell's outputs, execution count and timing."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Run ``path`` top to bottom in a fresh kernel (cwd = its folder) and save it in place.

    Raises CourseError, without writing, if a cell errors or writes to stderr.
    Returns the seconds it took.
    """
    nb = read_nb(path)
    clear_outputs(nb)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute(cwd=str(path.parent), env=kernel_env())
    except CellExecutionError as error:
        raise CourseError(f"{path.name}: a cell raised an error:\n{error}") from None
    seconds = time.perf_counter() - start
    errors = stderr_outputs(nb)
    if errors:
        raise CourseError(
            f"{path.name}: cells wrote to stderr (fix the cause):\n" + "\n".join(errors)
        )
    ensure_ids(nb, path.stem)
    normalise_metadata(nb)
    write_nb(nb, path)
    return seconds


def execute(paths: list[Path] | None, root: Path) -> list[tuple[str, float]]:
    """Regenerate generated cells everywhere, then execute ``paths`` (default: all notebooks).

    Prints one line per notebook; returns ``(name, seconds)`` for each.
    """
    _, problems = refresh_all(root)
    if problems:
        raise CourseError("\n".join(problems))
    targets = [Path(p).resolve() for p in paths] if paths else notebook_paths(root)
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise CourseError("no such notebook: " + ", ".join(missing))
    prebuild_font_cache()
    times = []
    for path in targets:
        seconds = execute_notebook(path)
        print(f"executed {path.name} in {seconds:.1f} s", flush=True)
        times.append((path.name, seconds))
    return times
