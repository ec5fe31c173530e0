// Real-browser tests of the built briefing in Firefox ESR (Debian's
// firefox-esr), driven by puppeteer-core over WebDriver BiDi. The site
// (SOURCED_SITE) is served on 127.0.0.1 under /briefing/; requests to any
// other host are refused and recorded, and the suite fails if there was one.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serveSite, site, shots, orphanReferences, marginLayout, assertMarginNotes } from "./serve.mjs";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
let server;
let base;
let browser;
const outside = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(site, "index.html")), `no site at ${site}`);
  ({ server, base } = await serveSite(site));
  browser = await launch("light");
});

/** Firefox with the page's colour scheme set by preference (0 dark, 1 light). */
function launch(colorScheme) {
  return puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { "layout.css.prefers-color-scheme.content-override": colorScheme === "dark" ? 0 : 1, "app.update.enabled": false },
  });
}

after(async () => {
  await browser?.close();
  server?.close();
  assert.deepEqual(outside, [], "requests left 127.0.0.1");
});

/** A fresh page of `width` × `height`, light or dark, only talking to 127.0.0.1. */
async function open(width = 1024, height = 800, using = browser) {
  const context = await using.createBrowserContext();
  const page = await context.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    // Firefox's own data: URLs (its built-in fonts) are not requests.
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return request.continue();
    outside.push(request.url());
    return request.abort();
  });
  await page.setViewport({ width, height });
  await page.goto(base + "index.html");
  return { context, page };
}

const isOpen = (page) => page.evaluate(() => document.querySelectorAll(".note:popover-open").length);

test("Firefox: a click opens a note beside its reference, Esc and Enter work, Tab past it closes it", async () => {
  const { context, page } = await open();
  const button = (await page.$$(".noteref button"))[20];
  await button.evaluate((b) => b.scrollIntoView({ block: "center" }));
  await button.click();
  assert.equal(await isOpen(page), 1);
  const [note, ref] = await page.evaluate(() => [document.querySelector(".note:popover-open").getBoundingClientRect().toJSON(), document.activeElement.getBoundingClientRect().toJSON()]);
  assert.ok(Math.abs(note.top - ref.bottom) < 40 || Math.abs(ref.top - note.bottom) < 40, `note ${JSON.stringify(note)} beside ${JSON.stringify(ref)}`);
  await page.keyboard.press("Escape");
  assert.equal(await isOpen(page), 0, "Esc closes");
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await isOpen(page), 1, "Enter opens");
  for (let i = 0; i < 40 && (await isOpen(page)); i += 1) await page.keyboard.press("Tab");
  assert.equal(await isOpen(page), 0, "Tab past the note closes it");
  await context.close();
});

test("Firefox at 320 and 375 px: no sideways scroll, references stay beside their word, and a note near the bottom is a readable box", async () => {
  for (const width of [320, 375]) {
    const { context, page } = await open(width, 700);
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(sw <= cw, `${width}px: ${sw} > ${cw}`);
    assert.deepEqual(await page.evaluate(orphanReferences), [], `${width}px: references starting a line`);
    // A reference near the bottom edge of the window.
    const button = (await page.$$(".noteref button"))[12];
    await button.evaluate((b) => { b.scrollIntoView({ block: "end" }); window.scrollBy(0, 20); });
    await button.click();
    const box = await page.evaluate(() => document.querySelector(".note:popover-open").getBoundingClientRect().toJSON());
    assert.ok(box.height > 120, `${width}px: note squeezed to ${box.height}px`);
    assert.ok(box.left >= 0 && box.right <= cw, `${width}px: note ${box.left}–${box.right} outside ${cw}`);
    await context.close();
  }
});

test("Firefox: an open note keeps the other notes' numbers", async () => {
  const { context, page } = await open();
  await (await page.$(".noteref button")).click();
  const values = await page.$$eval(".notes li.note", (els) => els.map((e) => [e.id, e.value]));
  for (const [id, value] of values) assert.equal(`note-${value}`, id);
  await context.close();
});

test("Firefox dark mode: the note's scrollbar is themed, and screenshots at 375 and 1400 px", async () => {
  fs.mkdirSync(shots, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    const using = colorScheme === "dark" ? await launch("dark") : browser;
    for (const [width, height] of [[375, 812], [1400, 900]]) {
      const { context, page } = await open(width, height, using);
      assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), colorScheme === "dark");
      // Below 1100 px the button opens the note in place; above, the link targets the margin note.
      const button = (await page.$$(width < 1100 ? ".noteref button" : ".briefing .noteref a"))[12];
      await button.evaluate((b) => { b.scrollIntoView({ block: "center" }); });
      await button.click();
      if (width < 1100) {
        const color = await page.evaluate(() => getComputedStyle(document.querySelector(".note:popover-open")).scrollbarColor);
        assert.notEqual(color, "auto", "scrollbar-color is set");
      } else {
        assertMarginNotes(assert, await page.evaluate(marginLayout));
      }
      await page.screenshot({ path: path.join(shots, `firefox-note-${width}-${colorScheme}.png`) });
      await context.close();
    }
    if (using !== browser) await using.close();
  }
});

test("Firefox at 1400 px: every note in the margin beside its reference, none overlapping, Enter on a reference targets it; at 375 px popovers", async () => {
  const { context, page } = await open(1400, 900);
  assertMarginNotes(assert, await page.evaluate(marginLayout));
  const link = (await page.$$(".briefing .noteref a"))[20];
  const id = (await link.evaluate((a) => a.getAttribute("href"))).slice(1);
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => document.getElementById(id).matches(":target"), {}, id);
  assert.equal(await page.evaluate((id) => getComputedStyle(document.querySelector(`#${id} .quotes`)).display, id), "block", "the targeted note shows its quotes");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate((id) => document.getElementById(id).contains(document.activeElement), id), true, "Tab moves into the note");
  assertMarginNotes(assert, await page.evaluate(marginLayout));
  // Print is checked in Chromium: WebDriver BiDi cannot emulate print media.
  await context.close();
  const narrow = await open(375, 812);
  const layout = await narrow.page.evaluate(marginLayout);
  assert.equal(layout.links, 0);
  assert.ok(layout.notes.every((n) => n.position === "static"), "closed notes are endnotes");
  await (await narrow.page.$$(".noteref button"))[3].click();
  assert.equal(await isOpen(narrow.page), 1, "a reference opens its popover");
  await narrow.context.close();
});
