// Injected by the popup (chrome.scripting.executeScript, files: ['target/page.js']) into the
// target platform's tab, every frame, in the extension's isolated world. It only defines
// globalThis.scopefillTarget = {outline(), fill(entries), paste(value)}; the popup calls them.
// Contract: the outline crates/core/src/target_form.rs reads (PageOutline). No imports, no eval, no logging,
// never a click or a submit. Values are held only for the length of a call.
(() => {
  if (globalThis.scopefillTarget) return; // injected again on every fill: define once

  // The prototypes' own getters and methods. A <form> (and the document) expose their named
  // controls as properties that override built-ins (<input name=id> makes form.id that input),
  // so the page could redirect a plain property read; these cannot be redirected. No
  // `instanceof` checks: Firefox content scripts see the page's prototypes through Xrays.
  const desc = (C, p) => Object.getOwnPropertyDescriptor(C.prototype, p);
  const getter = (C, p) => { const g = desc(C, p).get; return (o) => g.call(o); };
  const method = (C, p) => { const f = C.prototype[p]; return (o, ...a) => f.apply(o, a); };
  const tagOf = getter(Element, 'tagName');
  const attr = method(Element, 'getAttribute');
  const closest = method(Element, 'closest');
  const queryAll = method(Element, 'querySelectorAll');
  const firstChild = getter(Element, 'firstElementChild');
  const fragFirstChild = getter(DocumentFragment, 'firstElementChild');
  const nextSibling = getter(Element, 'nextElementSibling');
  const shadowOf = getter(Element, 'shadowRoot'); // open roots only; closed ones stay closed
  const rootOf = method(Node, 'getRootNode');
  const nodeType = getter(Node, 'nodeType');
  const childNodes = getter(Node, 'childNodes');
  const queryDoc = method(Document, 'querySelectorAll');
  const queryFrag = method(DocumentFragment, 'querySelectorAll');
  const titleOf = getter(Document, 'title');
  const rootElement = getter(Document, 'documentElement');
  const baseOf = getter(Node, 'baseURI');
  const connected = getter(Node, 'isConnected');
  const position = method(Node, 'compareDocumentPosition');
  const rect = method(Element, 'getBoundingClientRect');
  const byIdDoc = method(Document, 'getElementById');
  const byIdFrag = method(DocumentFragment, 'getElementById');
  const activeDoc = getter(Document, 'activeElement');
  const activeFrag = getter(ShadowRoot, 'activeElement');
  const host = getter(ShadowRoot, 'host');
  const hostOf = (root) => (isDoc(root) ? null : host(root));
  const { focus, blur } = HTMLElement.prototype;
  const control = { INPUT: HTMLInputElement, TEXTAREA: HTMLTextAreaElement };
  const prop = (el, p) => desc(control[tagOf(el)], p).get.call(el);
  // By the type the browser applies (an unknown or missing type attribute is "text").
  const TEXT_TYPES = new Set(['text', 'password', 'url', 'email', 'search', 'tel']);
  const CAP = 5000; // elements visited per outline: a huge page answers partly, never hangs
  let refs = []; // ref → element of this frame's last outline

  const clean = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const isField = (el) => {
    const tag = tagOf(el);
    if (tag === 'TEXTAREA') return true;
    return tag === 'INPUT' && TEXT_TYPES.has(prop(el, 'type'));
  };

  // Visible text of a caption element: skips aria-hidden parts (the "*" of required fields),
  // controls and scripts, iteratively and capped like the walk.
  function textOf(el) {
    const out = [];
    const stack = [el];
    for (let n = 0; stack.length && n < 500; n++) {
      const node = stack.pop();
      const type = nodeType(node);
      if (type === 3) { out.push(node.data); continue; }
      if (type !== 1 || attr(node, 'aria-hidden') === 'true') continue;
      if (/^(INPUT|TEXTAREA|SELECT|SCRIPT|STYLE|TEMPLATE)$/.test(tagOf(node))) continue;
      const kids = childNodes(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return clean(out.join(' '));
  }

  const isDoc = (root) => nodeType(root) === 9;
  const byId = (root, id) => (isDoc(root) ? byIdDoc(root, id) : byIdFrag(root, id));
  const labelledBy = (el) => (attr(el, 'aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => byId(rootOf(el), id)).filter(Boolean).map(textOf).join(' ');

  // The heading a person reads the field under: its fieldset's legend, else the nearest
  // heading before it (inside its dialog when it is in one), else the dialog's own title.
  function sectionOf(el) {
    const fieldset = closest(el, 'fieldset');
    let legend = fieldset && firstChild(fieldset);
    while (legend && tagOf(legend) !== 'LEGEND') legend = nextSibling(legend);
    if (legend) return textOf(legend);
    const headings = 'h1,h2,h3,h4,h5,h6,[role=heading]';
    // From the field out through the shadow roots around it, to their hosts' trees.
    for (let at = el, depth = 0; at && depth < 32; at = hostOf(rootOf(at)), depth++) {
      const dialog = closest(at, 'dialog, [role=dialog], [role=alertdialog]');
      const root = rootOf(at);
      const within = dialog ? queryAll(dialog, headings) : isDoc(root) ? queryDoc(root, headings) : queryFrag(root, headings);
      let heading = null;
      for (const h of within) if (position(h, at) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
      if (heading) return textOf(heading);
      if (dialog) return labelledBy(dialog) || clean(attr(dialog, 'aria-label'));
      if (isDoc(root)) break;
    }
    return '';
  }

  function visible(el) {
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = rect(el);
    return r.width > 0 && r.height > 0;
  }

  function frameOrigin(el) {
    const src = attr(el, 'src');
    try {
      if (src && !/^(about|javascript|data):/i.test(src)) return new URL(src, baseOf(document)).origin;
      return el.contentWindow.location.origin; // about:blank / srcdoc: the parent's, if readable
    } catch { return null; }
  }

  function outline() {
    refs = [];
    const fields = [];
    const choices = [];
    const frames = new Set();
    const forms = [];
    const stack = [rootElement(document)];
    for (let n = 0; stack.length && n < CAP; n++) {
      const el = stack.pop();
      const tag = tagOf(el);
      if (tag === 'FORM') forms.push(el);
      else if (tag === 'IFRAME' || tag === 'FRAME') { const o = frameOrigin(el); if (o && o !== 'null') frames.add(o); }
      else if (tag === 'INPUT' && prop(el, 'type') === 'radio' && prop(el, 'checked')) {
        choices.push(clean([...prop(el, 'labels')].map(textOf).join(' ')) || clean(prop(el, 'value')));
      } else if (tag === 'OPTION' && el.selected) choices.push(textOf(el));
      else if (/^(tab|button)$/.test(attr(el, 'role') ?? '') && attr(el, 'aria-selected') === 'true') choices.push(textOf(el));
      if (attr(el, 'aria-pressed') === 'true') choices.push(textOf(el));
      if (isField(el)) {
        const form = prop(el, 'form');
        refs.push(el);
        fields.push({
          ref: refs.length - 1,
          tag: tag.toLowerCase(),
          type: tag === 'INPUT' ? prop(el, 'type') : '',
          name: attr(el, 'name') ?? '',
          id: attr(el, 'id') ?? '',
          autocomplete: attr(el, 'autocomplete') ?? '',
          label: clean([...prop(el, 'labels')].map(textOf).join(' ')),
          ariaLabel: clean(attr(el, 'aria-label')),
          labelledBy: labelledBy(el),
          placeholder: clean(attr(el, 'placeholder')),
          section: sectionOf(el),
          value: String(prop(el, 'value')).slice(0, 512),
          visible: visible(el),
          disabled: prop(el, 'disabled'),
          readOnly: prop(el, 'readOnly'),
          form: form ? (forms.includes(form) ? forms.indexOf(form) : null) : null,
        });
      }
      const kids = [];
      const shadow = shadowOf(el);
      if (shadow) for (let c = fragFirstChild(shadow); c; c = nextSibling(c)) kids.push(c);
      for (let c = firstChild(el); c; c = nextSibling(c)) kids.push(c);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    const url = location.href.split('#')[0];
    return { url, title: clean(titleOf(document)), fields, choices: choices.filter(Boolean), frames: [...frames] };
  }

  const usable = (el) => el && connected(el) && !prop(el, 'disabled') && !prop(el, 'readOnly');

  // The sequence follows Bitwarden's InsertAutofillContentService (bitwarden/clients,
  // apps/browser/src/autofill/services/insert-autofill-content.service.ts:
  // handleInsertValueAndTriggerSimulatedEvents): focus, keydown/keyup, the value, keydown/
  // keyup, bubbling `input` and `change`. Unlike Bitwarden: no click (it could submit), the
  // value goes through the prototype's native setter (React keeps its own tracker on the
  // element's `value`; a plain assignment in the page's world would update the tracker too
  // and React would see no change), `input` is composed (leaves shadow roots), and a blur
  // ends it for frameworks that read on blur.
  function write(el, value, { leave }) {
    const keys = () => ['keydown', 'keyup'].forEach((t) => el.dispatchEvent(new KeyboardEvent(t, { bubbles: true, composed: true })));
    focus.call(el);
    keys();
    desc(control[tagOf(el)], 'value').set.call(el, value);
    keys();
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    if (!leave) return;
    // A tab whose window is not focused (the popup has it) gets no focus events from
    // focus()/blur(): say "blur" ourselves then, as the page would hear from a person.
    let heard = false;
    const hear = () => { heard = true; };
    el.addEventListener('blur', hear, { once: true });
    blur.call(el);
    el.removeEventListener('blur', hear);
    if (!heard) {
      el.dispatchEvent(new FocusEvent('blur'));
      el.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    }
  }

  // After the page's handlers (a microtask) and its next render (a frame; a timer too,
  // since a hidden tab runs no frames).
  const settled = () => new Promise((resolve) => queueMicrotask(() => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => { clearTimeout(timer); resolve(); });
  }));

  const readBack = (el, value) => (!el || !connected(el) ? 'refused' : prop(el, 'value') === value ? 'filled' : 'reverted');

  async function fill(entries) {
    const done = [];
    for (const { ref, value } of entries) {
      const el = refs[ref];
      const ok = typeof value === 'string' && usable(el) && isField(el);
      if (ok) write(el, value, { leave: true });
      done.push({ ref, el: ok ? el : null, value });
    }
    await settled();
    return done.map(({ ref, el, value }) => {
      const now = el ? readBack(el, value) : 'refused';
      return { ref, ok: now === 'filled', now };
    });
  }

  // The right-clicked field is the focused one; fields in open shadow roots leave their host
  // focused in the document, so follow the roots down. The whole value is replaced, as a
  // fill does; focus stays (the person is still in the field, no blur).
  async function paste(value) {
    let el = activeDoc(document);
    for (let root = el && shadowOf(el); root && activeFrag(root); root = shadowOf(el)) el = activeFrag(root);
    if (!el || !isField(el)) return { ok: false, now: 'unsupported' };
    if (typeof value !== 'string' || !usable(el)) return { ok: false, now: 'refused' };
    write(el, value, { leave: false });
    await settled();
    const now = readBack(el, value);
    return { ok: now === 'filled', now };
  }

  Object.defineProperty(globalThis, 'scopefillTarget', {
    value: Object.freeze({ outline, fill, paste }),
    configurable: false,
    writable: false,
  });
})();
