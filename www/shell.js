// Control-panel shell: its own sidebar and header, and the create page in a same-origin
// <iframe> with the shell's query parameters plus embedded=1.

import { mountChrome } from './chrome.js';
import { storeHashFrom } from './config.js';

export const FRAME_PATH = '/manage/settings/api-accounts/create';

export function frameSrc(search) {
  const params = new URLSearchParams(search);
  params.set('embedded', '1');
  return `${FRAME_PATH}?${params.toString()}`;
}

const params = new URLSearchParams(window.location.search);
mountChrome({ storeHash: storeHashFrom(window.location.hostname, params) });
const frame = document.getElementById('content-frame');
frame.src = frameSrc(window.location.search);
