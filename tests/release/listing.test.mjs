// The store listings (Chrome Web Store, addons.mozilla.org): one description file per UI
// language, docs/store/descriptions/<locale>.md, in the format the release copies from:
//
//   # <the locale's extName message>
//
//   ## Short description
//
//   <one line, at most 132 characters>
//
//   ## Description
//
//   <plain text paragraphs and "- " bullet lists, at most 4,000 characters>
//
// Run: node --test tests/release/listing.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOCALES_DIR = join(ROOT, 'extension', '_locales');
const DESCRIPTIONS_DIR = join(ROOT, 'docs', 'store', 'descriptions');

// Chrome Web Store's limit for the summary; its long description allows more than AMO's
// and our own limit of 4,000 keeps both stores happy.
const SHORT_MAX = 132;
const LONG_MAX = 4000;
// A line of a translation that is word for word a line of en.md, from this length up, is
// English left untranslated (shorter lines may be a list of product names).
const COPIED_LINE_MIN = 60;

const HEADINGS = ['# ', '## Short description', '## Description'];

/** Characters as a person counts them: Unicode code points. */
const length = (s) => [...s].length;

const rel = (path) => relative(ROOT, path);

function localeFolders() {
  return readdirSync(LOCALES_DIR)
    .filter((name) => statSync(join(LOCALES_DIR, name)).isDirectory())
    .sort();
}

