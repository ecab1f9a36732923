// The vendored third-party code inlined into the page is exactly the code of the
// package version the lockfile pins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

test("static/vendor/xz-decompress.min.js is the locked npm package's file", () => {
  const vendored = readFileSync(new URL("../../../static/vendor/xz-decompress.min.js", import.meta.url));
  const locked = readFileSync(new URL("../node_modules/xz-decompress/dist/package/xz-decompress.min.js", import.meta.url));
  assert.ok(vendored.equals(locked), "re-copy it from node_modules after changing the version");
});
