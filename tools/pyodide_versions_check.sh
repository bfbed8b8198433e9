#!/usr/bin/env bash
# The course with Pyodide 0.27.7's package versions, natively (issue 17): what the JupyterLite
# edition runs in the browser (Python 3.12, numpy 2.0.2, matplotlib 3.8.4, scikit-learn 1.6.1
# and the versions of their dependencies in Pyodide's lock) is installed exactly in a fresh venv
# on Python 3.12 (pyenv's, never downloaded), with the rest of requirements-dev.txt; then the
# unit tests run (not the browser tests or the website's) and every notebook with nbval-lax,
# as tools/colab_check.sh does. Fails if pip had to change a Pyodide version.
#
#   bash tools/pyodide_versions_check.sh        (PYTHON=/path/to/python3.12 to choose)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# What Pyodide 0.27.7's pyodide-lock.json ships (tools/lite/ serves exactly these in the browser).
# matplotlib's own dependencies too: a newer pyparsing, say, warns on matplotlib 3.8's calls.
PYODIDE_PINS=(numpy==2.0.2 matplotlib==3.8.4 scikit-learn==1.6.1 scipy==1.14.1
              threadpoolctl==3.5.0 joblib==1.4.0 pyparsing==3.1.2 contourpy==1.3.0
              cycler==0.12.1 fonttools==4.51.0 kiwisolver==1.4.5 pillow==10.2.0
              python-dateutil==2.9.0.post0)

find_python312() {
    local candidate
    for candidate in "${PYTHON:-}" "$(command -v python3.12 || true)" \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12.*/bin/python3; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] &&
            "$candidate" -c "import sys; assert sys.version_info[:2] == (3, 12)" 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
}
PY=$(find_python312)
if [ -z "$PY" ]; then
    echo "pyodide versions: no Python 3.12 on this machine (Pyodide 0.27.7's); not checked" >&2
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pyodide-versions.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "pyodide versions: $("$PY" --version) from $PY, fresh venv in $WORK with ${PYODIDE_PINS[*]}"
"$PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"

# requirements-dev.txt and requirements.txt without their numpy/matplotlib/scikit-learn pins
# (the Pyodide pins replace them); `-e .` and ./jupyter-nodelay stay (paths from the root).
cd "$ROOT"
grep -hvE '^(numpy|matplotlib|scikit-learn)==|^-r ' requirements.txt requirements-dev.txt \
    >"$WORK/requirements.txt"
"$VPY" -m pip install --quiet --disable-pip-version-check \
    "${PYODIDE_PINS[@]}" -r "$WORK/requirements.txt"
"$VPY" - "${PYODIDE_PINS[@]}" <<'PY'
import sys
from importlib.metadata import version

wrong = [p for p in sys.argv[1:] if version(p.split("==")[0]) != p.split("==")[1]]
if wrong:
    sys.exit(f"pyodide versions: FAILED - pip installed other versions than {wrong}")
print("pyodide versions: installed exactly", " ".join(sys.argv[1:]))
PY
"$VPY" -c "import matplotlib.font_manager"  # the font cache, before any kernel starts

export PYDEVD_DISABLE_FILE_VALIDATION=1
echo "pyodide versions: the unit tests"
"$VPY" -m pytest -o addopts= -p no:cacheprovider -q tests \
    --ignore=tests/browser --ignore=tests/test_site.py --ignore=tests/test_lite.py
echo "pyodide versions: every notebook (nbval-lax)"
"$VPY" -m pytest -o addopts= -p no:cacheprovider --nbval-lax --nbval-current-env \
    --nbval-cell-timeout=600 notebooks/
