// What a docs site makes of a generated Markdown page: the page compiled by @mdx-js/mdx with
// remark-gfm (as Docusaurus, Nextra and Mintlify read it) twice, as MDX and as plain CommonMark
// with GFM, and every stage's syntax tree walked for what no spec text may become:
// - mdast: an MDX expression, JSX or raw HTML (but the page's own code anchors,
//   <a id="..."></a>), ESM, an image, a reference, a footnote, a definition (but the page's `[//]: #` separators), or
//   a link that `isAllowedLink(url)` refuses and that is no link of a bare URL to itself (below);
// - hast: raw HTML (but the anchors), an element that loads or runs something, an event handler or a source
//   attribute;
// - estree (the compiled JavaScript): an identifier that `isForbiddenName(name)` flags, such as a
//   function a spec text tried to call.
// A page that does not compile is a finding too.
import { compile } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";

function isCodeAnchor(node) {
  return node.name === "a" && node.children.length === 0 && node.attributes.length === 1 &&
         node.attributes[0].name === "id" && /^[A-Za-z][A-Za-z0-9_-]*$/.test(node.attributes[0].value);
}

// The same anchor, as raw HTML to CommonMark.
function isCodeAnchorHtml(node) {
  return node.type === "html" && /^(<a id="[A-Za-z][A-Za-z0-9_-]*">|<\/a>)$/.test(node.value);
}

// The separator between two lists or quotes (markdown.cpp), which renders as nothing.
function isSeparator(node) {
  return node.type === "definition" && node.identifier === "//" && node.url === "#";
}

const forbiddenMdast = new Set(["mdxjsEsm", "mdxFlowExpression", "mdxTextExpression", "html", "image",
                                "imageReference", "linkReference", "footnoteReference", "footnoteDefinition"]);
const forbiddenElements = new Set(["img", "script", "iframe", "style", "object", "embed", "video", "audio",
                                   "source", "link", "meta", "form", "svg", "math"]);

function walk(node, visit) {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function where(node) {
  return node.position ? ` at line ${node.position.start.line}` : "";
}

// remark-gfm links a bare URL or e-mail address in two ways: micromark's syntax extension, which
// runs on past the URL over a code span or link that follows it (it once swallowed the backtick
// that opens a code span), and a transform of the finished tree, which links a URL within one text
// node to the URL it shows, and gives the link no source position. The page may hold the second.
function isBareUrlLink(node) {
  const [only, ...more] = node.children;
  if (node.position || more.length > 0 || only?.type !== "text") return false;
  return [only.value, `mailto:${only.value}`, `http://${only.value}`].includes(node.url);
}

function mdastFindings(tree, isAllowedLink, found, codes) {
  walk(tree, (node) => {
    const type = node.type;
    if ((forbiddenMdast.has(type) && !isCodeAnchorHtml(node)) || (type.startsWith("mdxJsx") && !isCodeAnchor(node)) ||
        (type === "definition" && !isSeparator(node))) {
      found.push(`${type}${where(node)}: ${JSON.stringify(node.value ?? node.url ?? node.name ?? "")}`);
    } else if (type === "link" && !isAllowedLink(node.url) && !isBareUrlLink(node)) {
      found.push(`link to ${JSON.stringify(node.url)}${where(node)}`);
    } else if (type === "inlineCode" || type === "code") {
      codes.add(node.value);
    }
  });
}

function hastFindings(tree, found) {
  walk(tree, (node) => {
    if (node.type === "raw" && !isCodeAnchorHtml({ type: "html", value: node.value })) found.push(`raw HTML ${JSON.stringify(node.value)}`);
    if (node.type !== "element") return;
    if (forbiddenElements.has(node.tagName)) found.push(`<${node.tagName}> element`);
    for (const name of Object.keys(node.properties ?? {})) {
      if (/^on/i.test(name) || name === "src" || name === "srcSet") found.push(`${name} attribute on <${node.tagName}>`);
    }
  });
}

// Every node of an estree, whatever property holds it.
function walkEstree(node, visit) {
  if (Array.isArray(node)) {
    for (const item of node) walkEstree(item, visit);
  } else if (node && typeof node === "object" && typeof node.type === "string") {
    visit(node);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "loc" && key !== "range" && key !== "position" && key !== "data") walkEstree(value, visit);
    }
  }
}

function estreeFindings(program, isForbiddenName, found) {
  walkEstree(program, (node) => {
    if ((node.type === "Identifier" || node.type === "JSXIdentifier") && isForbiddenName(node.name)) {
      found.push(`identifier ${node.name} in the compiled page`);
    }
  });
}

// The findings of both compiles of `source`, and the content of every code span and code block.
export async function inspectPage(source, { isAllowedLink, isForbiddenName = () => false }) {
  const found = [];
  const codes = new Set();
  for (const format of ["mdx", "md"]) {
    const here = [];
    try {
      await compile(source, {
        format,
        remarkPlugins: [remarkGfm, () => (tree) => mdastFindings(tree, isAllowedLink, here, codes)],
        rehypePlugins: [() => (tree) => hastFindings(tree, here)],
        recmaPlugins: [() => (tree) => estreeFindings(tree, isForbiddenName, here)],
      });
    } catch (error) {
      here.push(`compile error: ${error.message}`);
    }
    found.push(...here.map((finding) => `${format}: ${finding}`));
  }
  return { found, codes };
}

// Links of the pages generated from ordinary specs: to the web, to mail or to the page itself.
export function isSafeLink(url) {
  return /^(https?:\/\/|mailto:|#)/i.test(url);
}
