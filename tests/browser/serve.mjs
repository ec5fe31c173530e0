// Serves a built site on 127.0.0.1 under /briefing/, as GitHub project pages
// serve it, for the browser tests (anything outside the site is a 404), and
// checks shared by the Chromium and Firefox tests.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built site (SOURCED_SITE) and the folder for screenshots (SOURCED_SCREENSHOTS). */
export const site = path.resolve(process.env.SOURCED_SITE ?? path.join(here, "../../public"));
export const shots = path.resolve(process.env.SOURCED_SCREENSHOTS ?? path.join(here, "../../target/screenshots"));

export const PREFIX = "/briefing/";
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json" };

/** Starts the server; resolves to `{ server, base }`, `base` ending in PREFIX. */
export async function serveSite(site) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || "index.html";
    const file = path.join(site, rel);
    if (!url.pathname.startsWith(PREFIX) || !file.startsWith(site + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}${PREFIX}` };
}

/** Ids of references that start a line, away from the word before them (run in the page). */
export function orphanReferences() {
  return [...document.querySelectorAll(".briefing sup.noteref")].flatMap((sup) => {
    const prev = sup.previousSibling;
    if (!prev || prev.nodeType !== 3 || prev.data.length === 0 || /\s$/.test(prev.data)) return [];
    const range = document.createRange();
    range.setStart(prev, prev.data.length - 1);
    range.setEnd(prev, prev.data.length);
    const word = range.getBoundingClientRect();
    const ref = (sup.querySelector("button") ?? sup).getBoundingClientRect();
    return ref.left < word.left ? [sup.id] : [];
  });
}

/** Where every endnote sits, beside the first use of its reference (run in the page). */
export function marginLayout() {
  const text = document.querySelector(".briefing").getBoundingClientRect();
  const notes = [...document.querySelectorAll(".notes li.note")].map((note) => {
    const box = note.getBoundingClientRect();
    const ref = document.querySelector(`.briefing sup.noteref a[href="#${note.id}"]`).getBoundingClientRect();
    const style = getComputedStyle(note);
    return { id: note.id, top: box.top, bottom: box.bottom, left: box.left, right: box.right, refTop: ref.top, position: style.position, display: style.display };
  });
  const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getBoundingClientRect().width > 0).length;
  return {
    notes,
    textRight: text.right,
    clientWidth: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    links: shown(".briefing sup.noteref a"),
    buttons: shown(".briefing sup.noteref button"),
    // Out of sight is fine; out of the accessibility tree (display: none) is not.
    undisplayed: [...document.querySelectorAll(".notes h2, .notes .note *")].filter((e) => getComputedStyle(e).display === "none").length,
  };
}

/** The checks on `marginLayout()` at 1400 px, shared by Chromium and Firefox. */
export function assertMarginNotes(assert, layout) {
  const { notes } = layout;
  assert.ok(notes.length > 10, `${notes.length} notes`);
  assert.ok(layout.scrollWidth <= layout.clientWidth, `sideways scroll: ${layout.scrollWidth} > ${layout.clientWidth}`);
  assert.equal(layout.buttons, 0, "no popover buttons in margin mode");
  assert.ok(layout.links > 0, "the references are links to the margin notes");
  assert.equal(layout.undisplayed, 0, "parts of the notes are hidden from screen readers");
  for (const n of notes) {
    assert.equal(n.position, "absolute", `${n.id} is not in the margin`);
    assert.ok(n.bottom - n.top > 10, `${n.id} is not shown`);
    assert.ok(n.left >= layout.textRight && n.right <= layout.clientWidth, `${n.id} (${n.left}–${n.right}) is not in the margin right of ${layout.textRight}`);
    // Beside its reference: never above it, and at most half a window below.
    const offset = n.top - n.refTop;
    assert.ok(offset >= -2 && offset < 450, `${n.id} is ${offset}px from its reference`);
  }
  for (const a of notes) {
    for (const b of notes) {
      if (a !== b) assert.ok(a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left, `${a.id} overlaps ${b.id}`);
    }
  }
}
