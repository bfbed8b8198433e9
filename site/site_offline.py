"""The website asks no other host for anything (a Sphinx extension, loaded by site/conf.py).

* MathJax is served by the site: ``tools/build_site.sh`` installs npm ``mathjax`` 4 and its font
  package, pinned in ``site/package-lock.json``, into ``site/node_modules`` (``npm ci``), and
  :func:`copy_mathjax` copies what a browser loads into ``_static/mathjax/`` (conf.py points
  ``mathjax_path`` there and ``loader.paths.fonts`` at the copied font).
* The Colab and Binder badge images of the notebooks' headers are pictures on those hosts:
  :func:`local_badges` points them at copies in ``_static/badges/`` (the links stay).
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
MATHJAX = NODE_MODULES / "mathjax"
FONT = NODE_MODULES / "@mathjax" / "mathjax-newcm-font"
# What the browser loads: the combined component, the pieces it loads on demand (TeX extensions,
# the accessibility and menu code, the speech rules) and the font's CHTML files. Not copied:
# the SVG-output bundles and node's entry points (about 60 MB).
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output", "a11y", "ui", "sre", "adaptors")
FONT_PARTS = ("chtml", "chtml.js", "package.json")
BADGES = {
    "https://colab.research.google.com/assets/colab-badge.svg": "_static/badges/colab-badge.svg",
    "https://mybinder.org/badge_logo.svg": "_static/badges/binder-badge.svg",
}


def copy_mathjax(static: Path) -> None:
    """Copy MathJax and its font into ``static/mathjax`` (the font under ``fonts/``)."""
    if not (MATHJAX / "tex-mml-chtml.js").is_file() or not (FONT / "chtml").is_dir():
        raise FileNotFoundError(
            f"MathJax is missing in {NODE_MODULES}: run `npm ci` in site/ "
            "(tools/build_site.sh does it)"
        )
    target = static / "mathjax"
    shutil.rmtree(target, ignore_errors=True)
    for part in MATHJAX_PARTS:
        copy(MATHJAX / part, target / part)
    copy(MATHJAX / "LICENSE", target / "LICENSE")
    for part in FONT_PARTS:
        copy(FONT / part, target / "fonts" / "mathjax-newcm-font" / part)


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)


def local_badges(html: str, prefix: str = "") -> str:
    """``html`` with the badge pictures taken from the site (``prefix``: the way to its root)."""
    for remote, local in BADGES.items():
        html = html.replace(f'src="{remote}"', f'src="{prefix}{local}"')
    return html


def on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    copy_mathjax(outdir / "_static")
    for page in outdir.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = local_badges(text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def setup(app):
    app.connect("build-finished", on_build_finished, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
