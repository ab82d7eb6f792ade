#!/usr/bin/env node
// `web-ext lint` on the Chrome package (dist/chrome) too, where it applies: every error fails
// except the messages below, which are about Firefox by nature. The Chrome manifest differs
// from the Firefox one on purpose (scripts/manifest.mjs): a service-worker background and no
// browser_specific_settings. Anything else the linter finds (manifest fields, permissions,
// missing files, locales, JS) applies to Chrome as well and is reported as usual.
//   node scripts/lint-chrome.mjs [dist/chrome]
import { lint } from './lint-firefox.mjs';

// Permissions Chrome has and Firefox does not (the linter warns "Invalid permissions" about
// them; unknown manifest keys such as `key` or `minimum_chrome_version` draw no message).
const CHROME_ONLY_PERMISSIONS = ['offscreen', 'sidePanel', 'tabGroups', 'readingList', 'favicon'];

export const FIREFOX_ONLY = [
  { code: 'BACKGROUND_SERVICE_WORKER_NOFALLBACK',
    why: 'Firefox has no service-worker background; Chrome MV3 requires one and the Chrome package has only that' },
  { code: 'BACKGROUND_SERVICE_WORKER_IGNORED',
    why: 'about which background key Firefox uses when both are present' },
  { code: 'ADDON_ID_REQUIRED',
    why: 'browser_specific_settings.gecko.id is a Firefox key; Chrome derives the id itself' },
  { code: 'MISSING_DATA_COLLECTION_PERMISSIONS',
    why: 'gecko.data_collection_permissions is a Firefox (AMO) key' },
  { code: 'INCOGNITO_SPLIT_UNSUPPORTED',
    why: 'Firefox has no split incognito mode; the Firefox package leaves the key out (scripts/manifest.mjs)' },
  { code: 'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION', why: 'about Firefox versions' },
  { code: 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION', why: 'about Firefox for Android versions' },
  { code: 'MANIFEST_PERMISSIONS', why: 'a permission only Chrome has',
    when: (m) => CHROME_ONLY_PERMISSIONS.some((p) => m.message.includes(`"${p}"`)) },
];

process.exit(lint(process.argv[2] ?? 'dist/chrome', { ignore: FIREFOX_ONLY }) ? 0 : 1);
