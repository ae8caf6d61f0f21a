// Compiles each generated Markdown page as MDX and as CommonMark with GFM (mdx-tree.mjs) and walks
// what each made of it: no import/export, {expression}, JSX but the pages' own code anchors, raw
// HTML or image, and links only to the web, to mail or within the page. A spec text that MDX took
// for any of those would fail the compile, or worse, run or vanish on a docs site.
//
// Usage: node mdx-test.mjs PAGES_DIR (every .md file under it)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inspectPage, isSafeLink } from "./mdx-tree.mjs";

let passed = 0;
let failed = 0;
const pages = readdirSync(process.argv[2], { recursive: true }).filter((name) => name.endsWith(".md"));
for (const file of pages.map((name) => join(process.argv[2], name))) {
  const { found } = await inspectPage(readFileSync(file, "utf8"), { isAllowedLink: isSafeLink });
  if (found.length === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${file}: ${found.join("; ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
