// The page's configuration, read once from its URL (query parameters and hostname).
// Pure functions: no DOM, no React (the self-check imports nothing from here; it keeps its
// own copy of the catalogue on purpose). The words come from the language packs (i18n.js).

import { DEFAULT_LANG, EN, first, packFor, pseudo, PSEUDO, PSEUDO_HTML_LANG, resolveLang } from './i18n.js';

export const DEFAULT_STORE_HASH = 'abc123xyz0';
export const B2B_API_PATH = 'https://api-b2b.bigcommerce.com/api/v3/io/';
export const NONE = 'None';

export const LIST_PATH = '/manage/settings/api-accounts';
export const CREATE_PATH = `${LIST_PATH}/create`;
export const LIST_PATHS = [LIST_PATH, '/manage/settings/auth/api-accounts'];
export const SHELL_PATH = '/manage/shell';

/** How the scope rows are drawn (`rows=`); the first is the default. */
export const VARIANTS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select', 'native', 'radio'];
/** The old replica's `widget=` values, still accepted when `rows=` is absent. */
const LEGACY_WIDGET = { select: 'native', combobox: 'select', radio: 'radio' };

/** Level keys (config.rows[i].levelKeys, state().levels): what each option means. */
export const LEVEL_KEYS = ['none', 'read-only', 'login', 'create', 'manage', 'standard', 'modify', 'full', 'create preview'];

/**
 * The rows of the 2025 page, in its order and (en-US) letter case: [id, label, level keys
 * besides none]. `noNone` rows (Metafields Access) offer no None and start at their first
 * level. The caption drawn comes from the language pack by id (en-US: the label here).
 */
const RW = ['read-only', 'modify'];
export const CATALOGUE = [
  ['content', 'Content', RW],
  ['checkout_content', 'Checkout content', RW],
  ['customers', 'Customers', RW],
  ['customers_login', 'Customers login', ['login']],
  ['information_settings', 'Information & settings', RW],
  ['marketing', 'Marketing', RW],
  ['orders', 'Orders', RW],
  ['order_transactions', 'Order transactions', RW],
  ['create_payments', 'Create payments', ['create']],
  ['get_payment_methods', 'Get payment methods', ['read-only']],
  ['stored_payment_instruments', 'Stored payment instruments', RW],
  ['products', 'Products', RW],
  ['themes', 'Themes', RW],
  ['carts', 'Carts', RW],
  ['checkouts', 'Checkouts', RW],
  ['sites_routes', 'Sites & routes', RW],
  ['channel_settings', 'Channel settings', RW],
  ['channel_listings', 'Channel listings', RW],
  ['storefront_api_tokens', 'Storefront API tokens', ['manage']],
  ['storefront_api_customer_impersonation_tokens', 'Storefront API customer impersonation tokens', ['manage']],
  ['store_logs', 'Store logs', ['read-only']],
  ['store_locations', 'Store Locations', RW],
  ['store_inventory', 'Store Inventory', RW],
  ['fulfillment_methods', 'Fulfillment Methods', RW],
  ['order_fulfillment', 'Order Fulfillment', RW],
  ['metafield_ownership', 'Metafield Ownership', ['manage']],
  ['metafields_access', 'Metafields Access', ['standard', 'full'], { noNone: true }],
];

/** Shown on stores with B2B Edition (`b2b=1`), after the catalogue. */
export const B2B_ROWS = [
  ['store_translations', 'Store Translations', RW],
  ['b2b_edition', 'B2B Edition', ['modify']],
];

/** Rows `extra=` knows; any other name gets read-only / modify and the id `extra:<name>`. */
export const KNOWN_EXTRAS = {
  'infrastructure logs': ['infrastructure_logs', 'Infrastructure Logs', ['read-only']],
  'infrastructure projects': ['infrastructure_projects', 'Infrastructure Projects', ['read-only', 'manage']],
  'infrastructure deployments': ['infrastructure_deployments', 'Infrastructure Deployments', ['read-only', 'create preview', 'manage']],
};

