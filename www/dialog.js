// The "BigCommerce API Credentials" modal shown once after Save, appended to
// document.body like a BigDesign Modal portal:
//
//   <div role="dialog" aria-modal="true" aria-labelledby="H" class="modal">
//     <div class="modal-backdrop"></div>
//     <div class="modal-content">
//       <h2 id="H">BigCommerce API Credentials</h2>
//       <p class="modal-warning">…only time…</p>
//       fields: <label for=I>Client ID</label><input id=I readonly value> <button>Copy</button> …
//         or with dialog=text: <dl><dt>Client ID</dt><dd><code>…</code> <button>Copy</button></dd>…</dl>
//       <button>Done</button>
//     </div>
//   </div>

import { h, uid } from './dom.js';

const FIELDS = [
  ['Client ID', 'client_id'],
  ['Client Secret', 'client_secret'],
  ['Access Token', 'access_token'],
];

function copy(text) {
  try {
    const p = navigator.clipboard && navigator.clipboard.writeText(text);
    if (p && typeof p.catch === 'function') p.catch(() => {});
  } catch {
    // ignore: clipboard may be unavailable
  }
}

function copyButton(text, describedBy) {
  return h('button', {
    type: 'button',
    class: 'btn btn-secondary btn-small copy-button',
    'aria-describedby': describedBy,
    onClick: () => copy(text),
  }, 'Copy');
}

function inputFields(creds) {
  return h('div', { class: 'credential-fields' }, FIELDS.map(([label, key]) => {
    const id = uid('bd-input');
    const labelId = `${id}-label`;
    const input = h('input', { id, type: 'text', class: 'text-input credential-value', readonly: true, spellcheck: 'false' });
    input.value = creds[key];
    return h('div', { class: 'credential-field' },
      h('label', { class: 'field-label', for: id, id: labelId }, label),
      h('div', { class: 'credential-row' }, input, copyButton(creds[key], labelId)));
  }));
}

function textFields(creds) {
  return h('dl', { class: 'credential-list' }, FIELDS.map(([label, key]) => {
    const dtId = uid('bd-dt');
    return [
      h('dt', { id: dtId }, label),
      h('dd', null, h('code', { class: 'credential-code' }, creds[key]), ' ', copyButton(creds[key], dtId)),
    ];
  }));
}

/** Shows the modal; returns { el, close }. onClose runs after Done removes it. */
export function openCredentialsDialog(creds, { asText = false, downloaded = true, onClose } = {}) {
  const doc = document;
  const titleId = uid('bd-modal-title');
  const done = h('button', { type: 'button', class: 'btn btn-primary' }, 'Done');
  const warning = downloaded
    ? 'This is the only time these credentials will be displayed. Copy them and store them somewhere safe; a .txt file with them has also been downloaded.'
    : 'This is the only time these credentials will be displayed. Copy them and store them somewhere safe.';
  const content = h('div', { class: 'modal-content' },
    h('div', { class: 'modal-header' }, h('h2', { id: titleId, class: 'modal-title' }, 'BigCommerce API Credentials')),
    h('div', { class: 'modal-body' },
      h('p', { class: 'modal-warning' }, warning),
      asText ? textFields(creds) : inputFields(creds)),
    h('div', { class: 'modal-actions' }, done));
  const el = h('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, class: 'modal', tabindex: '-1' },
    h('div', { class: 'modal-backdrop' }),
    content);

  const previous = doc.activeElement;
  function close() {
    if (!el.isConnected) return;
    el.remove();
    if (!doc.querySelector('.modal')) doc.body.classList.remove('modal-open');
    if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus({ preventScroll: true });
    if (onClose) onClose();
  }
  done.addEventListener('click', close);
  // Keep Tab inside the dialog.
  el.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const focusable = [...el.querySelectorAll('input, button')];
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && (doc.activeElement === first || doc.activeElement === el)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && doc.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  doc.body.append(el);
  doc.body.classList.add('modal-open');
  el.focus({ preventScroll: true });
  return { el, close };
}
