#!/usr/bin/env bash
# Run every notebook with Google Colab's package versions (issue 6).
#
# A fresh venv gets Colab's numpy / matplotlib / scikit-learn / ipywidgets (and its IPython
# kernel), then the setup cell of a notebook is run as Colab would run it (with a fake
# `google.colab` module and this checkout instead of the GitHub URL), which installs `helpers`
# with --no-deps. The check fails if that install changed any of Colab's packages, or if any
# notebook does not run top to bottom (nbval-lax).
#
#   bash tools/colab_check.sh            (PYTHON=python3.11 to choose the interpreter)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
# What Colab ships (checked Nov 2026): never upgraded by the course.
COLAB_PINS=(numpy==2.1.3 matplotlib==3.10.0 scikit-learn==1.6.1 ipywidgets==7.7.1
            ipykernel==6.17.1 ipython==7.34.0)
TEST_TOOLS=(nbval==0.11.0 pytest==9.2.0)

shopt -s nullglob
notebooks=("$ROOT"/notebooks/[0-9][0-9]_*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
    echo "colab check: no notebooks in notebooks/, nothing to run"
    exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/colab-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "colab check: fresh venv in $WORK with ${COLAB_PINS[*]}"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install --quiet --disable-pip-version-check "${COLAB_PINS[@]}" "${TEST_TOOLS[@]}"
"$VPY" -m pip freeze --all | sort >"$WORK/before.txt"

# Run the generated setup cell as Colab would, installing from this checkout.
"$VPY" - "$ROOT" <<'PY'
import ast, asyncio, inspect, json, sys, types
from pathlib import Path

root = Path(sys.argv[1])
nb = json.loads((root / "notebooks" / "00_index.ipynb").read_text(encoding="utf-8"))
cell = next(c for c in nb["cells"] if "setup" in c.get("metadata", {}).get("tags", []))
source = "".join(cell["source"])
assert "git+https://github.com/" in source, "setup cell lost its install line"
head, _, tail = source.partition('_course = "')
source = head + f'_course = "{root.as_posix()}"' + tail.partition('"')[2]
sys.modules["google.colab"] = types.ModuleType("google.colab")  # pretend to be Colab
# a cell may await at top level (the JupyterLite branch does): run it as IPython would
code = compile(source, "setup cell", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
result = eval(code, {"__name__": "__main__"})
if inspect.iscoroutine(result):
    asyncio.run(result)
print("colab check: the setup cell installed helpers")
PY

"$VPY" -m pip freeze --all | sort >"$WORK/after.txt"
changed=$(comm -23 "$WORK/before.txt" "$WORK/after.txt" || true)
if [ -n "$changed" ]; then
    echo "colab check: FAILED - installing helpers changed Colab's packages:" >&2
    echo "$changed" >&2
    exit 1
fi
(cd "$WORK" && "$VPY" -c "import helpers, numpy, ipywidgets; print('colab check: helpers from', \
    helpers.__file__, '| numpy', numpy.__version__, '| ipywidgets', ipywidgets.__version__)")
"$VPY" -c "import matplotlib.font_manager"  # build the font cache before any kernel starts

cd "$ROOT"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # ipykernel 6's debugger notice on the kernel's stderr
"$VPY" -m pytest -o addopts= -p no:cacheprovider --nbval-lax --nbval-current-env \
    --nbval-cell-timeout=600 notebooks/
