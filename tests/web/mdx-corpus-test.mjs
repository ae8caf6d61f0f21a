// The generated hostile corpus (hostile-corpus.mjs) through errspec's markdown target, and the page
// compiled and walked as MDX and as CommonMark with GFM (mdx-tree.mjs): no spec text may become
// an MDX expression, JSX, ESM, raw HTML, an image, a reference or footnote, or a link to anywhere
// but where an author's Markdown link pointed; no function or tag a text names may reach the
// compiled JavaScript; and every code span and code block of the corpus must still show its code.
//
// Usage: node mdx-corpus-test.mjs ERRSPEC_BINARY WORK_DIR
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectedCodes, hostileSpec, isAuthorLink } from "./hostile-corpus.mjs";
import { inspectPage } from "./mdx-tree.mjs";

const [errspec, work] = process.argv.slice(2);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const spec = join(work, "corpus.yaml");
writeFileSync(spec, JSON.stringify(hostileSpec(), null, 1) + "\n");
execFileSync(errspec, ["generate", spec, "-o", work, "--target", "markdown"], { stdio: ["ignore", "ignore", "inherit"] });
const page = readFileSync(join(work, "corpus-errors.md"), "utf8");

const { found, codes } = await inspectPage(page, {
  isAllowedLink: isAuthorLink,
  isForbiddenName: (name) => /pwned/i.test(name),
});
for (const code of expectedCodes()) {
  if (!codes.has(code)) found.push(`no code span or block shows ${JSON.stringify(code)}`);
}
for (const finding of found.slice(0, 50)) console.log(`FAIL ${finding}`);
console.log(`${page.length} bytes of Markdown, ${found.length} findings`);
process.exit(found.length === 0 ? 0 : 1);
