// Violet's fields are web components: each input in an open shadow root, captioned by its
// placeholder. The page reads values on `input`, which must be composed to leave the root.
import { captioned, guard } from './common.js';

customElements.define('violet-field', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const input = document.createElement('input');
    input.type = this.getAttribute('type') ?? 'text';
    input.placeholder = this.getAttribute('caption');
    input.dataset.caption = this.getAttribute('caption');
    input.autocomplete = 'off';
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = '/assets/target.css';
    root.append(sheet, input);
  }
});

const form = document.getElementById('connect');
// The form listens for the fields' events as they come out of the shadow roots (composed).
const model = {};
for (const input of captioned(form)) model[input.dataset.caption] = input.value;
form.addEventListener('input', (event) => {
  const input = event.composedPath()[0];
  if (input.dataset?.caption) model[input.dataset.caption] = input.value;
});
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
