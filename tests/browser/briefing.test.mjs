// Real-browser tests of the built briefing, run by scripts/test:
//
//   node --test tests/browser/
//
// The site (SOURCED_SITE, default ../../public) is served on 127.0.0.1 under
// /briefing/, as GitHub project pages serve it, and driven in Debian's
// Chromium with playwright-core. Requests to any other host are blocked and
// recorded, and the suite fails if there was one.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serveSite, site, shots, PREFIX, orphanReferences, marginLayout, assertMarginNotes } from "./serve.mjs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let base;
let browser;
const outside = [];

const pages = () => [
  "index.html",
  ...fs.readdirSync(path.join(site, "sources")).filter((f) => f.endsWith(".html")).sort().map((f) => `sources/${f}`),
];

before(async () => {
  assert.ok(fs.existsSync(path.join(site, "index.html")), `no site at ${site}: run \`cargo run --release -- build\` first`);
  ({ server, base } = await serveSite(site));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  assert.deepEqual(outside, [], "requests left 127.0.0.1");
});

/** A fresh page whose requests may only go to 127.0.0.1. */
async function open(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, ...options });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  return { context, page };
}

function inViewport(box, viewport) {
  return box && box.y >= 0 && box.y + Math.min(box.height, 40) <= viewport.height && box.x >= 0 && box.x < viewport.width;
}

for (const javaScriptEnabled of [true, false]) {
  test(`clicking a reference opens its note beside it, and Esc closes it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { context, page } = await open({ javaScriptEnabled });
    await page.goto(base + "index.html");
    // A reference well down the page, so that a jump to the endnotes would show.
    const button = page.locator(".noteref button").nth(20);
    const target = await button.getAttribute("popovertarget");
    await button.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    await button.click();
    const note = page.locator(`#${target}`);
    await page.waitForFunction((id) => document.getElementById(id).matches(":popover-open"), target, { timeout: 5000 });
    const quote = note.locator("q").first();
    assert.ok(await quote.isVisible(), "the note's quote is visible");
    const viewport = page.viewportSize();
    const [qBox, bBox] = [await quote.boundingBox(), await button.boundingBox()];
    assert.ok(inViewport(qBox, viewport), `quote in view: ${JSON.stringify(qBox)}`);
    assert.ok(Math.abs(qBox.y - (bBox.y + bBox.height)) < 200 || Math.abs(bBox.y - (qBox.y + qBox.height)) < 320, "the note opens next to its reference");
    assert.equal(await page.evaluate(() => window.scrollY), before, "the page did not scroll");
    assert.equal(new URL(page.url()).hash, "", "the address did not change");
    await page.keyboard.press("Escape");
    assert.equal(await note.evaluate((el) => el.matches(":popover-open")), false, "Esc closes the note");
    // Enter on a focused reference opens it too; a click outside closes it.
    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await note.evaluate((el) => el.matches(":popover-open")), true, "Enter opens the note");
    await page.mouse.click(5, 5);
    assert.equal(await note.evaluate((el) => el.matches(":popover-open")), false, "a click outside closes the note");
    await context.close();
  });
}

test("hovering previews a note; a click then Esc closes it for good", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const button = page.locator(".noteref button").nth(5);
  const note = page.locator(`#${await button.getAttribute("popovertarget")}`);
  const isOpen = () => note.evaluate((el) => el.matches(":popover-open"));
  await button.scrollIntoViewIfNeeded();
  await button.hover();
  await page.waitForTimeout(600);
  assert.equal(await isOpen(), true, "hovering opens the preview");
  await page.mouse.move(2, 2);
  await page.waitForTimeout(600);
  assert.equal(await isOpen(), false, "leaving closes it");
  // Hover, click at once, Esc: the pending hover must not reopen the note.
  await button.hover();
  await button.click();
  await page.keyboard.press("Escape");
  await page.waitForTimeout(600);
  assert.equal(await isOpen(), false, "a closed note stays closed");
  await context.close();
});

