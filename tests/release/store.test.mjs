// The store listing's images: the sizes the stores take, as PNG, and the ones the listing's
// index names are there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = path.join(root, 'docs/store/screenshots');

/** Width and height of a PNG, from its IHDR chunk; null if the file is not a PNG. */
function pngSize(file) {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the screenshots are 1 to 5 PNGs of 1280×800 (the Chrome Web Store takes at most 5)', () => {
  const shots = readdirSync(dir).filter((f) => /^\d+-.+\.png$/.test(f)).sort();
  assert.ok(shots.length >= 1 && shots.length <= 5, `docs/store/screenshots: expected 1 to 5 numbered PNGs, found ${shots.length}`);
  for (const shot of shots) {
    assert.deepEqual(pngSize(path.join(dir, shot)), { width: 1280, height: 800 }, `docs/store/screenshots/${shot}: expected a 1280×800 PNG`);
  }
});

test('the small promotional tile is a 440×280 PNG', () => {
  assert.deepEqual(pngSize(path.join(dir, 'promo-tile-440x280.png')), { width: 440, height: 280 },
    'docs/store/screenshots/promo-tile-440x280.png: expected a 440×280 PNG');
});

test('every file the listing index names is there', () => {
  const index = readFileSync(path.join(root, 'docs/store/README.md'), 'utf8');
  const named = [...index.matchAll(/`((?:screenshots\/)?[\w-]+\.png)`/g)].map((m) => m[1].replace(/^screenshots\//, ''));
  assert.ok(named.length >= 5, 'docs/store/README.md: expected the screenshots named');
  const files = new Set(readdirSync(dir));
  for (const name of named) assert.ok(files.has(name), `docs/store/README.md names ${name}, which docs/store/screenshots/ does not hold`);
});
