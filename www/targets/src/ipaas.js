// iPaaS.com's form reads its values on `blur` (a form model updated on blur, as Angular's
// updateOn: 'blur'): a fill that never leaves the field would not reach it.
import { captioned, guard, track } from './common.js';

const form = document.getElementById('setup');
const model = track(captioned(form), 'blur');
guard({ form, button: document.getElementById('submit'), status: document.getElementById('submit-status'), state: () => ({ ...model }) });
