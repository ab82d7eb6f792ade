// The page's words in BigCommerce's 16 control-panel languages: the language packs
// crates/core/languages/<code>.json (bundled by esbuild), `lang=` resolution, and the pseudo-locale.
// Pure functions: no DOM, no React.

import enUS from '../../crates/core/languages/en-US.json';
import deDE from '../../crates/core/languages/de-DE.json';
import frFR from '../../crates/core/languages/fr-FR.json';
import esES from '../../crates/core/languages/es-ES.json';
import es419 from '../../crates/core/languages/es-419.json';
import itIT from '../../crates/core/languages/it-IT.json';
import ukUA from '../../crates/core/languages/uk-UA.json';
import zhCN from '../../crates/core/languages/zh-CN.json';
import nlNL from '../../crates/core/languages/nl-NL.json';
import ptBR from '../../crates/core/languages/pt-BR.json';
import svSE from '../../crates/core/languages/sv-SE.json';
import koKR from '../../crates/core/languages/ko-KR.json';
import daDK from '../../crates/core/languages/da-DK.json';
import noNO from '../../crates/core/languages/no-NO.json';
import plPL from '../../crates/core/languages/pl-PL.json';
import jaJP from '../../crates/core/languages/ja-JP.json';

/** BigCommerce's list order; en-US first (the default). */
export const PACKS = [enUS, deDE, frFR, esES, es419, itIT, ukUA, zhCN, nlNL, ptBR, svSE, koKR, daDK, noNO, plPL, jaJP];
export const DEFAULT_LANG = 'en-US';
export const PSEUDO = 'pseudo';
/** `<html lang>` of the pseudo-locale (the conventional pseudo-English tag). */
export const PSEUDO_HTML_LANG = 'en-XA';

const byCode = new Map(PACKS.map((p) => [p.lang.toLowerCase(), p]));

/** The first wording of a pack value (a string, or an array whose first item is drawn). */
export const first = (v) => (Array.isArray(v) ? v[0] : v);

/**
 * `lang=` → a pack code, `pseudo`, or `en-US` (empty or unknown). Any case, `_` or `-`
 * (`pt_br`, `PT-BR`); a bare language takes its pack (`fr` → fr-FR, `es` → es-ES, `zh` →
 * zh-CN, `pt` → pt-BR, `no` / `nb` / `nn` → no-NO); Spanish of any region but Spain → es-419.
 */
export function resolveLang(raw) {
  const code = String(raw ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!code) return DEFAULT_LANG;
  if (code === PSEUDO || code === PSEUDO_HTML_LANG.toLowerCase()) return PSEUDO;
  if (byCode.has(code)) return byCode.get(code).lang;
  let [language, region = ''] = code.split('-');
  if (['nb', 'nn'].includes(language)) language = 'no';
  if (language === 'es' && region && region !== 'es') return 'es-419';
  const pack = PACKS.find((p) => p.lang.toLowerCase().split('-')[0] === language);
  return pack ? pack.lang : DEFAULT_LANG;
}

// ---- pseudo-locale ---------------------------------------------------------------------------
// Every letter becomes an accented look-alike ("v" has none worth the name and stays), one
// "·" is added per consonant of the English text (≈ 40-50 % longer; in runs of at most 10),
// and the whole is bracketed: "Content" → "[Ĉöñţéñţ ·····]", "read-only" → "[ŕéåð-öñļý ····]",
// "Save" → "[Šåvé ··]". Product and technical names stay as they are inside the brackets.
const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûvŵẋýžÅƁĈÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛVŴẊÝŽ';
const ACCENT = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i]]));
const KEEP = /(BigCommerce|Stencil[- ]CLI|OAuth|V2\/V3|API)/;

export function pseudo(text) {
  const s = String(text);
  const accented = s
    .split(KEEP)
    .map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => ACCENT.get(c) ?? c).join('')))
    .join('');
  const consonants = (s.match(/[b-df-hj-np-tv-xz]/gi) || []).length;
  const dots = ('·'.repeat(Math.max(1, consonants)).match(/·{1,10}/g) || []).join(' ');
  return `[${accented} ${dots}]`;
}

/** A pack's words through `pseudo`: en-US, every string of it. */
function pseudoPack() {
  const map = (v) => (Array.isArray(v) ? v.map(pseudo) : pseudo(v));
  const section = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, map(v)]));
  return {
    ...enUS,
    lang: PSEUDO,
    name: 'Pseudo',
    page: section(enUS.page),
    dialog: section(enUS.dialog),
    scopes: section(enUS.scopes),
    levels: section(enUS.levels),
  };
}

/** The pack for a resolved code (`resolveLang`), `pseudo` included. */
export function packFor(code) {
  if (code === PSEUDO) return pseudoPack();
  return byCode.get(String(code).toLowerCase()) || enUS;
}

/** en-US's words: the page as it has always been drawn. */
export const EN = enUS;
