// Times typed in the site's zone become instants with that zone's offset, across its changes of clocks.

import assert from "node:assert/strict";
import { test } from "node:test";
import { fromSiteWallTime, toSiteWallTime } from "../src/session";

test("a wall time in the site's zone gets that zone's offset in winter and in summer", () => {
  assert.equal(fromSiteWallTime("Europe/Belgrade", "2026-12-09T08:00"), "2026-12-09T08:00:00+01:00");
  assert.equal(fromSiteWallTime("Europe/Belgrade", "2026-07-09T08:00"), "2026-07-09T08:00:00+02:00");
  assert.equal(fromSiteWallTime("America/New_York", "2026-12-09T08:30"), "2026-12-09T08:30:00-05:00");
  assert.equal(fromSiteWallTime("Asia/Kolkata", "2026-12-09T08:30"), "2026-12-09T08:30:00+05:30");
  assert.equal(fromSiteWallTime("UTC", "2026-12-09T08:30"), "2026-12-09T08:30:00+00:00");
});

test("an instant shown as the site's wall time and back is the same instant", () => {
  // Around both changes of clocks (not in the hour that repeats in October, whose wall times name two instants).
  for (const iso of ["2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-10-25T02:30:00Z", "2026-12-31T23:59:00Z"]) {
    const wall = toSiteWallTime("Europe/Belgrade", new Date(iso));
    assert.equal(new Date(fromSiteWallTime("Europe/Belgrade", wall)).toISOString(), new Date(iso).toISOString(), `${iso} → ${wall}`);
  }
});
