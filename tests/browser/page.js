// Page-side half of the browser tests: injected into every page (Playwright add_init_script),
// called from Python as `page.evaluate("courseTest.NAME(arg)")`.
//
// Works in JupyterLab and in Notebook 7: both expose the front-end application as
// `window.jupyterapp` when started with expose_app_in_browser=True, and both use JupyterLab's
// NotebookPanel. JupyterLab 4.6 renders only the cells near the viewport by default: the tests
// turn that off in the user settings, and everything that counts cells reads the notebook
// MODEL, never the prompts in the DOM.
(() => {
  'use strict';

  const OUTPUT = '.jp-OutputArea-output';
  // What the course writes into a page: outputs (feedback boxes, figures, widgets) and the
  // rendered markdown of its cells. Everything else is JupyterLab's own interface.
  const CONTENT = `${OUTPUT}, .jp-MarkdownCell .jp-RenderedMarkdown`;

  const app = () => window.jupyterapp;

  /** The notebook panel under test. */
  function panel() {
    const nb = window.__courseNb;
    if (nb && !nb.isDisposed) return nb;
    const current = app() && app().shell.currentWidget;
    return current && current.content && current.sessionContext ? current : null;
  }

  function kernel() {
    const nb = panel();
    const session = nb && nb.sessionContext.session;
    return session ? session.kernel : null;
  }

  function cellIndex(el) {
    const nb = panel();
    return nb ? nb.content.widgets.findIndex((c) => c.node.contains(el)) : -1;
  }

  function textOf(output) {
    const t = output.text;
    return Array.isArray(t) ? t.join('') : String(t || '');
  }

  /** The alt text the output model gives the picture `img` of an output area, if any. */
  function metadataAlt(img) {
    const child = img.closest('.jp-OutputArea-child');
    const cell = panel().content.widgets[cellIndex(img)];
    if (!child || !cell || cell.model.type !== 'code') return null;
    const index = [...child.parentElement.children].indexOf(child);
    const output = index >= 0 && index < cell.model.outputs.length ? cell.model.outputs.get(index) : null;
    const meta = output && output.metadata && output.metadata[child.querySelector('[data-mime-type]')?.dataset.mimeType];
    return (meta && meta.alt) || null;
  }

  /**
   * Whose violation an element's is: ['course', ''] for the course's outputs and markdown;
   * ['upstream', reason] for the two known gaps of the libraries the course renders through,
   * which the course cannot fix from Python; ['lab', ''] for JupyterLab's own interface.
   */
  function owner(rule, el) {
    if (!el || !el.closest(CONTENT)) return ['lab', ''];
    if (rule === 'aria-input-field-name' && el.matches('.noUi-handle')) {
      return ['upstream', 'ipywidgets 8 gives its slider handles (noUiSlider) no accessible name'];
    }
    if (rule === 'image-alt' && el.closest('.widget-output .jp-RenderedImage')) {
      return ['upstream', 'JupyterLab 4.6 draws image outputs without alt (inside an Output '
        + 'widget, whose metadata this test cannot read)'];
    }
    if (rule === 'image-alt' && el.closest('.jp-RenderedImage') && metadataAlt(el)) {
      return ['upstream', 'JupyterLab 4.6 does not copy the output\'s alt metadata to the <img>'];
    }
    return ['course', ''];
  }

  /** Relative luminance and contrast ratio (WCAG 2), from a CSS rgb()/rgba() colour. */
  function rgb(css) {
    const m = /rgba?\(([^)]+)\)/.exec(css || '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return a === 0 ? null : [r, g, b];
  }
  function luminance([r, g, b]) {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  /** The first opaque background colour behind `el`'s SVG, from its HTML ancestors. */
  function backdrop(el) {
    for (let n = el.closest('svg').parentElement; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c) return c;
    }
    return [255, 255, 255];
  }

  const api = {
    /** The application has loaded (Lab or Notebook 7). */
    async ready() {
      if (!app()) return false;
      await app().restored;
      if (app().shell.collapseLeft) app().shell.collapseLeft(); // room for the notebook
      return true;
    },

    /** Lab: open `path` in the main area. Notebook 7: the page already shows it. */
    async open(path) {
      for (let i = 0; !app() && i < 300; i++) await new Promise((r) => setTimeout(r, 100));
      await app().restored;
      let nb = null;
      if (app().commands.hasCommand('docmanager:open') && !location.pathname.includes('/notebooks/')) {
        nb = await app().commands.execute('docmanager:open', { path });
      }
      for (let i = 0; !nb && i < 300; i++) {
        const w = app().shell.currentWidget;
        if (w && w.context && w.context.path === path && w.sessionContext) nb = w;
        else await new Promise((r) => setTimeout(r, 100));
      }
      window.__courseNb = nb;
      window.__courseRun = null;
      return !!(nb && nb.content && nb.sessionContext);
    },

    /** Wait for the kernel, then clear every output and execution count. */
    async prepare() {
      const nb = panel();
      await nb.context.ready;
      await nb.sessionContext.ready;
      if (app().shell.activateById) app().shell.activateById(nb.id);
      await app().commands.execute('notebook:clear-all-cell-outputs');
      const left = nb.content.widgets.filter(
        (c) => c.model.type === 'code' && (c.model.executionCount || c.model.outputs.length),
      );
      return left.length;
    },

    kernelIdle() {
      const k = kernel();
      return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
    },

    runAll() {
      window.__courseRun = { done: false };
      const nb = panel();
      if (app().shell.activateById) app().shell.activateById(nb.id);
      nb.content.activate();
      app()
        .commands.execute('notebook:run-all-cells')
        .then(
          (r) => { window.__courseRun = { done: true, result: String(r) }; },
          (e) => { window.__courseRun = { done: true, error: String(e) }; },
        );
    },

    /** "Run All" resolved, the kernel is idle and no cell model is still running. */
    runFinished() {
      const run = window.__courseRun;
      if (!run || !run.done || !api.kernelIdle()) return false;
      return !panel().content.widgets.some(
        (c) => c.model.type === 'code' && c.model.executionState === 'running',
      );
    },

    /** What the run left: counts, errors and stderr (from the model), broken widgets. */
    results() {
      const nb = panel();
      const cells = nb.content.widgets;
      const code = [];
      const errors = [];
      cells.forEach((cell, i) => {
        if (cell.model.type !== 'code') return;
        code.push({
          index: i,
          count: cell.model.executionCount,
          source: cell.model.sharedModel.getSource().slice(0, 120),
        });
        for (const out of cell.model.outputs.toJSON()) {
          if (out.output_type === 'error') {
            errors.push({ index: i, text: `${out.ename}: ${out.evalue}` });
          } else if (out.output_type === 'stream' && out.name === 'stderr') {
            errors.push({ index: i, text: 'stderr: ' + textOf(out).slice(0, 500) });
          }
        }
      });
      const node = nb.content.node;
      const sel = `${OUTPUT}[data-mime-type="application/vnd.jupyter.stderr"]`;
      const stderr = [...node.querySelectorAll(sel)].map((el) => ({
        index: cellIndex(el),
        text: el.textContent.slice(0, 500),
      }));
      const broken = [...node.querySelectorAll(OUTPUT)]
        .filter((el) => /Error displaying widget|Failed to display|model not found|show javascript error/i.test(el.textContent))
        .map((el) => ({ index: cellIndex(el), text: el.textContent.slice(0, 300) }));
      const count = (s) => node.querySelectorAll(s).length;
      const found = {
        widgets: count('.jupyter-widgets'),
        courseWidgets: count('.course-widget'),
        playground: count('.course-playground'),
        digitPad: count('.course-digit-pad'),
      };
      return { code, errors, stderr, broken, found, run: window.__courseRun };
    },

    /** What an element shows, without its controls (a slider's own readout is no change). */
    snapshot(el) {
      const c = el.cloneNode(true);
      const controls = [
        '.widget-slider', '.widget-hslider', '.widget-vslider', '.widget-button',
        '.widget-toggle-button', '.widget-toggle-buttons', '.widget-dropdown', '.widget-checkbox',
        '.widget-text', '.widget-textarea', '.widget-radio', '.widget-select', '.widget-play',
        'button', 'input', 'select', 'textarea',
      ];
      c.querySelectorAll(controls.join(',')).forEach((n) => n.remove());
      return c.innerHTML;
    },

    /** The controls inside `scope` a keyboard user must reach, in document order. */
    controls(scope) {
      const sel = 'button, input, select, textarea, .noUi-handle, [contenteditable="true"], '
        + '[tabindex]:not([tabindex="-1"])';
      return [...scope.querySelectorAll(sel)].filter((el) => {
        if (el.disabled || el.closest('[disabled]') || el.closest('[hidden]')) return false;
        if (el.matches('input[type="hidden"]')) return false;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
      });
    },

    /** Mark the controls of `scope` (data-course-control="i") and return their descriptions. */
    markControls(scope) {
      return api.controls(scope).map((el, i) => {
        el.dataset.courseControl = String(i);
        const label = el.getAttribute('aria-label') || el.textContent.trim() || el.title ||
          (el.closest('.widget-inline-hbox') || el).querySelector('label')?.textContent || '';
        return { i, tag: el.tagName.toLowerCase(), cls: el.className, label: label.slice(0, 40) };
      });
    },

    /** Which marked control has the focus: its number; -1: another element of `scope` (or of
     *  the page, without `scope`); -2: an element outside `scope`. */
    focusedControl(scope) {
      const el = document.activeElement;
      if (scope && !(el && scope.contains(el))) return -2;
      const marked = el && el.closest('[data-course-control]');
      return marked ? Number(marked.dataset.courseControl) : -1;
    },

    /** Every <img> of the outputs with its alt text and the alt the output metadata carries. */
    images() {
      const nb = panel();
      const meta = new Map();
      nb.content.widgets.forEach((cell, i) => {
        if (cell.model.type !== 'code') return;
        meta.set(i, cell.model.outputs.toJSON()
          .filter((o) => o.data && o.data['image/png'])
          .map((o) => (o.metadata && o.metadata['image/png'] && o.metadata['image/png'].alt) || null));
      });
      return [...nb.content.node.querySelectorAll(`${OUTPUT} img`)].map((img) => {
        const index = cellIndex(img);
        return {
          index,
          alt: img.getAttribute('alt'),
          title: img.getAttribute('title'),
          mime: img.closest('[data-mime-type]')?.dataset.mimeType || null,
          metadataAlt: meta.get(index) || [],
          // a picture of a widget itself (ipywidgets Image, HTML), not an output in an Output widget
          inWidget: !img.closest('.jp-RenderedImage') && !!img.closest('.jupyter-widgets'),
          inOutputWidget: !!img.closest('.widget-output .jp-RenderedImage'),
          width: img.naturalWidth,
        };
      });
    },

    async setTheme(name) {
      if (document.body.dataset.jpThemeName === name) return name;
      await app().commands.execute('apputils:change-theme', { theme: name });
      for (let i = 0; i < 100 && document.body.dataset.jpThemeName !== name; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await api.frames(2); // the theme's CSS variables applied and painted
      return document.body.dataset.jpThemeName;
    },

    /** axe-core over the whole page; violations split by whose they are (see `owner`). */
    async audit() {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      const report = { course: [], upstream: [], lab: [] };
      for (const v of result.violations) {
        const parts = { course: [], upstream: [], lab: [] };
        for (const n of v.nodes) {
          const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
          const [who, why] = owner(v.id, el);
          parts[who].push({
            target: n.target.join(' '),
            html: n.html.slice(0, 300),
            summary: (n.failureSummary || '').slice(0, 400),
            cell: el ? cellIndex(el) : -1,
            ...(why ? { why } : {}),
          });
        }
        for (const who of Object.keys(parts)) {
          if (!parts[who].length) continue;
          report[who].push({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: parts[who] });
        }
      }
      return report;
    },

    /**
     * Text drawn in the course's SVG pictures whose fill has a contrast below 4.5:1 with the
     * page behind the SVG (axe does not check SVG text). Approximate: a shape drawn behind the
     * text inside the SVG is not seen, so this is reported, never failed on.
     */
    svgTextContrast() {
      const found = [];
      for (const t of document.querySelectorAll('.jp-OutputArea-output svg text')) {
        const fill = rgb(getComputedStyle(t).fill);
        if (!fill || !t.textContent.trim()) continue;
        const ratio = contrast(fill, backdrop(t));
        if (ratio < 4.5) {
          found.push({ cell: cellIndex(t), text: t.textContent.trim().slice(0, 40),
            ratio: Math.round(ratio * 100) / 100 });
        }
      }
      return found;
    },

    /** Height the whole notebook needs (for a full-page screenshot). */
    notebookHeight() {
      const node = panel().content.node;
      const scroller = node.querySelector('.jp-WindowedPanel-outer') || node;
      return Math.ceil(scroller.getBoundingClientRect().top + scroller.scrollHeight + 40);
    },

    /** Resolves after `n` animation frames: Lumino lays widgets out (after a resize, a scroll)
     * on the next frame, so two frames mean the layout and its paint are done. */
    frames(n = 2) {
      return new Promise((resolve) => {
        const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve(true));
        step(n);
      });
    },

    /** A fingerprint of everything the notebook's outputs show: equal twice in a row (polled),
     * late display messages and widget views have arrived. */
    outputsSignature() {
      const node = panel().content.node;
      const outputs = node.querySelectorAll(OUTPUT);
      let size = 0;
      outputs.forEach((el) => { size += el.innerHTML.length; });
      const counts = panel().content.widgets
        .filter((c) => c.model.type === 'code')
        .map((c) => c.model.executionCount);
      return `${outputs.length}:${size}:${counts.join(',')}`;
    },

    /** Run finished and the outputs' signature unchanged since the previous call. */
    outputsSettled() {
      if (!api.runFinished()) return false;
      const now = api.outputsSignature();
      const same = now === window.__courseOutputs;
      window.__courseOutputs = now;
      return same;
    },

    /** Scroll the notebook to `top` px; returns where it got (the end stops it). */
    scrollTo(top) {
      const node = panel().content.node;
      const scroller = node.querySelector('.jp-WindowedPanel-outer') || node;
      scroller.scrollTop = top;
      return scroller.scrollTop;
    },
  };

  window.courseTest = api;
})();
