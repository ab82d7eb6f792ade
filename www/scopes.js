// The OAuth scope catalogue of BigCommerce's "Create API account" page
// (see shared/bigcommerce.md), and how query parameters change the rows shown.

export const CATALOGUE = [
  ['Content', ['read-only', 'modify']],
  ['Checkout Content', ['read-only', 'modify']],
  ['Customers', ['read-only', 'modify']],
  ['Customers Login', ['login']],
  ['Information & Settings', ['read-only', 'modify']],
  ['Marketing', ['read-only', 'modify']],
  ['Orders', ['read-only', 'modify']],
  ['Order Transactions', ['read-only', 'modify']],
  ['Create Payments', ['create']],
  ['Get Payment Methods', ['read-only']],
  ['Stored Payment Instruments', ['read-only', 'modify']],
  ['Products', ['read-only', 'modify']],
  ['Themes', ['read-only', 'modify']],
  ['Carts', ['read-only', 'modify']],
  ['Checkouts', ['read-only', 'modify']],
  ['Sites & Routes', ['read-only', 'modify']],
  ['Channel Settings', ['read-only', 'modify']],
  ['Channel Listings', ['read-only', 'modify']],
  ['Storefront API Tokens', ['manage']],
  ['Storefront API Customer Impersonation Tokens', ['manage']],
  ['Store Inventory', ['read-only', 'modify']],
  ['Store Locations', ['read-only', 'modify']],
  ['Fulfillment Methods', ['read-only', 'modify']],
  ['Order Fulfillment', ['read-only', 'modify']],
  ['Store Translations', ['read-only', 'modify']],
  ['Store Logs', ['read-only']],
  ['Metafield Ownership', ['manage']],
  ['Metafields Access', ['standard', 'full']],
  ['App Extensions', ['manage']],
];

export const B2B_ROW = ['B2B Edition', ['modify']];

/** Rows that `extra=` knows; any other extra name gets read-only / modify. */
export const KNOWN_EXTRAS = {
  'infrastructure logs': ['Infrastructure Logs', ['read-only']],
  'infrastructure projects': ['Infrastructure Projects', ['read-only', 'manage']],
  'infrastructure deployments': ['Infrastructure Deployments', ['read-only', 'create preview', 'manage']],
};

/** `labels=variant`: how other sources write some labels. */
export const VARIANT_LABELS = {
  'Customers Login': 'Customer Login',
  'Sites & Routes': 'Sites & routes',
  'Get Payment Methods': 'Payments - Get accepted methods',
  'Metafield Ownership': 'Metafields Ownership',
};

export const NONE = 'None';

const norm = (s) => String(s).trim().toLowerCase().replace(/\s+/g, ' ');

/** Split a comma-separated list parameter into trimmed, non-empty names. */
export function splitList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The rows to render, in order: catalogue (29), B2B Edition (b2b), then extras.
 * Each row: { key, label, levels } where label is the displayed text (also the
 * state key) and levels excludes "None" (always offered first).
 */
export function buildRows({ b2b = false, omit = [], extra = [], variantLabels = false } = {}) {
  const rows = CATALOGUE.map(([label, levels]) => ({ key: label, label, levels }));
  if (b2b) rows.push({ key: B2B_ROW[0], label: B2B_ROW[0], levels: B2B_ROW[1] });
  for (const name of extra) {
    const known = KNOWN_EXTRAS[norm(name)];
    const [label, levels] = known || [name, ['read-only', 'modify']];
    if (rows.some((r) => norm(r.label) === norm(label))) continue;
    rows.push({ key: label, label, levels });
  }
  if (variantLabels) {
    for (const row of rows) row.label = VARIANT_LABELS[row.key] || row.label;
  }
  const omitted = new Set(omit.map(norm));
  return rows
    .filter((r) => !omitted.has(norm(r.key)) && !omitted.has(norm(r.label)))
    .map((r) => ({ ...r, levels: [...r.levels] }));
}