/** `labels=variant`: how other sources write some labels (English captions only). */
export const VARIANT_LABELS = {
  customers_login: 'Customer Login',
  sites_routes: 'Sites & Routes',
  get_payment_methods: 'Payments - Get accepted methods',
  metafield_ownership: 'Metafields Ownership',
};

/** `order=`: which page's row list. 2025 (default): as above. */
export const ORDERS = ['2025', '2026', '2023'];

export const norm = (s) => String(s).trim().toLowerCase().replace(/\s+/g, ' ');

export function splitList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The rows to draw, in order: catalogue (as `order` has it), B2B rows (b2b), then extras;
 * minus `omit` (ids or captions); then `swap` (two ids or captions) exchanges two rows.
 * Each: { id, label (as displayed, also the state key), enLabel, options (as displayed,
 * "None" first where offered), levelKeys (parallel to options), initial }.
 * `caption(id, enLabel)` and `level(key)` give the words drawn (default: English).
 */
export function buildRows({
  b2b = false, omit = [], extra = [], variantLabels = false, order = '2025', swap = [],
  caption = (id, enLabel) => enLabel, level = (key) => (key === 'none' ? NONE : key === 'standard' ? 'Standard' : key),
} = {}) {
  let specs = [...CATALOGUE, ...(b2b ? B2B_ROWS : [])].map(([id, label, levels, opts = {}]) => ({ id, label, levels, opts }));
  if (order === '2026') {
    // The 2026 screenshot: Checkout content offers only None | modify.
    specs = specs.map((s) => (s.id === 'checkout_content' ? { ...s, levels: ['modify'] } : s));
  } else if (order === '2023') {
    // The 2023 page ended at Order Fulfillment.
    specs = specs.filter((s) => s.id !== 'metafield_ownership' && s.id !== 'metafields_access');
  }
  for (const name of extra) {
    const [id, label, levels] = KNOWN_EXTRAS[norm(name)] || [`extra:${name}`, name, RW];
    if (!specs.some((s) => norm(s.label) === norm(label) || s.id === id)) specs.push({ id, label, levels, opts: {} });
  }
  const omitted = new Set(omit.map(norm));
  const rows = specs
    .map(({ id, label, levels, opts }) => {
      const enLabel = (variantLabels && VARIANT_LABELS[id]) || label;
      const levelKeys = opts.noNone ? [...levels] : ['none', ...levels];
      const options = levelKeys.map(level);
      return { id, label: caption(id, enLabel), enLabel, catalogueLabel: label, options, levelKeys, initial: options[0] };
    })
    .filter((r) => ![r.id, r.label, r.enLabel, r.catalogueLabel].some((n) => omitted.has(norm(n))));
  const [a, b] = swap.map((name) => findRow(rows, name));
  if (swap.length === 2 && a >= 0 && b >= 0 && a !== b) [rows[a], rows[b]] = [rows[b], rows[a]];
  return rows;
}

/** Index of the row a name means: its id, its caption as drawn, or its English label. */
export function findRow(rows, name) {
  const n = norm(name);
  if (!n) return -1;
  return rows.findIndex((r) => [r.id, r.label, r.enLabel, r.catalogueLabel].some((x) => norm(x) === n));
}

export function storeHashFrom(hostname, params) {
  const m = /^store-([a-z0-9]+)\.mybigcommerce\.com$/i.exec(hostname || '');
  if (m) return m[1].toLowerCase();
  const q = (params.get('store') || '').trim();
  return q || DEFAULT_STORE_HASH;
}

export function variantFrom(params) {
  const rows = (params.get('rows') || '').trim().toLowerCase();
  if (VARIANTS.includes(rows)) return rows;
  const legacy = LEGACY_WIDGET[(params.get('widget') || '').trim().toLowerCase()];
  return legacy || VARIANTS[0];
}

/**
 * The words of the page for `lang=` / `captions=` / `txt=`: { lang, htmlLang, captions,
 * t: { page, dialog } (first wordings), caption(id, enLabel), level(key), chrome(text),
 * txtLabels (null: English) }.
 */
