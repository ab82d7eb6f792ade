// Warns about files a built manifest names that the package lacks (the browsers refuse to
// load the extension without them, and `web-ext lint` fails on them).
// `node scripts/check-manifest-files.mjs dist/chrome`
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const files = [m.background.service_worker ?? m.background.scripts?.[0], m.action.default_popup,
  m.options_ui.page, ...Object.values(m.icons),
  ...m.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])])].filter(Boolean);
for (const f of files) {
  if (!fs.existsSync(path.join(dir, f))) console.error(`build: WARNING: manifest names ${f}, which ${dir} does not have`);
}
