// The page's configuration, read once from its URL (query parameters and hostname).
// Pure functions: no DOM, no React (the self-check imports nothing from here; it keeps its
// own copy of the catalogue on purpose).

export const DEFAULT_STORE_HASH = 'abc123xyz0';
export const B2B_API_PATH = 'https://api-b2b.bigcommerce.com/api/v3/io/';
export const TOKEN_TYPES = ['V2/V3 API token', 'Stencil-CLI token'];
export const STENCIL_ACCESS = ['local development only', 'publish theme'];
export const NONE = 'None';

export const LIST_PATH = '/manage/settings/api-accounts';
export const CREATE_PATH = `${LIST_PATH}/create`;
export const LIST_PATHS = [LIST_PATH, '/manage/settings/auth/api-accounts'];
export const SHELL_PATH = '/manage/shell';

/** How the scope rows are drawn (`rows=`); the first is the default. */
export const VARIANTS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select', 'native', 'radio'];
/** The old replica's `widget=` values, still accepted when `rows=` is absent. */
const LEGACY_WIDGET = { select: 'native', combobox: 'select', radio: 'radio' };

/**
 * The rows of the 2025 page, in its order and letter case: [label, levels besides None].
 * `noNone` rows (Metafields Access) offer no None and start at their first level.
 */
export const CATALOGUE = [
  ['Content', ['read-only', 'modify']],
  ['Checkout content', ['read-only', 'modify']],
  ['Customers', ['read-only', 'modify']],
  ['Customers login', ['login']],
  ['Information & settings', ['read-only', 'modify']],
  ['Marketing', ['read-only', 'modify']],
  ['Orders', ['read-only', 'modify']],
  ['Order transactions', ['read-only', 'modify']],
  ['Create payments', ['create']],
  ['Get payment methods', ['read-only']],
  ['Stored payment instruments', ['read-only', 'modify']],
  ['Products', ['read-only', 'modify']],
  ['Themes', ['read-only', 'modify']],
  ['Carts', ['read-only', 'modify']],
  ['Checkouts', ['read-only', 'modify']],
  ['Sites & routes', ['read-only', 'modify']],
  ['Channel settings', ['read-only', 'modify']],
  ['Channel listings', ['read-only', 'modify']],
  ['Storefront API tokens', ['manage']],
  ['Storefront API customer impersonation tokens', ['manage']],
  ['Store logs', ['read-only']],
  ['Store Locations', ['read-only', 'modify']],
  ['Store Inventory', ['read-only', 'modify']],
  ['Fulfillment Methods', ['read-only', 'modify']],
  ['Order Fulfillment', ['read-only', 'modify']],
  ['Metafield Ownership', ['manage']],
  ['Metafields Access', ['Standard', 'full'], { noNone: true }],
];

/** Shown on stores with B2B Edition (`b2b=1`), after the catalogue. */
export const B2B_ROWS = [
  ['Store Translations', ['read-only', 'modify']],
  ['B2B Edition', ['modify']],
];

/** Rows `extra=` knows; any other name gets read-only / modify. */
export const KNOWN_EXTRAS = {
  'infrastructure logs': ['Infrastructure Logs', ['read-only']],
  'infrastructure projects': ['Infrastructure Projects', ['read-only', 'manage']],
  'infrastructure deployments': ['Infrastructure Deployments', ['read-only', 'create preview', 'manage']],
};

/** `labels=variant`: how other sources write some labels. */
export const VARIANT_LABELS = {
  'Customers login': 'Customer Login',
  'Sites & routes': 'Sites & Routes',
  'Get payment methods': 'Payments - Get accepted methods',
  'Metafield Ownership': 'Metafields Ownership',
};

export const norm = (s) => String(s).trim().toLowerCase().replace(/\s+/g, ' ');

export function splitList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The rows to draw, in order: catalogue, B2B rows (b2b), then extras; minus `omit`.
 * Each: { key, label (as displayed, also the state key), options (as displayed, "None" first
 * where offered), initial }.
 */
export function buildRows({ b2b = false, omit = [], extra = [], variantLabels = false } = {}) {
  const specs = [...CATALOGUE, ...(b2b ? B2B_ROWS : [])].map(([key, levels, opts = {}]) => ({ key, levels, opts }));
  for (const name of extra) {
    const [key, levels] = KNOWN_EXTRAS[norm(name)] || [name, ['read-only', 'modify']];
    if (!specs.some((s) => norm(s.key) === norm(key))) specs.push({ key, levels, opts: {} });
  }
  const omitted = new Set(omit.map(norm));
  return specs
    .map(({ key, levels, opts }) => {
      const label = (variantLabels && VARIANT_LABELS[key]) || key;
      const options = opts.noNone ? [...levels] : [NONE, ...levels];
      return { key, label, options, initial: options[0] };
    })
    .filter((r) => !omitted.has(norm(r.key)) && !omitted.has(norm(r.label)));
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

export function readConfig(loc = window.location) {
  const params = new URLSearchParams(loc.search);
  const storeHash = storeHashFrom(loc.hostname, params);
  const b2b = params.get('b2b') === '1';
  const lateRaw = params.get('late');
  const lateMs = Number.parseInt(lateRaw || '', 10);
  return {
    storeHash,
    apiPath: `https://api.bigcommerce.com/stores/${storeHash}/v3/`,
    b2b,
    b2bApiPath: B2B_API_PATH,
    variant: variantFrom(params),
    initialTokenType: params.get('token') === 'stencil' ? TOKEN_TYPES[1] : TOKEN_TYPES[0],
    rows: buildRows({
      b2b,
      omit: splitList(params.get('omit')),
      extra: splitList(params.get('extra')),
      variantLabels: params.get('labels') === 'variant',
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
