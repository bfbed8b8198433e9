#!/usr/bin/env bash
# Build the course's website from the committed notebooks into _build/site/ (index.html first).
# Nothing is executed (the stored outputs are shown) and nothing is downloaded: Sphinx, MyST-NB
# and the book theme, installed with `pip install -r requirements-site.txt`, do the work with
# the configuration in site/. Warnings (a broken link, a missing page) fail the build.
#
#   bash tools/build_site.sh [OUTDIR]      (PYTHON=... to choose the interpreter)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-$ROOT/_build/site}
PYTHON=${PYTHON:-python}

if ! "$PYTHON" -c "import sphinx, myst_nb, sphinx_book_theme, jupyterlite_core" 2>/dev/null; then
    echo "build_site: Sphinx, MyST-NB, the book theme or JupyterLite is missing:" \
        "pip install -r requirements-site.txt" >&2
    exit 1
fi

# MathJax is served by the site itself: npm's mathjax 4 and its font, pinned in
# site/package-lock.json, installed into site/node_modules (once; `npm ls` checks it offline).
if ! (cd "$ROOT/site" && npm ls --all >/dev/null 2>&1); then
    if ! command -v npm >/dev/null; then
        echo "build_site: npm is needed once to install MathJax (site/package.json)" >&2
        exit 1
    fi
    (cd "$ROOT/site" && npm ci --no-audit --no-fund --loglevel=error)
fi

# OUTDIR is replaced: only if it is empty or a site this script built (it has .nojekyll).
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -e "$OUT/.nojekyll" ]; then
    echo "build_site: $OUT is not empty and not a site built here; not replacing it" >&2
    exit 1
fi

# Sphinx's doctrees and MyST-NB's image folder (jupyter_execute/, beside the output) go to a
# scratch folder; only the finished site is moved to OUTDIR.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/build-site.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m sphinx -b html -E -W --keep-going -q -j 1 \
    -c "$ROOT/site" -d "$WORK/doctrees" "$ROOT/notebooks" "$WORK/site"
# The downloads, next to the pages: every notebook with helpers in a zip, and the PDF edition
# (the same pages as one HTML page, printed by a headless Chromium: see CONTRIBUTING).
"$PYTHON" "$ROOT/tools/site_downloads.py" zip "$WORK/site" >/dev/null
"$PYTHON" -m sphinx -b singlehtml -E -W --keep-going -q -j 1 \
    -c "$ROOT/site" -d "$WORK/doctrees-single" "$ROOT/notebooks" "$WORK/single"
"$PYTHON" "$ROOT/tools/site_pdf.py" "$WORK/single" "$WORK/site/intro-neural-networks.pdf" >/dev/null
touch "$WORK/site/.nojekyll"  # GitHub Pages: serve _static/ and friends as they are

# --- the JupyterLite edition (issue 17; tools/lite/) -----------------------------------------
# Every notebook runnable in the browser at lite/ (Pyodide, served by the site itself). The
# Pyodide files come from COURSE_PYODIDE (a folder, the release .tar.bz2, or a zip/wheel that
# holds one), by default the official release archive; each is verified against npm's lock.
# LITE=0 leaves the edition out (a quicker build of the pages alone).
if [ "${LITE:-1}" != 0 ]; then
    PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m lite.build "$WORK/site/lite"
fi
# --- end of the JupyterLite edition ------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
mv "$WORK/site" "$OUT"
echo "build_site: $(find "$OUT" -name '*.html' | wc -l) pages in $OUT (open $OUT/index.html)"
