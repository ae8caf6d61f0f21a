// Compiles each generated Markdown page as MDX and as CommonMark with GFM (mdx-tree.mjs) and walks
// what each made of it: no import/export, {expression}, JSX but the pages' own code anchors, raw
// HTML or image, and links only to the web, to mail or within the page. A spec text that MDX took
// for any of those would fail the compile, or worse, run or vanish on a docs site.
//
// A page that opens with front matter has it read first, as Docusaurus (gray-matter), Nextra and
// MkDocs read it, with a YAML 1.2 reader (js-yaml), and the rest compiled. The front matter that
// `generate --front-matter` writes (the pages under front-matter/) must read as errspec meant it:
// title, description and slug, each a string on one line, the slug the page's file name.
//
// Usage: node mdx-test.mjs PAGES_DIR (every .md file under it)
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import yaml from "js-yaml";
import { inspectPage, isSafeLink } from "./mdx-tree.mjs";

// The front matter's values and the page after it; problems go to `found`.
function splitFrontMatter(source, found) {
  if (!source.startsWith("---\n")) return { values: null, body: source };
  const end = source.indexOf("\n---\n", 3);
  if (end < 0) {
    found.push("front matter without its closing ---");
    return { values: null, body: source };
  }
  let values = null;
  try {
    values = yaml.load(source.slice(4, end));
  } catch (error) {
    found.push(`front matter: ${error.message}`);
  }
  if (values === null || typeof values !== "object" || Array.isArray(values)) found.push("front matter is no map");
  return { values, body: source.slice(end + 5) };
}

function builtInFrontMatterFindings(file, values, found) {
  const keys = Object.keys(values ?? {});
  if (!["title", "slug"].every((key) => keys.includes(key))) found.push("front matter without a title or slug");
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!["title", "description", "slug"].includes(key)) found.push(`front matter key ${key}`);
    const oneLine = key === "title" || !/[\r\n]/.test(value);  // a spec's name may hold a line break
    if (typeof value !== "string" || !oneLine) found.push(`front matter ${key}: ${JSON.stringify(value)}`);
  }
  if (values?.slug !== basename(file, ".md")) found.push(`slug ${JSON.stringify(values?.slug)} is not the file's name`);
  if (!values?.title?.endsWith(" error reference")) found.push(`title ${JSON.stringify(values?.title)}`);
}

let passed = 0;
let failed = 0;
const pages = readdirSync(process.argv[2], { recursive: true }).filter((name) => name.endsWith(".md"));
for (const name of pages) {
  const file = join(process.argv[2], name);
  const frontMatterFound = [];
  const { values, body } = splitFrontMatter(readFileSync(file, "utf8"), frontMatterFound);
  if (basename(dirname(name)) === "front-matter") builtInFrontMatterFindings(file, values, frontMatterFound);
  const { found } = await inspectPage(body, { isAllowedLink: isSafeLink });
  found.push(...frontMatterFound);
  if (found.length === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${file}: ${found.join("; ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
