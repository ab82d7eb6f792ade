// Wherehouse's modal keeps its values from `input` events (a reactive framework's binding).
import { captioned, guard, track } from './common.js';

const form = document.getElementById('authorize-form');
const model = track(captioned(form), 'input');
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