test("a note's source link opens the source with the quote highlighted and in view; its backlink returns to the claim", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const button = page.locator(".noteref button").first();
  const target = await button.getAttribute("popovertarget");
  await button.click();
  const link = page.locator(`#${target} .quotes a[href^="sources/"]`).first();
  const href = await link.getAttribute("href");
  const anchor = href.split("#")[1];
  await link.click();
  await page.waitForURL(`**/sources/**#${anchor}`);
  const mark = page.locator(`[id="${anchor}"]`);
  assert.equal(await mark.evaluate((el) => el.tagName), "MARK");
  assert.equal(await mark.evaluate((el) => el.matches(":target")), true);
  const highlight = await mark.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(highlight, "none", "the quote reached by the link is highlighted");
  assert.ok(inViewport(await mark.boundingBox(), page.viewportSize()), "the quote is in view");
  // The back-reference after the quote returns to the note with the claim.
  const number = target.replace("note-", "");
  const back = page.locator(`.backref a[href="../index.html#note-${number}"]`).first();
  await back.click();
  await page.waitForURL(`**/index.html#note-${number}`);
  const note = page.locator(`#note-${number}`);
  assert.equal(await note.evaluate((el) => el.matches(":target")), true);
  assert.ok(await note.locator(".claim").isVisible());
  assert.ok(inViewport(await note.boundingBox(), page.viewportSize()), "the claim is in view");
  await context.close();
});

test("axe-core finds no WCAG 2.1 A/AA or best-practice violations on any page, light or dark", async () => {
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open({ colorScheme });
    for (const name of pages()) {
      await page.goto(base + name);
      await page.addScriptTag({ content: axeSource });
      const states = name === "index.html" ? ["closed", "open"] : ["closed"];
      for (const state of states) {
        if (state === "open") await page.locator(".noteref button").first().click();
        const result = await page.evaluate(() =>
          // eslint-disable-next-line no-undef
          axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }),
        );
        const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
        assert.deepEqual(summary, [], `${name} (${colorScheme}, note ${state})`);
      }
    }
    await context.close();
    // Notes in the margin, one of them targeted by its reference.
    const wide = await open({ colorScheme, viewport: { width: 1400, height: 900 } });
    await wide.page.goto(base + "index.html#note-9");
    await wide.page.addScriptTag({ content: axeSource });
    const result = await wide.page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }),
    );
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), [], `index.html at 1400 px (${colorScheme}, margin notes)`);
    await wide.context.close();
  }
});