function descriptionFiles() {
  return readdirSync(DESCRIPTIONS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

function extDescription(locale) {
  const path = join(LOCALES_DIR, locale, 'messages.json');
  const message = JSON.parse(readFileSync(path, 'utf8')).extDescription?.message;
  assert.ok(message, `${rel(path)}: expected an extDescription message`);
  return message;
}

function extName(locale) {
  const path = join(LOCALES_DIR, locale, 'messages.json');
  const messages = JSON.parse(readFileSync(path, 'utf8'));
  const message = messages.extName?.message;
  assert.ok(message, `${rel(path)}: expected an extName message`);
  return message;
}

/**
 * Splits a description file into its title, short and long description, or throws an error
 * that names the file and what was expected.
 */
function parse(file) {
  const path = join(DESCRIPTIONS_DIR, file);
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const headings = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => /^#{1,6}(\s|$)/.test(line));
  const found = headings.map(({ line }) => JSON.stringify(line)).join(', ') || 'none';
  assert.equal(
    headings.length,
    3,
    `${file}: expected exactly three headings ("# <extName>", "## Short description", ` +
      `"## Description"), found ${headings.length}: ${found}`,
  );
  const [title, short, long] = headings;
  assert.ok(
    title.line.startsWith('# ') && title.line.length > 2,
    `${file}: expected the first heading to be "# <extName>", found ${JSON.stringify(title.line)}`,
  );
  assert.equal(
    short.line,
    HEADINGS[1],
    `${file}: expected the second heading to be "${HEADINGS[1]}", found ${JSON.stringify(short.line)}`,
  );
  assert.equal(
    long.line,
    HEADINGS[2],
    `${file}: expected the third heading to be "${HEADINGS[2]}", found ${JSON.stringify(long.line)}`,
  );
  const before = lines.slice(0, title.index).join('\n').trim();
  assert.equal(before, '', `${file}: expected nothing before the title, found ${JSON.stringify(before)}`);
  const between = (a, b) => lines.slice(a.index + 1, b ? b.index : undefined).join('\n').trim();
  return {
    title: title.line.slice(2).trim(),
    short: between(short, long),
    long: between(long),
  };
}

const locales = localeFolders();
const files = descriptionFiles();

test('every locale folder has a description file, and every description file a locale folder', () => {
  const missing = locales.filter((locale) => !files.includes(`${locale}.md`));
  const extra = files.filter((file) => !locales.includes(file.slice(0, -'.md'.length)));
  assert.deepEqual(
    missing,
    [],
    `expected ${rel(DESCRIPTIONS_DIR)}/<locale>.md for every folder of ${rel(LOCALES_DIR)}; ` +
      `missing: ${missing.map((l) => `${l}.md`).join(', ')}`,
  );
  assert.deepEqual(
    extra,
    [],
    `expected a folder in ${rel(LOCALES_DIR)} for every description file; ` +
      `no locale folder for: ${extra.join(', ')}`,
  );
});

/**
 * en.md, parsed once: what a translation must not still be. Null when en.md is missing or
 * malformed: its own test says why, and the translations are not compared until it is fixed.
 */
let englishCache;
function english() {
  if (englishCache === undefined) {
    let en;
    try {
      en = parse('en.md');
    } catch {
      englishCache = null;
      return null;
    }
    const lines = en.long
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => length(line) >= COPIED_LINE_MIN);
    englishCache = { ...en, lines: new Set(lines) };
  }
  return englishCache;
}

for (const locale of locales) {
  const file = `${locale}.md`;
  if (!files.includes(file)) continue; // reported by the test above

  test(`${file}: headings, title, short and long description`, () => {
    const { title, short, long } = parse(file);

    const name = extName(locale);
    assert.equal(
      title,
      name,
      `${file}: expected the title to be the extName message of ${locale}/messages.json, ` +
        `${JSON.stringify(name)}, found ${JSON.stringify(title)}`,
    );

    assert.ok(short.length > 0, `${file}: expected a short description under "## Short description", found none`);
    // The Chrome Web Store shows the manifest's description as the summary: the listing's must
    // be the same words.
    assert.equal(short, extDescription(locale),
      `${file}: expected the short description to be the extDescription message of ${locale}/messages.json`);
    assert.ok(
      !short.includes('\n'),
      `${file}: expected the short description to be one line (one paragraph), found ${short.split('\n').length} lines`,
    );
    assert.ok(
      length(short) <= SHORT_MAX,
      `${file}: expected a short description of at most ${SHORT_MAX} characters, found ${length(short)}`,
    );

    assert.ok(long.length > 0, `${file}: expected a long description under "## Description", found none`);
    assert.ok(
      length(long) <= LONG_MAX,
      `${file}: expected a long description of at most ${LONG_MAX} characters, found ${length(long)}`,
    );

    // The stores show plain text: no markdown or HTML may reach them.
    const markup = [
      [/!?\[[^\]\n]*\]\([^)\n]*\)/, 'a markdown link'],
      [/<(?:https?:|mailto:)[^>\s]*>/i, 'a markdown autolink'],
      [/^\s{0,3}#{1,6}(\s|$)/m, 'a markdown heading'],
      [/\*\*[^*\n]+\*\*|__[^_\n]+__/, 'bold text'],
      [/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i, 'an HTML tag'],
      [/`/, 'a code span (backtick)'],
    ];
    for (const part of [
      ['short description', short],
      ['long description', long],
    ]) {
      for (const [pattern, what] of markup) {
        const match = part[1].match(pattern);
        assert.equal(
          match,
          null,
          `${file}: expected plain text in the ${part[0]}, found ${what}: ${JSON.stringify(match?.[0])}`,
        );
      }
    }

    // Paragraphs are one line each (the stores keep line breaks); lists use "- ".
    for (const [index, block] of long.split(/\n\s*\n/).entries()) {
      const blockLines = block.split('\n');
      for (const line of blockLines) {
        assert.ok(
          !/^\s*([*+]\s|\d+[.)]\s)/.test(line),
          `${file}: expected list items to start with "- ", found ${JSON.stringify(line)}`,
        );
        assert.ok(
          line === line.trim(),
          `${file}: expected no leading or trailing spaces, found ${JSON.stringify(line)}`,
        );
      }
      const bullets = blockLines.filter((line) => line.startsWith('- '));
      assert.ok(
        blockLines.length === 1 || bullets.length === blockLines.length,
        `${file}: expected paragraph ${index + 1} of the long description to be one line or a ` +
          `"- " list, found ${blockLines.length} lines: ${JSON.stringify(blockLines[0])} …`,
      );
    }

    const en = locale === 'en' ? null : english();
    if (en) {
      assert.notEqual(
        short,
        en.short,
        `${file}: expected a short description in ${locale}, found the English one of en.md`,
      );
      assert.notEqual(
        long,
        en.long,
        `${file}: expected a long description in ${locale}, found the English one of en.md`,
      );
      const copied = long
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => en.lines.has(line));
      assert.deepEqual(
        copied,
        [],
        `${file}: expected every line of the long description to be in ${locale}, found lines of en.md: ` +
          copied.map((line) => JSON.stringify(line)).join(', '),
      );
    }
  });
}