export function languageFrom(params) {
  const lang = resolveLang(params.get('lang'));
  const pack = packFor(lang);
  const isPseudo = lang === PSEUDO;
  const flat = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, first(v)]));
  const t = { page: flat(pack.page), dialog: flat(pack.dialog) };
  const englishCaptions = lang === DEFAULT_LANG || (params.get('captions') || '').trim().toLowerCase() === 'en';
  const caption = (id, enLabel) => {
    if (englishCaptions) return enLabel;
    if (isPseudo) return pseudo(enLabel);
    return pack.scopes[id] ? first(pack.scopes[id]) : enLabel; // rows no pack knows stay English
  };
  const level = (key) => {
    if (pack.levels[key]) return first(pack.levels[key]);
    const en = EN.levels[key] ? first(EN.levels[key]) : key; // "create preview": no pack has it
    return isPseudo ? pseudo(en) : en;
  };
  const htmlLangParam = (params.get('htmllang') || '').trim();
  // No lang= and no htmllang=: <html lang="en"> as index.html has it (the page as it was).
  const htmlLang = htmlLangParam || (params.has('lang') ? (isPseudo ? PSEUDO_HTML_LANG : lang) : null);
  const upper = (s) => {
    try {
      return s.toLocaleUpperCase(isPseudo ? PSEUDO_HTML_LANG : lang);
    } catch {
      return s.toUpperCase();
    }
  };
  const txtLabels = (params.get('txt') || '').trim().toLowerCase() === 'local' && lang !== DEFAULT_LANG
    ? {
      access_token: upper(t.dialog.access_token),
      client_name: upper(t.page.column_account_name),
      api_path: upper(t.page.api_path),
      client_id: upper(t.dialog.client_id),
      client_secret: upper(t.dialog.client_secret),
      name: upper(t.page.name),
    }
    : null;
  return {
    lang,
    htmlLang,
    captions: englishCaptions ? DEFAULT_LANG : lang,
    t,
    caption,
    level,
    chrome: isPseudo ? pseudo : (s) => s, // the control panel's own chrome: only pseudo changes it
    txtLabels,
  };
}

export function readConfig(loc = window.location) {
  const params = new URLSearchParams(loc.search);
  const storeHash = storeHashFrom(loc.hostname, params);
  const b2b = params.get('b2b') === '1';
  const lateRaw = params.get('late');
  const lateMs = Number.parseInt(lateRaw || '', 10);
  const language = languageFrom(params);
  const { t } = language;
  const orderParam = (params.get('order') || '').trim();
  const order = ORDERS.includes(orderParam) ? orderParam : ORDERS[0];
  const tokenTypes = [t.page.token_v2v3, t.page.token_stencil];
  return {
    storeHash,
    apiPath: `https://api.bigcommerce.com/stores/${storeHash}/v3/`,
    b2b,
    b2bApiPath: B2B_API_PATH,
    variant: variantFrom(params),
    ...language,
    order,
    tokenTypes,
    stencilAccess: [t.page.stencil_local, t.page.stencil_publish],
    initialTokenType: params.get('token') === 'stencil' ? tokenTypes[1] : tokenTypes[0],
    rows: buildRows({
      b2b,
      omit: splitList(params.get('omit')),
      extra: splitList(params.get('extra')),
      variantLabels: params.get('labels') === 'variant',
      order,
      swap: splitList(params.get('swap')),
      caption: language.caption,
      level: language.level,
    }),
    revertLabel: (params.get('revert') || '').trim(),
    // revertAfter=<ms>: how long after the change the stale re-render comes (default 150).
    revertAfterMs: Number.parseInt(params.get('revertAfter') || '', 10) > 0 ? Number.parseInt(params.get('revertAfter'), 10) : 150,
    late: lateRaw !== null,
    lateMs: Number.isFinite(lateMs) && lateMs > 0 ? lateMs : 0,
    dismissInstant: params.get('dismiss') === 'instant',
    download: params.get('download') !== '0',
    embedded: params.get('embedded') === '1',
  };
}

export const cleanPath = (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
export const routeFromPath = (pathname) => (LIST_PATHS.includes(cleanPath(pathname)) ? 'list' : 'create');
