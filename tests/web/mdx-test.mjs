// Compiles each generated Markdown page as MDX (@mdx-js/mdx with remark-gfm, as Docusaurus and
// Mintlify read it) and checks what MDX made of it: no import/export, no {expression} and no JSX
// but the pages' own code anchors (<a id="..."></a>). A spec text that MDX took for any of those
// would fail the compile, or worse, run or vanish on a docs site.
//
// Usage: node mdx-test.mjs PAGES_DIR (every .md file under it)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";

function isCodeAnchor(node) {
  return node.name === "a" && node.children.length === 0 && node.attributes.length === 1 &&
         node.attributes[0].name === "id" && /^[A-Za-z][A-Za-z0-9_-]*$/.test(node.attributes[0].value);
}

// Every MDX-only node of the tree that is not a code anchor, as "type at line".
function mdxNodes(node, found = []) {
  if (node.type.startsWith("mdx") && !(node.type.startsWith("mdxJsx") && isCodeAnchor(node))) {
    found.push(`${node.type} at line ${node.position?.start.line}`);
  }
  for (const child of node.children ?? []) mdxNodes(child, found);
  return found;
}

let passed = 0;
let failed = 0;
const pages = readdirSync(process.argv[2], { recursive: true }).filter((name) => name.endsWith(".md"));
for (const file of pages.map((name) => join(process.argv[2], name))) {
  let found = [];
  const inspect = () => (tree) => { found = mdxNodes(tree); };
  try {
    await compile(readFileSync(file, "utf8"), { remarkPlugins: [remarkGfm, inspect] });
  } catch (error) {
    found.push(`compile error: ${error.message}`);
  }
  if (found.length === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${file}: ${found.join("; ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
