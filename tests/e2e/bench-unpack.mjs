// What each wasm module of the built page costs to unpack (base64 + gzip through
// DecompressionStream, as static/boot.js does) and compile, as process CPU time (all threads), which a
// loaded machine disturbs less than wall time. A benchmark, never a test:
//   cargo xtask dist && node tests/e2e/bench-unpack.mjs
// The page pays for the app's module at every start and for the XLSX writer's
// only on the first export to Excel (static/boot.js).
import { readFileSync } from "node:fs";
import { PAGE } from "./lib/browser.mjs";

const html = readFileSync(PAGE, "utf8");
const packed = (id) => html.match(new RegExp(`<script type="application/octet-stream" id="${id}">([^<]*)</script>`))[1];
const modules = { "app (at every start)": packed("gapcast-wasm"), "XLSX writer (on the first Excel export)": packed("gapcast-xlsx-wasm") };
const cpu = Object.fromEntries(Object.keys(modules).map((k) => [k, []]));
const RUNS = Number(process.env.RUNS ?? 12);
for (let i = 0; i < RUNS; i++) {
  for (const [name, text] of Object.entries(modules)) {
    const before = process.cpuUsage();
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const wasm = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    await WebAssembly.compile(wasm);
    const used = process.cpuUsage(before);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(cpu)) {
  console.log(`${name}: unpack + compile, CPU median ${median(xs).toFixed(0)} ms of ${xs.length} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`);
}
