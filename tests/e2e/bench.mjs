// make bench: prints figures, never fails on a number.
//   - Fill → all rows verified (median of N runs) per replica variant, against the same work
//     done with Playwright's own per-field actions in the same browser.
//   - The same fill on pages in French, Japanese and a pseudo-locale no pack knows.
//   - Core load time: WASM (no page CSP) and wasm2js (strict page CSP).
//   - Dialog insertion → captured in the content script → stored by the background.
//   - The worker: compiling the core on a wake, a message's round trip.
//   - Bundle sizes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  launch, openReplica, formFrame, fillWith, fillInAnyLanguage, pageState, captures, waitForCaptures, save, ROOT,
} from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// How the BigDesign replica draws the scope rows (its `rows=` parameter).
const VARIANTS = process.env.BENCH_VARIANTS?.split(',') ?? ['toggle', 'select', 'native', 'radio'];
const BENCH_PRESETS = ['wherehouse', 'full-access'];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(0).padStart(5)} ms`;

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The same end state, reached with Playwright's per-field actions. */
async function playwrightFill(frame, variant, name, target) {
  const t0 = Date.now();
  await frame.getByLabel('Name', { exact: true }).fill(name);
  for (const [label, level] of Object.entries(target)) {
    if (level === 'None') continue;
    if (variant === 'toggle') {
      // BigDesign's Toggle group has no accessible name: the button under its caption.
      await frame.locator('label').filter({ hasText: exactly(label) })
        .locator(`xpath=following::button[normalize-space(.)="${level}"][1]`).click();
    } else if (variant === 'native') {
      await frame.getByLabel(label, { exact: true }).selectOption(level);
    } else if (variant === 'radio') {
      // BigDesign's radios sit in a Fieldset: a group named by its legend.
      // Its input is visually hidden: a person clicks the label.
      await frame.getByRole('group', { name: label, exact: true }).locator('label').filter({ hasText: exactly(level) }).click();
    } else {
      await frame.getByRole('combobox', { name: label, exact: true }).click();
      await frame.getByRole('option', { name: level, exact: true }).click();
    }
  }
  return Date.now() - t0;
}

async function benchFill(env) {
  console.log(`\nFill click → last row verified (page clock), median of ${RUNS} runs (strict page CSP, wasm2js core)`);
  console.log('  rows       preset         ScopeFill  Playwright per-field  ratio');
  for (const rows of VARIANTS) {
    for (const presetId of BENCH_PRESETS) {
      const ours = [];
      const theirs = [];
      for (let i = 0; i < RUNS; i++) {
        const { page } = await openReplica(env, { rows });
        const frame = await formFrame(page);
        const report = await fillWith(frame, presetId);
        // From the Fill click to the last row verified, in the page's clock.
        ours.push(report.pageMs);
        const state = await pageState(frame);
        await page.close();

        const other = await openReplica(env, { rows });
        const otherFrame = await formFrame(other.page);
        theirs.push(await playwrightFill(otherFrame, rows, state.name, state.scopes));
        const check = await pageState(otherFrame);
        if (JSON.stringify(check.scopes) !== JSON.stringify(state.scopes)) console.log('  (Playwright run reached a different state)');
        await other.page.close();
      }
      const a = median(ours);
      const b = median(theirs);
      console.log(`  ${rows.padEnd(10)} ${presetId.padEnd(14)} ${fmt(a)}  ${fmt(b)}            ${(b / a).toFixed(1)}×`);
    }
  }
}

/** The same fill on a page in another language: by captions a pack knows, or by position. */
async function benchLanguages(env) {
  console.log(`\nFill click → last row verified in other languages, Wherehouse, median of ${RUNS} (strict page CSP)`);
  console.log('  lang       rows      rows placed by   fill');
  for (const lang of ['en-US', 'fr-FR', 'ja-JP', 'pseudo']) {
    for (const rows of ['toggle', 'select']) {
      const times = [];
      let placed = 0;
      for (let i = 0; i < RUNS; i++) {
        const { page } = await openReplica(env, { lang, rows });
        const report = await fillInAnyLanguage(await formFrame(page), 'wherehouse');
        times.push(report.pageMs);
        placed = report.items.filter((item) => item.includes(' → ')).length;
        await page.close();
      }
      const how = placed ? `position (${placed})` : 'caption';
      console.log(`  ${lang.padEnd(10)} ${rows.padEnd(9)} ${how.padEnd(16)} ${fmt(median(times))}`);
    }
  }
}

async function benchLoad() {
  console.log(`\nCore load in the content script (import + instantiate), median of ${RUNS}`);
  for (const csp of ['none', 'strict']) {
    const env = await launch({ csp });
    const loads = [];
    const ready = [];
    let flavour = '';
    for (let i = 0; i < RUNS; i++) {
      const t0 = Date.now();
      const { page } = await openReplica(env, { rows: 'native' });
      const host = page.locator('#scopefill-panel');
      await host.locator('section').waitFor();
      ready.push(Date.now() - t0);
      loads.push(Number(await host.getAttribute('data-load-ms')));
      flavour = await host.getAttribute('data-core');
      await page.close();
    }
    console.log(`  page CSP ${csp.padEnd(6)} core ${flavour.padEnd(4)} load ${fmt(median(loads))}   navigation → panel shown ${fmt(median(ready))}`);
    await env.close();
  }
}

async function benchCapture(env) {
  await env.sw.evaluate(() => {
    globalThis.__storedAt = [];
    chrome.storage.session.onChanged.addListener(() => globalThis.__storedAt.push(Date.now()));
  });
  const toCapture = [];
  const toStored = [];
  for (let i = 0; i < RUNS; i++) {
    const { page } = await openReplica(env, { rows: 'native', dismiss: 'instant' });
    const frame = await formFrame(page);
    await fillWith(frame, 'dropstream');
    // The moment of insertion, taken synchronously inside the page's own appendChild.
    await frame.evaluate(() => {
      const mark = (nodes) => {
        if (nodes.some((n) => n?.getAttribute?.('role') === 'dialog')) window.__dialogAt = Date.now();
      };
      const appendChild = Node.prototype.appendChild;
      Node.prototype.appendChild = function (node) {
        mark([node]);
        return appendChild.call(this, node);
      };
      const append = Element.prototype.append;
      Element.prototype.append = function (...nodes) {
        mark(nodes);
        return append.apply(this, nodes);
      };
    });
    const count = (await captures(env)).length;
    await save(frame);
    const list = await waitForCaptures(env, count + 1);
    const insertedAt = await frame.evaluate(() => window.__dialogAt);
    const storedAt = (await env.sw.evaluate(() => globalThis.__storedAt)).at(-1);
    toCapture.push(list.at(-1).capturedAt - insertedAt);
    toStored.push(storedAt - insertedAt);
    await page.close();
  }
  console.log(`\nCredentials dialog inserted → read by the content script ${fmt(median(toCapture))}; → stored by the background ${fmt(median(toStored))} (median of ${RUNS}, dialog removed after 1 ms)`);
}

/**
 * What a worker wake costs now that its rules are in the core: compiling the pages' WASM
 * module in the service worker (the shell's init on every wake), and a message answered by
 * the running worker.
 */
async function benchWorker(env) {
  const compile = [];
  for (let i = 0; i < RUNS; i++) {
    compile.push(await env.sw.evaluate(async () => {
      const bytes = await (await fetch(chrome.runtime.getURL('pkg/scopefill_bg.wasm'))).arrayBuffer();
      const t0 = performance.now();
      await WebAssembly.compile(bytes);
      return performance.now() - t0;
    }));
  }
  const page = await env.context.newPage();
  await page.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  const trips = [];
  for (let i = 0; i < RUNS; i++) {
    trips.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'captures' });
      return performance.now() - t0;
    }));
  }
  await page.close();
  console.log(`\nWorker: compile the core's WASM on a wake ${fmt(median(compile))}; a message answered (captures) ${fmt(median(trips))} (median of ${RUNS})`);
}

function sizes() {
  console.log('\nSizes                                   bytes    gzipped');
  const files = [
    'dist/chrome/pkg/scopefill_bg.wasm',
    'dist/chrome/pkg-content/scopefill_bg.wasm',
    'dist/chrome/pkg-content/scopefill.js',
    'dist/chrome/pkg-js/scopefill.js',
    ...fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.zip')).map((f) => `dist/${f}`),
  ];
  for (const f of files) {
    const p = path.join(ROOT, f);
    if (!fs.existsSync(p)) continue;
    const buf = fs.readFileSync(p);
    console.log(`  ${f.padEnd(38)} ${String(buf.length).padStart(8)} ${String(zlib.gzipSync(buf, { level: 9 }).length).padStart(9)}`);
  }
}

const env = await launch({ csp: 'strict' });
try {
  await benchFill(env);
  await benchLanguages(env);
  await benchCapture(env);
  await benchWorker(env);
} finally {
  await env.close();
}
await benchLoad();
sizes();
