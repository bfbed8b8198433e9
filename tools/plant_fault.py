"""Plant a fault, run tests, put the file back: does the suite catch it?

    python tools/plant_fault.py FILE OLD NEW [PYTEST ARGS ...]

replaces the first ``OLD`` in ``FILE`` by ``NEW`` (for a notebook, in its raw JSON text: write
quotes as \\" there), runs ``python -m pytest -x -q`` with the arguments given (a test module,
``-k ...``), restores ``FILE`` byte for byte, and prints CAUGHT (the tests failed) or MISSED.
It exits 0 when the fault was caught, 1 when it was missed, 2 when ``OLD`` is not in ``FILE``
or no test ran (a wrong path or ``-k``).
The table in CONTRIBUTING ("Each test module and the fault it catches") was made with it.
Leaves nbval out (``-o addopts=``); run it on a clean work tree, one at a time.
"""

import subprocess
import sys
from pathlib import Path


def plant(path, old, new, pytest_args):
    """Run the tests with ``old`` replaced by ``new`` in ``path``: True if they failed."""
    original = path.read_bytes()
    text = original.decode("utf-8")
    if old not in text:
        raise LookupError(f"{path}: {old!r} not found")
    try:
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        result = subprocess.run(
            [*command, "-o", "addopts=", *pytest_args],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
    finally:
        path.write_bytes(original)
    lines = result.stdout.strip().splitlines()
    print(lines[-1] if lines else result.stderr.strip()[-300:])
    if result.returncode in (4, 5):  # a usage error or no test collected: nothing was tried
        raise LookupError(f"pytest {' '.join(pytest_args)}: no test ran (exit {result.returncode})")
    return result.returncode != 0  # 1: a test failed; 2: collection failed on the fault


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        print(__doc__)
        return 2
    path, old, new, *pytest_args = args
    try:
        caught = plant(Path(path), old, new, pytest_args)
    except LookupError as error:
        print(error)
        return 2
    print("CAUGHT" if caught else "MISSED", f"{path}: {old[:50]!r} -> {new[:50]!r}")
    return 0 if caught else 1


if __name__ == "__main__":
    sys.exit(main())
