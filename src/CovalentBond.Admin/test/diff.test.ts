// The side-by-side differences the history and the conflict dialog show.

import assert from "node:assert/strict";
import { test } from "node:test";
import { diffRows } from "../src/diff";

test("a changed line is one row; added and removed lines stand on their side", () => {
  const rows = diffRows("a\nb\nc\nd", "a\nB\nc\nd\ne");
  assert.deepEqual(rows.filter((r) => r.kind !== "same"), [
    { left: "b", right: "B", kind: "changed" },
    { right: "e", kind: "added" },
  ]);
  assert.deepEqual(diffRows("x\ny", "y").filter((r) => r.kind !== "same"), [{ left: "x", kind: "removed" }]);
});

test("the same text has no differences", () => {
  assert.ok(diffRows("one\ntwo\n", "one\ntwo\n").every((r) => r.kind === "same"));
});
