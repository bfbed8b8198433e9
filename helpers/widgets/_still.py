"""What a course widget displays: the live widget, and beside it a still picture that a page
without the widget (a notebook reopened on a new kernel) shows with a hint to run the cell.

A widget's view lives only as long as the kernel that made it: a notebook saved with its outputs
and reopened next week on a fresh kernel finds no model behind the stored view, and JupyterLab,
Notebook 7 and JupyterLite draw "Error displaying widget: model not found" where the widget was
(their widget renderer outranks the PNG of the same output). So, outside Colab, a widget is
displayed as TWO outputs (``outputs``):

* the live one: the widget view and a line of text (the text is what nbval compares);
* the still: a Markdown output holding the hint ``HINT`` and the picture (JupyterLab ranks
  Markdown above PNG), the PNG itself (GitHub, nbconvert and the website rank PNG above
  Markdown) and a line of text; its metadata carries the PNG's alt text and ``course.still``.

Two CSS rules, written into the page by the outputs themselves, make only one of them visible:

* while the output before a still holds a live ``.course-widget``, the still is hidden
  (``HIDE_STILL``, in the widget's own HTML, which is never sanitised);
* an output before a still that holds no ``.course-widget`` (the error, or "Loading widget...")
  is hidden (``HIDE_DEAD_VIEW``, in the still's Markdown: kept where the notebook is trusted,
  as one the student ran and saved is).

A widget that lost its kernel while the page stayed keeps its view (it says to run the cell
again: ``LOST_KERNEL`` in ``_base``) and the still stays hidden; a closed widget's view goes and
the still shows. On Colab each output is a frame of its own (no rule reaches the next one) and
the widget is one output as before: the widget view, the PNG and the text.
"""

import base64
import html
import sys

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: The one line shown above a still where no live widget is.
HINT = "A still picture of this widget: <b>run this cell</b> (Shift+Enter) to play with it."

#: In the live widget's HTML: no still while a live course widget is in the output before it.
HIDE_STILL = (
    ".jp-OutputArea-child:has(.course-widget) + .jp-OutputArea-child:has(.course-still)"
    " { display: none; }"
)

#: In the still's Markdown: no dead view (an error, "Loading widget...") before a still.
HIDE_DEAD_VIEW = (
    ".jp-OutputArea-child:not(:has(.course-widget)):has(+ .jp-OutputArea-child .course-still)"
    " { display: none; }"
)
STILL_STYLE = (
    HIDE_DEAD_VIEW + "\n.course-still-hint { margin: 0 0 6px; padding: 4px 8px;"
    " border-left: 4px solid var(--jp-brand-color1, #1976D2); }"
    "\n.course-still img { max-width: 100%; height: auto; }"
)


def on_colab():
    """True inside Google Colab (its outputs are separate frames)."""
    return "google.colab" in sys.modules


def still_markdown(png_b64, alt):
    """The still as Markdown (raw HTML, no blank line inside): the hint, the picture, the CSS."""
    return (
        f'<div class="course-still">\n<p class="course-still-hint">{HINT}</p>\n'
        f'<img src="data:image/png;base64,{png_b64}" alt="{html.escape(alt, quote=True)}">\n'
        f"</div>\n<style>\n{STILL_STYLE}\n</style>\n"
    )


def outputs(model_id, png, text, alt, colab=None):
    """The (data, metadata) pairs a widget displays: [live, still], or one bundle on Colab."""
    view = {"version_major": 2, "version_minor": 0, "model_id": model_id}
    png_b64 = base64.b64encode(png).decode("ascii")
    if on_colab() if colab is None else colab:
        data = {WIDGET_MIME: view, "image/png": png_b64, "text/plain": text}
        return [(data, {"image/png": {"alt": alt}})]
    live = ({WIDGET_MIME: view, "text/plain": text}, {})
    still = (
        {
            "text/markdown": still_markdown(png_b64, alt),
            "image/png": png_b64,
            "text/plain": "(a still picture of the widget; run the cell to play with it)",
        },
        {"image/png": {"alt": alt}, "course": {"still": True}},
    )
    return [live, still]