test("the Nu Html Checker finds no errors on any page", () => {
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  const files = pages().map((p) => path.join(site, p));
  let output;
  try {
    output = execFileSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    // vnu exits 1 when it finds errors and reports them on stderr.
    output = e.stderr || e.stdout;
    if (!output) throw e;
  }
  const messages = output.trim() ? JSON.parse(output.trim().split("\n").pop()).messages : [];
  const errors = messages.filter((m) => m.type === "error").map((m) => `${path.relative(site, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});

test("every internal link and #fragment on every page resolves", async () => {
  const { context, page } = await open();
  const ids = new Map();
  const links = [];
  for (const name of pages()) {
    const response = await page.goto(base + name);
    assert.equal(response.status(), 200, name);
    ids.set(name, new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id))));
    for (const href of await page.$$eval("a[href], link[href], script[src]", (els) => els.map((e) => e.getAttribute("href") ?? e.getAttribute("src")))) {
      links.push({ from: name, href });
    }
  }
  let checked = 0;
  for (const { from, href } of links) {
    const url = new URL(href, base + from);
    if (url.origin !== new URL(base).origin) {
      assert.ok(/^https?:$/.test(url.protocol), `${from}: ${href}`);
      continue; // external links are not followed (the browser would leave 127.0.0.1)
    }
    assert.ok(!href.startsWith("/"), `${from}: ${href} is not relative`);
    const rel = url.pathname.slice(PREFIX.length);
    const response = await page.request.get(url.href.split("#")[0]);
    assert.equal(response.status(), 200, `${from}: ${href}`);
    if (url.hash) {
      assert.ok(ids.get(rel)?.has(decodeURIComponent(url.hash.slice(1))), `${from}: ${href} names a missing id`);
    }
    checked += 1;
  }
  assert.ok(checked > 200, `only ${checked} links`);
  await context.close();
});

test("the page never scrolls sideways, and the matrix scrolls inside its box", async () => {
  for (const width of [320, 375]) {
    const { context, page } = await open({ viewport: { width, height: 800 } });
    for (const name of pages()) {
      await page.goto(base + name);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scrollWidth <= clientWidth, `${name} at ${width}px: ${scrollWidth} > ${clientWidth}`);
    }
    await context.close();
  }
});

test("index.html with its CSS and JavaScript stays under 100 KB", () => {
  const bytes = ["index.html", "style.css", "footnotes.js"].map((f) => fs.statSync(path.join(site, f)).size);
  const total = bytes.reduce((a, b) => a + b, 0);
  assert.ok(total < 100_000, `${total} bytes`);
});

test("screenshots at 375×812 and 1400×900, light and dark", async () => {
  fs.mkdirSync(shots, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    for (const [width, height] of [[375, 812], [1400, 900]]) {
      const { context, page } = await open({ viewport: { width, height }, colorScheme });
      await page.goto(base + "index.html");
      await page.screenshot({ path: path.join(shots, `index-${width}-${colorScheme}.png`) });
      // Below 1100 px the button opens the note in place; above, the link targets the margin note.
      const button = page.locator(width < 1100 ? ".noteref button" : ".briefing .noteref a").nth(12);
      await button.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -200));
      await button.click();
      await page.screenshot({ path: path.join(shots, `note-${width}-${colorScheme}.png`) });
      await page.keyboard.press("Escape");
      await page.locator(".matrix").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `matrix-${width}-${colorScheme}.png`) });
      const first = await page.locator(".quotes a[href^='sources/']").first().getAttribute("href");
      await page.goto(base + first);
      await page.screenshot({ path: path.join(shots, `source-${width}-${colorScheme}.png`) });
      await context.close();
    }
  }
  console.log(`screenshots written to ${shots}`);
  assert.equal(fs.readdirSync(shots).filter((f) => f.endsWith(".png")).length >= 16, true);
});


// Issue 14: reading it anywhere.

test("an open note keeps every endnote's number (list markers read from the accessibility tree)", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const cdp = await context.newCDPSession(page);
  const markers = async () => {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => n.role?.value === "ListMarker").map((n) => n.name?.value?.trim()).filter((m) => /^\d+\.$/.test(m));
  };
  const closed = await markers();
  await page.locator(".noteref button").first().click();
  const opened = await markers();
  const count = await page.locator(".notes li.note").count();
  assert.ok(closed.length >= count, `${closed.length} markers`);
  // With note 1 open, notes 2… keep their own numbers.
  for (let n = 2; n <= count; n += 1) assert.ok(opened.includes(`${n}.`), `marker ${n}. is missing while note 1 is open: ${opened.slice(0, 5)}`);
  await context.close();
});

test("printing with a note open prints it nowhere over the text", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  await page.locator(".noteref button").nth(3).click();
  await page.emulateMedia({ media: "print" });
  const overlap = await page.evaluate(() => {
    const note = document.querySelector(".note:popover-open");
    if (!note) return "closed";
    const a = note.getBoundingClientRect();
    if (a.width === 0 || a.height === 0) return "not shown";
    const h = document.querySelector("h1").getBoundingClientRect();
    return a.left < h.right && h.left < a.right && a.top < h.bottom && h.top < a.bottom ? `over the headline: ${JSON.stringify(a)}` : "beside";
  });
  assert.ok(["closed", "not shown"].includes(overlap), overlap);
  // The script closes it before printing, so that it prints among the notes.
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  assert.equal(await page.locator(".note:popover-open").count(), 0);
  await context.close();
});

test("print shows where sources are: a short address, the local page, and no heading stranded", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  await page.emulateMedia({ media: "print" });
  const after = await page.evaluate(() => [...document.querySelectorAll(".quotes a")].map((a) => getComputedStyle(a, "::after").content));
  const printed = after.filter((c) => c !== "none" && c !== "normal");
  assert.ok(printed.some((c) => c.includes("sources/")), "local source pages print their location");
  assert.ok(printed.length > 0 && printed.every((c) => !c.includes(":~:text=")), "no text fragments printed");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("#notes-heading")).breakAfter), "avoid");
  await context.close();
});

test("a quote that starts with a quotation mark shows one mark, and claims and titles are typographic", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const doubled = await page.evaluate(() =>
    [...document.querySelectorAll(".quotes q")].filter((q) => {
      const open = getComputedStyle(q, "::before").content;
      const close = getComputedStyle(q, "::after").content;
      const text = q.textContent;
      const shown = (c) => c === "open-quote" || c === "close-quote" || /["“”]/.test(c);
      return (shown(open) && /^["“„«‘]/.test(text)) || (shown(close) && /["”»]$/.test(text));
    }).map((q) => q.textContent.slice(0, 30)),
  );
  assert.deepEqual(doubled, []);
  const straight = await page.$$eval(".claim, h1, .summary, .source-list cite, tbody th a", (els) => els.map((e) => e.textContent).filter((t) => /["']/.test(t)));
  assert.deepEqual(straight, []);
  await context.close();
});

test("the matrix caption is whole at 375 px and rows are labelled in words", async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 812 } });
  await page.goto(base + "index.html");
  const [capRight, width] = await page.evaluate(() => [document.querySelector("#matrix-caption").getBoundingClientRect().right, document.documentElement.clientWidth]);
  assert.ok(capRight <= width, `caption ends at ${capRight} > ${width}`);
  const ids = await page.$$eval(".notes li.note", () => []);
  const labels = await page.$$eval("tbody th a", (els) => els.map((e) => e.textContent));
  assert.ok(labels.length > 0);
  for (const label of labels) assert.ok(!/\d \d/.test(label.replace(/^\d+\. /, "")), `label reads like an id: ${label}`);
  assert.deepEqual(ids, []);
  await context.close();
});

test("references are named, expanded state is set, backlinks are doc-backlink, original links say what they open", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const button = page.locator(".noteref button").nth(4);
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  // The script sets the state on the popover's `toggle` event, which the
  // browser fires after the click or key: wait for it, not for a time.
  const expanded = (value) =>
    page.waitForFunction(
      ([i, v]) => document.querySelectorAll(".noteref button")[i].getAttribute("aria-expanded") === v,
      [4, value],
    );
  await button.click();
  await expanded("true");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("Escape");
  await expanded("false");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await page.locator(".backlinks a:not([role=doc-backlink])").count(), 0);
  assert.ok((await page.locator("[role=doc-backlink]").count()) > 0);
  const names = await page.$$eval("a.original", (els) => els.map((e) => e.textContent.trim()));
  assert.ok(names.length > 0);
  assert.equal(names.filter((n) => n === "original").length, 0, "links named just “original”");
  assert.equal(fs.readFileSync(path.join(site, "index.html"), "utf8").includes("\u2060"), false, "no U+2060 (prints as ^? in text browsers)");
  await context.close();
});

test("reference targets are at least 24 px, and a backlink does not put the reference at the window's edge", async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 812 } });
  await page.goto(base + "index.html");
  const boxes = await page.$$eval(".noteref button", (els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
  const small = boxes.filter(([w, h]) => h < 24 || w < 16);
  assert.deepEqual(small, []);
  await page.goto(base + "index.html#ref-5-1");
  const top = await page.evaluate(() => document.getElementById("ref-5-1").getBoundingClientRect().top);
  assert.ok(top > 100, `reference at ${top}px from the top`);
  await context.close();
});

test("at 375 px, Tab past an open note closes it, so the next reference is never hidden (WCAG 2.4.11)", async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 812 } });
  await page.goto(base + "index.html");
  const first = page.locator(".noteref button").nth(1);
  await first.scrollIntoViewIfNeeded();
  await first.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".note:popover-open").count(), 1);
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    const onRef = await page.evaluate(() => document.activeElement.matches(".noteref button"));
    if (onRef) break;
  }
  const hidden = await page.evaluate(() => {
    const b = document.activeElement.getBoundingClientRect();
    return [...document.querySelectorAll(".note:popover-open")].some((n) => {
      const a = n.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    });
  });
  assert.equal(hidden, false, "the focused reference is under an open note");
  await context.close();
});

test("a note's scrollbar follows the theme", async () => {
  const { context, page } = await open({ colorScheme: "dark" });
  await page.goto(base + "index.html");
  await page.locator(".noteref button").first().click();
  const color = await page.evaluate(() => getComputedStyle(document.querySelector(".note:popover-open")).scrollbarColor);
  assert.notEqual(color, "auto");
  await context.close();
});

test("trust at a glance: single-source and disputed references carry a mark, explained once, spoken as words", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const disputed = page.locator(".noteref.d button").first();
  const single = page.locator(".noteref.s button").first();
  const plain = page.locator(".noteref:not(.s):not(.d) button").first();
  const mark = (l) => l.evaluate((b) => getComputedStyle(b, "::after").content);
  assert.match(await mark(disputed), /≠/);
  assert.match(await mark(single), /◦/);
  assert.equal(await mark(plain), "none");
  // The status matches the note's.
  const target = await disputed.getAttribute("popovertarget");
  assert.equal(await page.locator(`#${target}`).evaluate((n) => n.classList.contains("disputed")), true);
  const legend = await page.locator(".legend").textContent();
  assert.match(legend, /◦.*single origin/);
  assert.match(legend, /≠.*sources differ/);
  assert.equal(await page.locator(".legend").count(), 1);
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  // Chromium joins generated alternative text with a space ("Note 9 , disputed"): read the same.
  const names = nodes.filter((n) => n.role?.value === "button").map((n) => n.name?.value.replace(/ ,/g, ","));
  const number = target.replace("note-", "");
  assert.ok(names.includes(`Note ${number}, disputed`), `screen readers hear: ${names.slice(0, 8).join(" | ")}`);
  assert.ok(names.some((n) => /^Note \d+, single origin$/.test(n)), `screen readers hear: ${names.slice(0, 8).join(" | ")}`);
  await context.close();
});

test("references written side by side appear in numeric order, each a separate target", async () => {
  const { context, page } = await open();
  await page.goto(base + "index.html");
  const [groups, gaps] = await page.$$eval(".briefing sup.noteref", (sups) => {
    const out = [];
    const gaps = [];
    const box = (sup) => sup.querySelector(".noteref button").getBoundingClientRect();
    for (const sup of sups) {
      const number = Number(sup.querySelector("a").textContent);
      const prev = sup.previousSibling;
      if (prev && prev.nodeType === 1 && prev.matches("sup.noteref")) {
        out[out.length - 1].push(number);
        if (box(sup).top === box(prev).top) gaps.push(box(sup).left - box(prev).right);
      } else out.push([number]);
    }
    return [out.filter((g) => g.length > 1), gaps];
  });
  assert.ok(groups.length > 0, "the briefing has grouped references");
  for (const g of groups) assert.deepEqual(g, [...g].sort((a, b) => a - b), `group ${g.join(" ")}`);
  // Side by side, the targets do not overlap.
  assert.ok(gaps.every((g) => g >= 0), `overlapping targets: ${gaps}`);
  await context.close();
});

test("at 375 px a reference never starts a line: it stays beside the word before it", async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 812 } });
  await page.goto(base + "index.html");
  assert.deepEqual(await page.evaluate(orphanReferences), []);
  await context.close();
});

