// Fails when a WebAssembly module does not validate (after wasm-opt): `node scripts/check-wasm.mjs FILE`.
import fs from 'node:fs';

const file = process.argv[2];
if (!WebAssembly.validate(fs.readFileSync(file))) {
  console.error(`build: ${file} does not validate`);
  process.exit(1);
}
