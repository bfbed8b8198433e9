#!/usr/bin/env bash
# Run every notebook with the network cut off (issue 6): a fresh network namespace that has
# only the loopback interface (the kernel talks to Jupyter over 127.0.0.1), then nbval-lax.
# Needs root (or user namespaces); skipped with a message where the machine does not allow
# it, except under CI=true, where that is a failure.
#
#   bash tools/offline_check.sh          (PYTHON=.venv/bin/python to choose the interpreter)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python}

shopt -s nullglob
notebooks=("$ROOT"/notebooks/[0-9][0-9]_*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
    echo "offline check: no notebooks in notebooks/, nothing to run"
    exit 0
fi

if ! unshare --net true 2>/dev/null; then
    if [ "$(id -u)" != 0 ] && unshare --net --map-root-user true 2>/dev/null; then
        UNSHARE=(unshare --net --map-root-user)
    elif [ "${CI:-}" = "true" ]; then
        echo "offline check: FAILED - cannot create a network namespace (unshare --net) under CI" >&2
        exit 1
    else
        echo "offline check: SKIPPED - this machine does not allow 'unshare --net' (needs root)"
        exit 0
    fi
else
    UNSHARE=(unshare --net)
fi

"$PYTHON" -c "import matplotlib.font_manager"  # font cache: no stderr in the first kernel
cd "$ROOT"
# shellcheck disable=SC2016
"${UNSHARE[@]}" bash -c '
    set -euo pipefail
    ip link set lo up  # needs iproute2 (Debian: iproute2)
    others=$("$0" -c "import socket; print(*[n for _, n in socket.if_nameindex() if n != \"lo\"])")
    if [ -n "$others" ]; then echo "offline check: not offline, interfaces: $others" >&2; exit 1; fi
    echo "offline check: network namespace with only loopback; running the notebooks"
    "$0" -m pytest -o addopts= -p no:cacheprovider --nbval-lax --nbval-current-env \
        --nbval-cell-timeout=600 notebooks/
' "$PYTHON"
