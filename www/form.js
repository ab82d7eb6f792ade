// The "Create API account" form view. Built from state, re-rendered from state after
// every state change (widgets never hold the truth).

import { h, uid, slug } from './dom.js';
import { createChoice } from './widgets.js';
import { createNameField } from './name-field.js';
import { NONE } from './scopes.js';
import { TOKEN_TYPES, STENCIL_ACCESS } from './config.js';

export const MIN_NAME_LENGTH = 4;
export const NAME_ERROR = 'Name must be at least 4 characters';

function readOnlyField(label, value, extraClass) {
  const id = uid('bd-input');
  const input = h('input', { id, type: 'text', class: `text-input is-readonly ${extraClass || ''}`.trim(), readonly: true, spellcheck: 'false' });
  input.value = value;
  return h('div', { class: 'form-field' }, h('label', { class: 'field-label', for: id }, label), input);
}

/**
 * mountForm(container, { store, config, onSave, onCancel }) → { unmount(), showError() }
 */
export function mountForm(container, { store, config, onSave, onCancel }) {
  let nameError = '';
  let widgets = [];       // widgets of the token-type-dependent section
  let lastTokenType = null;

  const tokenWidget = createChoice(config.widget, {
    label: 'Token type',
    name: 'token-type',
    options: TOKEN_TYPES,
    getValue: (s) => s.tokenType,
    onChange: (v) => store.set({ tokenType: v }),
  });
  const nameField = createNameField({
    getValue: (s) => s.name,
    getError: () => nameError,
    onChange: (v) => {
      if (nameError && v.trim().length >= MIN_NAME_LENGTH) nameError = '';
      store.set({ name: v });
    },
  });

  const titleId = uid('bd-h1');
  const detailsId = uid('bd-h2');
  const details = h('section', { class: 'panel', 'aria-labelledby': detailsId },
    h('h2', { class: 'panel-title', id: detailsId }, 'Details'),
    h('div', { class: 'form-field token-type-field' }, tokenWidget.labelEl, tokenWidget.controlEl),
    nameField.el,
    readOnlyField('API path', config.apiPath, 'api-path'),
    config.b2b ? readOnlyField('B2B Edition API path', config.b2bApiPath, 'api-path') : null);

  const accessPanel = h('section', { class: 'panel scopes-panel' });

  const save = h('button', { type: 'button', class: 'btn btn-primary save-button' }, 'Save');
  const cancel = h('button', { type: 'button', class: 'btn btn-subtle' }, 'Cancel');
  save.addEventListener('click', () => {
    const name = store.get().name.trim();
    if (name.length < MIN_NAME_LENGTH) {
      nameError = NAME_ERROR;
      render(store.get());
      nameField.input.focus();
      return;
    }
    nameError = '';
    render(store.get());
    onSave(name);
  });
  cancel.addEventListener('click', () => onCancel());

  const form = h('form', { class: 'create-form', novalidate: true, 'aria-labelledby': titleId },
    details, accessPanel,
    h('div', { class: 'action-bar' }, h('div', { class: 'action-bar-inner' }, cancel, save)));
  form.addEventListener('submit', (event) => event.preventDefault());

  const view = h('div', { class: 'create-view' },
    h('div', { class: 'page-header' },
      h('h1', { class: 'page-title', id: titleId }, 'Create API account'),
      h('p', { class: 'page-description' },
        'Create a store-level API account to connect an app or integration to this store. ',
        'Scopes cannot be changed after the account is saved.')),
    form);

  function buildScopes() {
    for (const w of widgets) w.destroy();
    const h2Id = uid('bd-h2');
    widgets = config.rows.map((row) => createChoice(config.widget, {
      label: row.label,
      name: `scope-${slug(row.label)}`,
      options: [NONE, ...row.levels],
      getValue: (s) => s.scopes[row.label] ?? NONE,
      onChange: (v) => store.setScope(row.label, v),
    }));
    accessPanel.setAttribute('aria-labelledby', h2Id);
    accessPanel.replaceChildren(
      h('h2', { class: 'panel-title', id: h2Id }, 'OAuth scopes'),
      h('p', { class: 'panel-description' },
        'Choose the level of access this account has to each resource. Give it only what the integration needs.'),
      h('div', { class: 'scope-table', role: 'group', 'aria-labelledby': h2Id },
        h('div', { class: 'scope-head', 'aria-hidden': 'true' }, h('span', null, 'Scope'), h('span', null, 'Permission')),
        widgets.map((w) => h('div', { class: `scope-row scope-row--${config.widget}` }, w.labelEl, w.controlEl))));
  }

  function buildStencil() {
    for (const w of widgets) w.destroy();
    const h2Id = uid('bd-h2');
    const access = createChoice(config.widget, {
      label: 'Access',
      name: 'stencil-access',
      options: STENCIL_ACCESS,
      getValue: (s) => s.access,
      onChange: (v) => store.set({ access: v }),
    });
    widgets = [access];
    accessPanel.setAttribute('aria-labelledby', h2Id);
    accessPanel.replaceChildren(
      h('h2', { class: 'panel-title', id: h2Id }, 'Stencil-CLI access'),
      h('p', { class: 'panel-description' },
        'Stencil-CLI tokens let a theme developer run a store’s theme locally or push theme changes to it.'),
      h('div', { class: 'form-field token-type-field' }, access.labelEl, access.controlEl));
  }

  function render(state) {
    if (state.tokenType !== lastTokenType) {
      lastTokenType = state.tokenType;
      if (state.tokenType === TOKEN_TYPES[1]) buildStencil();
      else buildScopes();
    }
    tokenWidget.update(state);
    nameField.update(state);
    for (const w of widgets) w.update(state);
  }

  render(store.get());
  container.replaceChildren(view);
  const unsubscribe = store.subscribe((state) => render(state));

  return {
    unmount() {
      unsubscribe();
      tokenWidget.destroy();
      for (const w of widgets) w.destroy();
      view.remove();
    },
  };
}
