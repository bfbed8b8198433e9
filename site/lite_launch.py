"""A "Run in your browser" launch on every notebook page, next to Colab and Binder.

It opens the page's notebook in the site's own JupyterLite edition (``lite/``, built by
``bash tools/build_site.sh``): Python runs in the reader's browser, nothing to install, no
account, no server. The link is relative, so it works on any host the site is copied to.
"""

from __future__ import annotations

LABEL = "Run in your browser"
TOOLTIP = "Open this notebook in JupyterLite: Python in your browser, nothing to install"


def lite_url(pagename: str, depth: int) -> str:
    """The lite edition's address for page ``pagename`` (a notebook's stem), relative to a
    page ``depth`` folders below the site's root."""
    return "../" * depth + f"lite/lab/index.html?path={pagename}.ipynb"


def add_launch(app, pagename, templatename, context, doctree):
    """Put the lite launch first in the book theme's launch menu of a notebook page."""
    if doctree is None or not context.get("page_source_suffix", "").endswith("ipynb"):
        return
    buttons = context.get("header_buttons")
    url = lite_url(pagename, pagename.count("/"))
    entry = {
        "type": "link",
        "text": LABEL,
        "tooltip": TOOLTIP,
        "icon": "_static/images/logo_jupyterlite.svg",
        "url": url,
        "label": "lite-launch-button",
    }
    if isinstance(buttons, list):
        for button in buttons:
            if button.get("label") == "launch-buttons" and "buttons" in button:
                button["buttons"].insert(0, entry)
                return
        buttons.insert(0, entry)


def setup(app):
    # after the book theme has filled in its launch buttons (its handler runs at priority 501)
    app.connect("html-page-context", add_launch, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
