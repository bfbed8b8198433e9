"""The course's JupyterLite edition (``bash tools/build_site.sh`` builds it into ``lite/``).

* ``pyodide_dist``: the self-hosted Pyodide, only the packages the course needs, each file
  verified byte for byte against the pinned upstream release's ``pyodide-lock.json``.
* ``notebooks``: the notebooks as the lite edition serves them (the in-browser kernel's
  kernelspec, no badge images that would load from other hosts).
* ``build``: the command that puts it together with ``jupyter lite build``.
"""

PYODIDE_VERSION = "0.27.7"
LITE_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
