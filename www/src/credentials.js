// Fresh random API credentials (crypto.getRandomValues) and the .txt file the real
// page downloads after Save.

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, no bias). */
export function randomString(length, alphabet = ALNUM) {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

export function randomHex(chars) {
  const bytes = new Uint8Array(Math.ceil(chars / 2));
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, chars);
}

export function generateCredentials({ name, apiPath }) {
  return {
    client_id: randomString(31),
    client_secret: randomHex(64),
    access_token: randomString(31),
    api_path: apiPath,
    name,
  };
}

/** The labels of the real (English) file; `txt=local` passes the pack's words instead. */
export const FILE_LABELS = {
  access_token: 'ACCESS TOKEN',
  client_name: 'CLIENT NAME',
  api_path: 'API PATH',
  client_id: 'CLIENT ID',
  client_secret: 'CLIENT SECRET',
  name: 'NAME',
};

/** The downloaded file's text: LF lines, in the order the real file uses. */
export function credentialsFileText(c, labels = FILE_LABELS) {
  return [
    `${labels.access_token}: ${c.access_token}`,
    `${labels.client_name}: ${c.name}`,
    `${labels.api_path}: ${c.api_path}`,
    `${labels.client_id}: ${c.client_id}`,
    `${labels.client_secret}: ${c.client_secret}`,
    `${labels.name}: ${c.name}`,
  ].join('\n') + '\n';
}

export function credentialsFileName(name) {
  const safe = String(name).trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'account';
  return `api-credentials-${safe}.txt`;
}

/** Blob + <a download> click. No network: the blob: URL is local. */
export function downloadCredentials(c, labels = FILE_LABELS, doc = document) {
  const blob = new Blob([credentialsFileText(c, labels)], { type: 'text/plain' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = credentialsFileName(c.name);
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
