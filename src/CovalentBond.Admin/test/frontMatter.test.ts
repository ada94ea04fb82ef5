// The form's front matter editing: what it reads, and that it rewrites only the lines of the fields it changes.

import assert from "node:assert/strict";
import { test } from "node:test";
import { getField, join, scalar, setField, slugOf, split, withDraft } from "../src/frontMatter";

const post = `---
title: "Bridges: the long wait"
# kept: a comment the form does not show
date: 2025-06-01T08:00:00+02:00
tags: [Serbia, "Roads, rails", Europe]
aliases:
  - /old/bridges/
  - /2025/06/bridges.html
custom: { a: 1 }
---
Body line one.
---
Not front matter.
`;

test("split and join give back the file byte for byte", () => {
  const parts = split(post)!;
  assert.equal(join(parts.header, parts.body), post);
  assert.equal(parts.bodyLine, 11);
  assert.ok(parts.body.startsWith("Body line one.\n---\n"));
});

test("fields are read from plain, quoted, inline-list and block-list values", () => {
  const { header } = split(post)!;
  assert.equal(getField(header, "title"), "Bridges: the long wait");
  assert.equal(getField(header, "date"), "2025-06-01T08:00:00+02:00");
  assert.deepEqual(getField(header, "tags"), ["Serbia", "Roads, rails", "Europe"]);
  assert.deepEqual(getField(header, "aliases"), ["/old/bridges/", "/2025/06/bridges.html"]);
  assert.equal(getField(header, "subtitle"), undefined);
});

test("setting a field rewrites its lines only: comments, unknown fields and order stay", () => {
  const { header, body } = split(post)!;
  const changed = setField(setField(header, "tags", ["Serbia", "Bridges"]), "aliases", ["/old/bridges/"]);
  const file = join(changed, body);
  assert.ok(file.includes("# kept: a comment the form does not show\n"));
  assert.ok(file.includes("custom: { a: 1 }\n"));
  assert.ok(file.includes("tags: [Serbia, Bridges]\naliases: [/old/bridges/]\ncustom:"));
  assert.ok(!file.includes("/2025/06/bridges.html"));
  assert.equal(getField(split(file)!.header, "title"), "Bridges: the long wait");
});

test("a new field is appended, an emptied one taken out", () => {
  const { header } = split(post)!;
  const added = setField(header, "subtitle", "Two years on");
  assert.ok(added.endsWith("subtitle: Two years on\n"));
  const removed = setField(added, "subtitle", "  ");
  assert.equal(removed, header);
});

test("text that YAML would read otherwise is quoted, and reads back the same", () => {
  for (const text of ["Bridges: the long wait", "true", "no", "#1 story", "- a list?", "[not a list]", "Plain title", "It's 9 o'clock", 'He said "no"', "a # b"]) {
    const header = setField("", "title", text);
    assert.equal(getField(header, "title"), text, `${text} → ${header}`);
  }
  assert.equal(scalar("Plain title"), "Plain title");
  assert.equal(scalar("true"), '"true"');
});

test("the draft flag is a YAML boolean, added and taken out in any front matter", () => {
  const drafted = withDraft(post, true);
  assert.ok(drafted.includes("\ndraft: true\n---\n"));
  assert.equal(withDraft(drafted, false), post);
  assert.equal(withDraft('+++\ntitle = "A"\ndraft = true\n+++\nBody\n', false), '+++\ntitle = "A"\n+++\nBody\n');
  assert.equal(withDraft('{\n"title": "A",\n"draft": true,\n"date": "2025-01-01"\n}\nBody\n', false), '{\n"title": "A",\n"date": "2025-01-01"\n}\nBody\n');
});

test("slugs from titles", () => {
  assert.equal(slugOf("Night trams return to Belgrade"), "night-trams-return-to-belgrade");
  assert.equal(slugOf("  Über die Straße — 2026!  "), "uber-die-strasse-2026");
  assert.equal(slugOf("¿?"), "");
});

test("TOML and JSON front matter are not split for the form", () => {
  assert.equal(split('+++\ntitle = "A"\n+++\nBody\n'), null);
  assert.equal(split("No front matter\n"), null);
  assert.equal(split("---\ntitle: never closed\n"), null);
});
