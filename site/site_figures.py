"""The figures on the website (a Sphinx extension, loaded by site/conf.py).

The notebooks store each figure as an HTML ``<img>`` holding its PNG
(``helpers.plotting.show``: twice the pixels of its displayed size, which it gives as
``width``/``height``). After the build, :func:`rewrite_figures` turns each such picture into

* a file of its own, ``_images/figure-<sha256>.png`` (the page gets lighter and the browser can
  cache it), shown at its displayed size (``width``/``height``; for an older 1× PNG, its pixels);
* a link to that file, so a reader can open the figure full size (and zoom on a phone);
* on a phone, a wide figure (displayed wider than ``WIDE`` px) keeps at least ``PHONE_SCALE``
  of its size and scrolls sideways inside its own box, so its text stays legible (shrunk to a
  390 px screen, a three-panel figure's tick labels were about 4 px high).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
import struct
from pathlib import Path

IMG_RE = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,([A-Za-z0-9+/=\s]+)"[^>]*>')
ATTR_RE = re.compile(r'\b(alt|width|height)="([^"]*)"')
WIDE = 700  # CSS px: wider figures keep PHONE_SCALE of their size on a phone and scroll
PHONE_SCALE = 0.7


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])


def figure_html(png: bytes, attrs: dict[str, str], href: str) -> str:
    """The markup that replaces one data-URI ``<img>``; ``href`` is the saved file."""
    pixels = png_size(png)
    width = int(attrs.get("width") or pixels[0])
    height = int(attrs.get("height") or pixels[1])
    alt = attrs.get("alt", "")  # already escaped in the page
    wide = " course-wide" if width > WIDE else ""
    phone = f' style="--course-phone-width: {round(width * PHONE_SCALE)}px"' if wide else ""
    return (
        f'<div class="course-figure-box{wide}">'
        f'<a class="course-figure" href="{href}" title="Open the figure full size">'
        f'<img src="{href}" alt="{alt}" width="{width}" height="{height}" '
        f'class="course-figure-img"{phone}/></a></div>'
    )


def rewrite_figures(page: str, images: Path, prefix: str = "_images/") -> tuple[str, int]:
    """Save every data-URI PNG of ``page`` into ``images`` and link it; return the new page
    and how many figures were rewritten."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        png = base64.b64decode(re.sub(r"\s+", "", match.group(1)))
        name = f"figure-{hashlib.sha256(png).hexdigest()[:20]}.png"
        images.mkdir(parents=True, exist_ok=True)
        if not (images / name).exists():
            (images / name).write_bytes(png)
        attrs = {key: html_lib.unescape(value) for key, value in ATTR_RE.findall(match.group(0))}
        attrs["alt"] = html_lib.escape(attrs.get("alt", ""), quote=True)
        count += 1
        return figure_html(png, attrs, prefix + name)

    return IMG_RE.sub(replace, page), count


def on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in outdir.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        new, count = rewrite_figures(text, outdir / "_images")
        if count:
            path.write_text(new, encoding="utf-8")


def setup(app):
    # before course_site copies the contents page to index.html (priority 500)
    app.connect("build-finished", on_build_finished, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
