// The sign-in page reads its values on `input`.
import { captioned, guard, track } from './common.js';

const form = document.getElementById('login');
const model = track(captioned(form), 'input');
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
