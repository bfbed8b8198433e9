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

if ! "$PYTHON" -c "import sphinx, myst_nb, sphinx_book_theme" 2>/dev/null; then
    echo "build_site: Sphinx, MyST-NB or the book theme is missing:" \
        "pip install -r requirements-site.txt" >&2
    exit 1
fi

DOCTREES=$(mktemp -d "${TMPDIR:-/tmp}/site-doctrees.XXXXXX")
trap 'rm -rf "$DOCTREES"' EXIT
rm -rf "$OUT"
"$PYTHON" -m sphinx -b html -E -W --keep-going -q -j 1 \
    -c "$ROOT/site" -d "$DOCTREES" "$ROOT/notebooks" "$OUT"
touch "$OUT/.nojekyll"  # GitHub Pages: serve _static/ and friends as they are
echo "build_site: $(find "$OUT" -name '*.html' | wc -l) pages in $OUT (open $OUT/index.html)"
