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
    const ref = (sup.querySelector(".ref-button") ?? sup).getBoundingClientRect();
    return ref.left < word.left ? [sup.id] : [];
  });
}
