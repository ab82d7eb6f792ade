// The "Name" text field, controlled like a React <input>, including React's value
// tracker: an own `value` property on the element records every value the page writes
// (then calls the native setter). An input/change event whose native value equals the
// tracked value is ignored, so `el.value = 'x'` + a synthetic event from the page's own
// world does not reach state, while the native prototype setter + an event does.

import { h, uid } from './dom.js';

const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

export function installValueTracker(input) {
  let tracked = native.get.call(input);
  Object.defineProperty(input, 'value', {
    configurable: true,
    enumerable: native.enumerable,
    get() {
      return native.get.call(this);
    },
    set(v) {
      tracked = `${v}`;
      native.set.call(this, v);
    },
  });
  return {
    /** True when the native value differs from the tracked one (and records it). */
    updateIfChanged() {
      const current = native.get.call(input);
      if (current === tracked) return false;
      tracked = current;
      return true;
    },
  };
}

export function createNameField({ getValue, onChange, getError }) {
  const id = uid('bd-input');
  const helpId = `${id}-description`;
  const errorId = `${id}-error`;
  const input = h('input', {
    id,
    type: 'text',
    name: 'name',
    class: 'text-input',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': helpId,
  });
  const tracker = installValueTracker(input);
  const onEvent = () => {
    if (tracker.updateIfChanged()) onChange(native.get.call(input));
  };
  input.addEventListener('input', onEvent);
  input.addEventListener('change', onEvent);

  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const el = h('div', { class: 'form-field' },
    h('label', { class: 'field-label', for: id }, 'Name'),
    h('p', { class: 'field-description', id: helpId }, 'At least 4 characters'),
    input,
    error);

  return {
    el,
    input,
    update(state) {
      const value = getValue(state);
      if (native.get.call(input) !== value) input.value = value; // through the tracker, like React
      const message = getError();
      error.textContent = message || '';
      error.hidden = !message;
      input.classList.toggle('has-error', Boolean(message));
      if (message) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${helpId} ${errorId}`);
      } else {
        input.removeAttribute('aria-invalid');
        input.setAttribute('aria-describedby', helpId);
      }
    },
  };
}
