"""Shared pytest set-up. Keep this small: every test file in tests/ loads it."""

from __future__ import annotations


def pytest_collection_finish(session):
    """Build matplotlib's font cache before any notebook kernel starts.

    On a fresh machine the first ``import matplotlib`` prints "Matplotlib is building the font
    cache" to stderr, which strict nbval would report as a changed output. The kernels use this
    same environment (``--nbval-current-env``), so building the cache here prevents it.
    """
    if any(item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid for item in session.items):
        try:
            import matplotlib.font_manager  # noqa: F401
        except ImportError:
            pass
