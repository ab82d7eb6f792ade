// The store listings' screenshots (docs/store/screenshots/), made by `make demo` from the
// replica: 1280×800, the size both stores show best (the Chrome Web Store takes 1280×800 or
// 640×400 only). A screen with the toolbar popup is the page and the popup, each shot as the
// browser drew it, then laid on a 1280×800 canvas the way the browser opens the popup: below
// the toolbar, at the right.
import fs from 'node:fs';
import path from 'node:path';

export const STORE_SIZE = { width: 1280, height: 800 };
// Chrome opens a popup at most 800×600; ours is 400 wide.
export const POPUP_SIZE = { width: 400, height: 600 };

/** A page of `context` at `size` showing `html` (images as data: URLs), shot once they are drawn. */
async function render(context, size, html) {
  const canvas = await context.newPage();
  try {
    await canvas.setViewportSize(size);
    await canvas.setContent(html);
    await canvas.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    return await canvas.screenshot();
  } finally {
    await canvas.close();
  }
}

/** Screenshot helpers writing into OUT; a browser context hosts the canvas pages. */
export function storeShots(out, log = console.log) {
  fs.mkdirSync(out, { recursive: true });
  const write = (name, buffer) => {
    const file = path.join(out, name);
    fs.writeFileSync(file, buffer);
    log(`demo: ${path.relative(process.cwd(), file)}`);
  };
  return {
    /** A page at the store's size, as the browser draws it. */
    async page(name, page) {
      await page.setViewportSize(STORE_SIZE);
      write(name, await page.screenshot());
    },
    /** PAGE at the store's size with POPUP (already POPUP_SIZE) open over its top right. */
    async withPopup(name, page, popup, context) {
      await page.setViewportSize(STORE_SIZE);
      const background = await page.screenshot();
      const front = await popup.screenshot();
      const url = (png) => `data:image/png;base64,${png.toString('base64')}`;
      write(name, await render(context, STORE_SIZE, `<!doctype html><style>
        html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
        img { position: absolute; display: block; }
        .popup { top: 8px; right: 16px; border-radius: 8px; border: 1px solid #c4c7cc;
          box-shadow: 0 6px 24px rgb(0 0 0 / 28%), 0 1px 4px rgb(0 0 0 / 18%); }
      </style><img src="${url(background)}" style="inset: 0"><img class="popup" src="${url(front)}">`));
    },
    /**
     * The Chrome Web Store's small promotional tile (440×280, required there): the extension's
     * own icon and name, and what it does in one line.
     */
    async promoTile(name, context, icon, title, line) {
      const escape = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      write(name, await render(context, { width: 440, height: 280 }, `<!doctype html><style>
        html, body { margin: 0; width: 440px; height: 280px; overflow: hidden; }
        body { display: grid; place-content: center; justify-items: center; gap: 12px; text-align: center;
          background: linear-gradient(160deg, #1c2a4a, #34313f); color: #fff; font-family: system-ui, sans-serif; }
        img { width: 96px; height: 96px; }
        h1 { margin: 0; font-size: 26px; font-weight: 600; }
        p { margin: 0 28px; font-size: 16px; line-height: 1.35; color: #dfe3ec; }
      </style><img src="data:image/png;base64,${icon.toString('base64')}" alt=""><h1>${escape(title)}</h1><p>${escape(line)}</p>`));
    },
  };
}
