// Tiny DOM helpers: build elements without innerHTML (user text never becomes markup).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('div', { class: 'x', id: 'y', 'aria-label': 'z' }, child, 'text', [more])
 * Attributes with value false/null/undefined are skipped; true sets an empty attribute.
 * Keys starting with "on" followed by an uppercase letter register event listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (/^on[A-Z]/.test(key) && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

let counter = 0;
/** A fresh id, BigDesign/React style ("bd-select-7"). Every call gives a new one. */
export function uid(prefix = 'bd') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Lowercase slug for names: "Sites & Routes" -> "sites-routes". */
export function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** Chevron-down icon (BigDesign's ExpandMoreIcon shape). */
export function chevronIcon() {
  return svg('svg', { viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': 'true', focusable: 'false', class: 'icon' },
    svg('path', { d: 'M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6 1.41-1.41z', fill: 'currentColor' }));
}
