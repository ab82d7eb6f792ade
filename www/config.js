// Reads the page's configuration from its URL (query parameters and hostname).

import { buildRows, splitList } from './scopes.js';

export const DEFAULT_STORE_HASH = 'abc123xyz0';
export const B2B_API_PATH = 'https://api-b2b.bigcommerce.com/api/v3/io/';
export const TOKEN_TYPES = ['V2/V3 API token', 'Stencil-CLI token'];
export const STENCIL_ACCESS = ['local development only', 'publish theme'];
export const WIDGET_KINDS = ['select', 'radio', 'combobox'];

export function storeHashFrom(hostname, params) {
  const m = /^store-([a-z0-9]+)\.mybigcommerce\.com$/i.exec(hostname || '');
  if (m) return m[1].toLowerCase();
  const q = (params.get('store') || '').trim();
  return q || DEFAULT_STORE_HASH;
}

export function readConfig(loc = window.location) {
  const params = new URLSearchParams(loc.search);
  const storeHash = storeHashFrom(loc.hostname, params);
  const widget = WIDGET_KINDS.includes(params.get('widget')) ? params.get('widget') : 'combobox';
  const b2b = params.get('b2b') === '1';
  const lateRaw = params.get('late');
  const lateMs = Number.parseInt(lateRaw || '', 10);
  const revertLabel = (params.get('revert') || '').trim();
  return {
    storeHash,
    apiPath: `https://api.bigcommerce.com/stores/${storeHash}/v3/`,
    b2b,
    b2bApiPath: B2B_API_PATH,
    widget,
    initialTokenType: params.get('token') === 'stencil' ? TOKEN_TYPES[1] : TOKEN_TYPES[0],
    rows: buildRows({
      b2b,
      omit: splitList(params.get('omit')),
      extra: splitList(params.get('extra')),
      variantLabels: params.get('labels') === 'variant',
    }),
    revertLabel,
    late: lateRaw !== null,
    lateMs: Number.isFinite(lateMs) && lateMs > 0 ? lateMs : 0,
    dialogText: params.get('dialog') === 'text',
    dismissInstant: params.get('dismiss') === 'instant',
    download: params.get('download') !== '0',
    embedded: params.get('embedded') === '1',
  };
}
