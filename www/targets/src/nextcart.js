// Next-Cart's wizard reads its values on `input`.
import { captioned, guard, track } from './common.js';

const form = document.getElementById('wizard');
const model = track(captioned(form), 'input');
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
