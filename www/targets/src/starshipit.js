// Starshipit's settings frame reads its values on `change` (postback-era pages do).
import { captioned, guard, track } from './common.js';

const form = document.getElementById('aspnetForm');
const model = track(captioned(form), 'change');
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
