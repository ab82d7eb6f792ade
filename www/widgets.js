// One entry point for the three widget kinds (select | radio | combobox).
// Each returns { labelEl, controlEl, update(state), destroy() }.

import { createSelect } from './widget-select.js';
import { createRadio } from './widget-radio.js';
import { createCombobox } from './widget-combobox.js';

const KINDS = { select: createSelect, radio: createRadio, combobox: createCombobox };

export function createChoice(kind, spec) {
  return (KINDS[kind] || createCombobox)(spec);
}
