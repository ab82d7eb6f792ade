// Widget kind "combobox": BigDesign's Select (a downshift useCombobox) rebuilt by hand.
//
//   <label id="X-label" for="X-input">Orders</label>
//   <div class="combobox">
//     <div class="combobox-field">
//       <input id="X-input" role="combobox" readonly aria-labelledby="X-label"
//              aria-expanded="false" aria-controls="X-menu" aria-autocomplete="list"
//              aria-activedescendant="" autocomplete="off" value="None">
//       <button type="button" aria-label="toggle menu" tabindex="-1" …>▾</button>
//     </div>
//     <ul role="listbox" id="X-menu" aria-labelledby="X-label"></ul>   (no <li> while closed)
//   </div>
//
// While open the listbox holds <li role="option" id="X-item-N" aria-selected>. The value
// lives only in state; the input just shows the chosen option's text.

import { h, uid, chevronIcon } from './dom.js';

let openInstance = null; // only one menu open at a time (per document)
const listening = new WeakSet();

function listenDocument(doc) {
  if (listening.has(doc)) return;
  listening.add(doc);
  // Pressing the mouse anywhere outside the open combobox closes it (downshift does
  // the same through its environment mouse listeners).
  doc.addEventListener('mousedown', (event) => {
    if (openInstance && !openInstance.contains(event.target)) openInstance.close();
  }, true);
}

export function createCombobox({ label, options, getValue, onChange }) {
  const id = uid('bd-select');
  const labelId = `${id}-label`;
  const inputId = `${id}-input`;
  const menuId = `${id}-menu`;
  const itemId = (i) => `${id}-item-${i}`;

  let open = false;
  let highlighted = -1;
  let items = [];
  let lastState = null;

  const labelEl = h('label', { class: 'field-label', id: labelId, for: inputId }, label);
  const input = h('input', {
    id: inputId,
    type: 'text',
    class: 'combobox-input',
    role: 'combobox',
    readonly: true,
    autocomplete: 'off',
    'aria-labelledby': labelId,
    'aria-expanded': 'false',
    'aria-controls': menuId,
    'aria-autocomplete': 'list',
    'aria-activedescendant': '',
  });
  const toggle = h('button', {
    type: 'button',
    class: 'combobox-toggle',
    'aria-label': 'toggle menu',
    tabindex: '-1',
    'aria-controls': menuId,
    'aria-expanded': 'false',
  }, chevronIcon());
  const menu = h('ul', { role: 'listbox', id: menuId, 'aria-labelledby': labelId, class: 'combobox-menu' });
  const controlEl = h('div', { class: 'combobox' }, h('div', { class: 'combobox-field' }, input, toggle), menu);

  const value = () => (lastState ? getValue(lastState) : options[0]);
  const selectedIndex = () => Math.max(0, options.indexOf(value()));

  function render() {
    const current = value();
    if (input.value !== current) input.value = current;
    input.setAttribute('aria-expanded', String(open));
    toggle.setAttribute('aria-expanded', String(open));
    input.setAttribute('aria-activedescendant', open && highlighted >= 0 ? itemId(highlighted) : '');
    controlEl.classList.toggle('is-open', open);
    items.forEach((li, i) => {
      const selected = options[i] === current;
      li.setAttribute('aria-selected', String(selected));
      li.classList.toggle('is-selected', selected);
      li.classList.toggle('is-highlighted', i === highlighted);
    });
  }

  function openMenu(index) {
    if (open) return;
    if (openInstance && openInstance !== api) openInstance.close();
    listenDocument(controlEl.ownerDocument);
    open = true;
    openInstance = api;
    highlighted = index;
    items = options.map((text, i) => {
      const li = h('li', { role: 'option', id: itemId(i), 'aria-selected': 'false', class: 'combobox-option' }, text);
      li.addEventListener('click', () => choose(i));
      li.addEventListener('mousemove', () => {
        if (highlighted !== i) {
          highlighted = i;
          render();
        }
      });
      return li;
    });
    menu.replaceChildren(...items);
    const rect = input.getBoundingClientRect();
    const view = controlEl.ownerDocument.defaultView;
    const wanted = Math.min(options.length * 40 + 16, 280);
    const below = (view ? view.innerHeight : 0) - rect.bottom;
    controlEl.classList.toggle('opens-up', below < wanted && rect.top > below);
    render();
    scrollToHighlighted();
  }

  function closeMenu() {
    if (!open) return;
    open = false;
    highlighted = -1;
    items = [];
    menu.replaceChildren();
    if (openInstance === api) openInstance = null;
    render();
  }

  function choose(i) {
    const text = options[i];
    closeMenu();
    if (text !== undefined && text !== value()) onChange(text);
  }

  function move(next) {
    highlighted = (next + options.length) % options.length;
    render();
    scrollToHighlighted();
  }

  function scrollToHighlighted() {
    const li = items[highlighted];
    if (li) li.scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('click', () => (open ? closeMenu() : openMenu(selectedIndex())));
  input.addEventListener('blur', (event) => {
    if (open && !(event.relatedTarget && controlEl.contains(event.relatedTarget))) closeMenu();
  });
  input.addEventListener('keydown', (event) => {
    const { key } = event;
    if (!open) {
      if (key === 'ArrowDown' || key === 'Enter' || key === ' ') {
        event.preventDefault();
        openMenu(selectedIndex());
      } else if (key === 'ArrowUp') {
        event.preventDefault();
        openMenu(options.includes(value()) ? selectedIndex() : options.length - 1);
      }
      return;
    }
    switch (key) {
      case 'ArrowDown':
        event.preventDefault();
        move(highlighted < 0 ? 0 : highlighted + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(highlighted < 0 ? options.length - 1 : highlighted - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(options.length - 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (highlighted >= 0) choose(highlighted);
        else closeMenu();
        break;
      case 'Escape':
        event.preventDefault();
        closeMenu();
        break;
      case 'Tab':
        closeMenu();
        break;
      default:
        break;
    }
  });
  // Keep focus on the input while the mouse works the toggle or the menu.
  toggle.addEventListener('mousedown', (event) => event.preventDefault());
  menu.addEventListener('mousedown', (event) => event.preventDefault());
  toggle.addEventListener('click', () => {
    if (open) {
      closeMenu();
    } else {
      openMenu(selectedIndex());
      input.focus({ preventScroll: true });
    }
  });

  const api = {
    labelEl,
    controlEl,
    contains: (node) => controlEl.contains(node),
    close: closeMenu,
    update(state) {
      lastState = state;
      render();
    },
    destroy() {
      if (openInstance === api) openInstance = null;
    },
  };
  return api;
}