test("at 1400 px every note sits in the margin beside its reference, none overlapping; the reference targets it, by mouse and keyboard", async () => {
  const { context, page } = await open({ viewport: { width: 1400, height: 900 } });
  await page.goto(base + "index.html");
  assertMarginNotes(assert, await page.evaluate(marginLayout));
  // The visible reference is the link, so screen readers hear a note reference (doc-noteref).
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const noterefs = nodes.filter((n) => !n.ignored && n.role?.value === "doc-noteref").length;
  assert.equal(noterefs, await page.locator(".briefing sup.noteref").count(), "every reference is a doc-noteref");
  // Enter on a reference targets its note, which shows its quotes and takes
  // the next Tab; the notes below it move down and still do not overlap.
  const link = page.locator(".briefing .noteref a").nth(20);
  const id = (await link.getAttribute("href")).slice(1);
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => document.getElementById(id).matches(":target"), id);
  const note = page.locator(`#${id}`);
  assert.ok(await note.locator(".quotes").isVisible(), "the targeted note shows its quotes");
  assert.ok(inViewport(await note.boundingBox(), page.viewportSize()), "the targeted note is in view");
  assert.notEqual(await note.evaluate((n) => getComputedStyle(n).outlineStyle), "none", "the targeted note is highlighted");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate((id) => document.getElementById(id).contains(document.activeElement), id), true, "Tab moves into the note");
  assertMarginNotes(assert, await page.evaluate(marginLayout));
  // Print: endnotes again.
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(marginLayout);
  assert.ok(printed.notes.every((n) => n.position === "static" && n.display === "list-item"), "print shows endnotes");
  await context.close();
});

test("at 375 px the notes stay popovers: the reference is a button that opens its note in place", async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 812 } });
  await page.goto(base + "index.html");
  const layout = await page.evaluate(marginLayout);
  assert.equal(layout.links, 0);
  assert.ok(layout.buttons > 0);
  assert.ok(layout.notes.every((n) => n.position === "static"), "closed notes are endnotes");
  const button = page.locator(".noteref button").nth(3);
  await button.click();
  const id = await button.getAttribute("popovertarget");
  assert.equal(await page.locator(`#${id}`).evaluate((n) => n.matches(":popover-open") && getComputedStyle(n).position === "fixed"), true);
  // Widened to margin notes, the open note closes and joins the others (footnotes.js).
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForFunction(() => document.querySelectorAll(".note:popover-open").length === 0);
  assertMarginNotes(assert, await page.evaluate(marginLayout));
  await context.close();
});
