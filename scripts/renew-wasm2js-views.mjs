// wasm2js grows memory by copying into a new ArrayBuffer and leaves the old one attached, so
// wasm-bindgen's glue tests for a stale view ("length 0", "buffer detached") never fire:
// strings made after a grow read as empty and lengths written back land in the old buffer,
// which corrupts the heap. This renews every view whenever the buffer behind it is not
// current. `node scripts/renew-wasm2js-views.mjs GLUE.js` (in place); fails when it cannot
// find every view.
import fs from 'node:fs';

const file = process.argv[2];
let js = fs.readFileSync(file, 'utf8');
const getters = js.match(/function get\w+Memory0\(\)/g) ?? [];
let fixed = 0;
js = js.replace(/if \((cached\w+Memory0) === null \|\|[^{]*\) \{/g, (_, view) => {
  fixed++;
  return `if (${view} === null || ${view}.buffer !== wasm.memory.buffer) {`;
});
if (getters.length === 0 || fixed !== getters.length) {
  console.error(`build: renewed ${fixed} of ${getters.length} memory views in ${file}`);
  process.exit(1);
}
fs.writeFileSync(file, js);
