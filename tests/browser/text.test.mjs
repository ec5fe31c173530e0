// The built briefing in text browsers: lynx and w3m (Debian's packages, which
// scripts/test installs). Each reference prints its number once, and the
// corroboration table keeps one mark per column when lynx flattens it.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { site } from "./serve.mjs";

const index = path.join(site, "index.html");
const dump = (cmd, args, lang = "C.UTF-8") =>
  execFileSync(cmd, [...args, index], { encoding: "utf8", env: { ...process.env, LANG: lang, LC_ALL: lang, TERM: "dumb" } });

/** References whose number is printed twice (`^1 (BUTTON) Note 1`, `^1(1)`, `^1Note 1`). */
function doubled(text) {
  return [...text.matchAll(/\^(\d+)([^\n]{0,24})/g)]
    .filter(([, n, after]) => new RegExp(`^\\s*(\\(BUTTON\\)\\s*)?(Note\\s*${n}\\b|\\(${n}\\)|${n}\\b)`).test(after))
    .map(([m]) => m);
}

test("lynx and w3m print each reference's number once", () => {
  assert.ok(fs.existsSync(index), `no site at ${site}`);
  const lynx = dump("lynx", ["-dump", "-nolist", "-width=80"]);
  const w3m = dump("w3m", ["-dump", "-cols", "80", "-T", "text/html"]);
  for (const [name, text] of [["lynx", lynx], ["w3m", w3m]]) {
    const refs = text.match(/\^\d+/g) ?? [];
    assert.ok(refs.length > 40, `${name}: only ${refs.length} references`);
    assert.deepEqual(doubled(text), [], `${name} prints these references twice`);
  }
  // Under LANG=C nothing prints as `^?` (a character the terminal lacks).
  assert.equal(dump("lynx", ["-dump", "-nolist"], "C").includes("^?"), false);
});

test("lynx keeps one mark per source column in every row of the flattened corroboration table", () => {
  const text = dump("lynx", ["-dump", "-nolist", "-width=80"]);
  const html = fs.readFileSync(index, "utf8");
  const table = html.slice(html.indexOf('<section class="matrix"'), html.indexOf("</table>"));
  const columns = (table.match(/<th scope="col">/g) ?? []).length - 1;
  const rows = (table.match(/<tr class=/g) ?? []).length;
  assert.ok(columns > 1 && rows > 10, `${columns} columns, ${rows} rows`);
  const section = text.slice(text.indexOf("Corroboration"), text.indexOf("Source documents"));
  // Each row in lynx: "N. label … ✓ – ✗ …", possibly wrapped: cut at the row numbers, in order.
  const flat = section.replace(/\s+/g, " ");
  const starts = [];
  for (let n = 1, at = 0; n <= rows; n += 1) {
    at = flat.indexOf(` ${n}. `, at);
    assert.ok(at >= 0, `row ${n} is not printed`);
    starts.push(at);
  }
  const marks = starts.map((at, i) => [i + 1, (flat.slice(at, starts[i + 1]).match(/(?<= )[✓✗–](?= |$)/g) ?? []).length]);
  assert.deepEqual(marks.filter(([, count]) => count !== columns), [], `rows without ${columns} marks`);
});
