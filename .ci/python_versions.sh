#!/usr/bin/env bash
# Install the course from requirements.txt and run every notebook (nbval-lax, as the Colab check
# does) on the oldest and the newest supported Python found on this machine (issue 14), then
# reopen a notebook with a live kernel and Run All in the browser (issue 21).
# It never downloads an interpreter: it looks on PATH (python3.10, python3.13, ...) and under
# pyenv's versions folder, and says which it ran and which it could not find.
#
#   bash .ci/python_versions.sh            (VERSIONS="3.10 3.13" to choose)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSIONS=${VERSIONS:-"3.10 3.13"}

find_python() {  # print the path of an interpreter for version $1 (e.g. 3.10), or nothing
    local version=$1 candidate
    for candidate in "$(command -v "python$version" || true)" \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python3; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] &&
            "$candidate" -c "import sys; assert sys.version.startswith('$version.')" 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
}

ran=()
missing=()
for version in $VERSIONS; do
    python=$(find_python "$version")
    if [ -z "$python" ]; then
        echo "== python versions: no Python $version on this machine, skipped"
        missing+=("$version")
        continue
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/py$version.XXXXXX")
    echo "== python versions: $("$python" --version) from $python, fresh venv in $work"
    "$python" -m venv "$work/venv"
    (
        cd "$ROOT"
        "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            -r requirements.txt nbval==0.11.0 pytest==9.2.0
        "$work/venv/bin/python" -c "import matplotlib.font_manager"  # font cache before kernels
        "$work/venv/bin/python" -m pytest -o addopts= -p no:cacheprovider --nbval-lax \
            --nbval-current-env --nbval-cell-timeout=600 -q notebooks/
        # A notebook reopened while its kernel runs, then Run All, 93 times (3 pages x 31
        # connections): the browser test runs from this script's own Python (Playwright), the
        # server and kernel from the venv (ipykernel 7.3.0 left cells at [*]; about 100 s).
        REOPEN_PYTHON="$work/venv/bin/python" python -m pytest -o addopts= -p no:cacheprovider \
            -q tests/browser/test_reopen.py
    )
    rm -rf "$work"
    ran+=("$version")
done

echo "== python versions: ran every notebook on Python ${ran[*]:-none}" \
    "${missing:+(not found here: ${missing[*]})}"
if [ ${#ran[@]} -eq 0 ]; then
    echo "== python versions: FAILED - none of $VERSIONS was found" >&2
    exit 1
fi
