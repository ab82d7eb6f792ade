// Widget kind "select": a native <select> with <label for>, controlled from state.
// Only a `change` event updates state (as React's onChange for <select>); a .value
// written without one is put back from state at the next render.

import { h, uid, chevronIcon } from './dom.js';

export function createSelect({ label, options, getValue, onChange }) {
  const id = uid('bd-select');
  const labelEl = h('label', { class: 'field-label', for: id }, label);
  const select = h('select', { id, class: 'native-select' },
    options.map((text) => h('option', { value: text }, text)));
  select.addEventListener('change', () => onChange(select.value));
  const controlEl = h('div', { class: 'select-wrap' }, select, chevronIcon());

  return {
    labelEl,
    controlEl,
    update(state) {
      const value = getValue(state);
      if (select.value !== value) select.value = value;
    },
    destroy() {},
  };
}
