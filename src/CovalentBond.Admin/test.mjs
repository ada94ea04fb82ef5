// The editor's unit tests (test/*.test.ts, node:test): bundled by esbuild for Node, then run. scripts/test.sh runs it.
//   node src/CovalentBond.Admin/test.mjs
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(join(tmpdir(), "covalent-admin-tests-"));
const tests = readdirSync(join(here, "test")).filter((f) => f.endsWith(".test.ts"));
await build({
  entryPoints: tests.map((f) => join(here, "test", f)),
  outdir: out,
  bundle: true,
  platform: "node",
  format: "esm",
  outExtension: { ".js": ".mjs" },
  logLevel: "warning",
});
const run = spawnSync(process.execPath, ["--test", ...tests.map((f) => join(out, f.replace(/\.ts$/, ".mjs")))], { stdio: "inherit", env: { ...process.env, TZ: "UTC" } });
rmSync(out, { recursive: true, force: true });
process.exit(run.status ?? 1);
