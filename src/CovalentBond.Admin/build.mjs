// Builds /admin into dist/: the app type-checked by tsc and bundled and minified by esbuild, its page and styles, and the interface's words
// taken from the default theme's language files (the admin_* keys of strings.{lang}.json).
//   node src/CovalentBond.Admin/build.mjs            (scripts/dev.sh and scripts/test.sh run it)
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
const themeStrings = join(here, "..", "CovalentBond.Publishing", "Theme", "Default");
// esbuild strips types without checking them: the TypeScript compiler checks them first (strict), and a type error
// stops the build.
try {
  execFileSync(join(here, "..", "..", "node_modules", ".bin", "tsc"), ["-p", join(here, "tsconfig.json")], { stdio: "inherit" });
} catch {
  console.error("admin: type errors (above); nothing built");
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(here, "src", "main.ts")],
  outdir: out,
  entryNames: "admin",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});

copyFileSync(join(here, "index.html"), join(out, "index.html"));
copyFileSync(join(here, "admin.css"), join(out, "admin.css"));
let languages = 0;
for (const file of readdirSync(themeStrings).filter((f) => /^strings\.[a-z]{2,3}\.json$/.test(f))) {
  const all = JSON.parse(readFileSync(join(themeStrings, file), "utf8"));
  const admin = Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith("admin_")));
  if (Object.keys(admin).length > 0) {
    writeFileSync(join(out, file), JSON.stringify(admin));
    languages++;
  }
}
const scripts = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith(".js"));
console.log(`admin: ${scripts.map(([name, o]) => `${name.slice(name.indexOf("dist/"))} ${(o.bytes / 1024).toFixed(0)} KiB`).join(", ")} (minified); ${languages} languages`);
