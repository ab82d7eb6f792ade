// Widget kind "radio": segmented buttons. A role="radiogroup" labelled through
// aria-labelledby, holding <label><input type="radio" name value> text</label> items.
// Like React (which listens to `click` for radios), state changes on the input's click
// event (a real click, a click on its label, arrow keys in the group, or el.click()); a
// .checked written without one, even followed by a synthetic `change` event, is put
// back from state at the next render.

import { h, uid, slug } from './dom.js';

export function createRadio({ label, options, getValue, onChange, name }) {
  const id = uid('bd-radio');
  const labelId = `${id}-label`;
  const groupName = `${name || slug(label)}`;
  const labelEl = h('span', { class: 'field-label', id: labelId }, label);
  const items = options.map((text, i) => {
    const input = h('input', { type: 'radio', class: 'segment-input', id: `${id}-${i}`, name: groupName, value: text });
    input.addEventListener('click', () => {
      if (input.checked) onChange(text);
    });
    const item = h('label', { class: 'segment' }, input, h('span', { class: 'segment-text' }, text));
    return { input, item, text };
  });
  const controlEl = h('div', { role: 'radiogroup', 'aria-labelledby': labelId, class: 'segmented' },
    items.map((x) => x.item));

  return {
    labelEl,
    controlEl,
    update(state) {
      const value = getValue(state);
      for (const { input, item, text } of items) {
        const on = text === value;
        if (input.checked !== on) input.checked = on;
        item.classList.toggle('is-selected', on);
      }
    },
    destroy() {},
  };
}
