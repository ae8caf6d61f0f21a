// A generated spec that puts hostile texts in every place the Markdown page prints a spec text.
// The texts are small atoms (code spans, fences, bare URLs, escapes, entities, braces, angle
// brackets, `!`, pipes, backslashes, line starts that MDX or GFM read as syntax) and every pair of
// the atoms that meet at a boundary, since most bugs of a Markdown writer live where one piece of
// output meets the next (an empty fence's two backticks pairing with the next code span, a bare
// URL swallowing the backtick after it, a backslash escaping the pipe after it).
//
// Every JavaScript a text tries to run names `pwned`, every tag `Pwned`, so that the compiled page
// can be searched for them; every URL an author writes as a Markdown link or image is under
// https://author.example/, and every bare URL or address, which must stay text, under evil.example.
//
// Usage: node hostile-corpus.mjs SPEC_FILE   (writes the spec; JSON, which YAML readers read)
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

// Code spans and fences, whose content must come out as the same code.
const codeAtoms = [
  "`{pwned()}`", "``a`b {pwned()}``", "`` `{pwned()}` ``", "` `` `", "`<Pwned />`", "`a|b`", "`\\|{pwned()}`",
  "`\\\\|{pwned()}`", "`\\\\\\|x`", "`\\`", "`|`", "`  a  `", "`&#123;pwned()&#125;`", "`import pwned from 'x'`",
  "```\n```", "```\n\n```", "~~~\n~~~", "```js\n{pwned()}\n<Pwned />\n```", "````\n```\n{pwned()}\n````",
  "```{pwned()} <Pwned />\n</code>\n```", "~~~~ `{pwned()}`\n~~~\n~~~~", "    indented {pwned()}\n    <Pwned />",
];

// Text that must stay text: bare URLs and addresses, escapes, entities, braces, tags, image and
// link syntax, line starts.
const textAtoms = [
  "https://evil.example/a", "http://evil.example/`x`", "www.evil.example", "WWW.evil.example/{pwned()}",
  "x@evil.example", "mailto:x@evil.example", "ftp://evil.example", "https://evil.example?q={pwned()}",
  "\\`", "\\\\", "\\\\`x`", "\\|", "\\\\|", "\\!", "\\[x\\](https://evil.example/b)", "\\<Pwned />",
  "\\{pwned()}", "&lt;Pwned /&gt;", "&#123;pwned()&#125;", "&#x7B;pwned()&#x7D;", "&#60;Pwned /&#62;", "&amp;lt;",
  "&copy;", "&#0;", "&", "{pwned()}", "{/* c */}", "<Pwned />", "<Pwned onClick={pwned}>x</Pwned>", "<!-- c -->",
  "</p>", "<script>pwned()</script>", "<img src=x onerror=pwned()>", "<https://evil.example/<Pwned>>", "!",
  "![x](https://author.example/image.png)", "\\![x](https://author.example/bang)", "![x][r]\n\n[r]: https://author.example/ref",
  "[x]: https://author.example/definition", "[^1]\n\n[^1]: https://author.example/footnote", "[ ] task", "~~struck~~",
  "$pwned$", ":pwned[x]{y}", ":::note", "*a*", "_a_", "**a**", "import pwned from 'x'", "export const a = pwned()",
  "1. item", "1) item", "- item", "+ item", "> quote", "# heading", "===", "---", "| a | b |\n| - | - |", "a  \nb",
  "a\\\nb", "\ttab", "\u202Ebidi",
];

// Links an author may write: they stay links to their URL, never images.
const linkAtoms = [
  "[link](https://author.example/1)", "<https://author.example/2>", "<author@author.example>",
  "[`{pwned()}`](https://author.example/3 \"`{pwned()}` title\")", "[x](https://author.example/4`{pwned()}`)",
  "[x](<https://author.example/5 {pwned()}>)", "[x](https://author.example/6|7)", "[x](https://author.example/8\\\\)",
  "[x](javascript:pwned())", "[![x](https://author.example/9.png)](https://author.example/10)", "[x](#fragment)",
];

// The atoms whose two ends meet other output: every ordered pair of them is a text of its own.
const boundaryAtoms = [
  "`{pwned()}`", "``a`b {pwned()}``", "```\n```", "`\\|{pwned()}`", "`|`", "`\\`", "`", "\\`", "https://evil.example/a",
  "www.evil.example", "x@evil.example", "\\", "\\\\", "|", "\\|", "!", "[link](https://author.example/1)",
  "&", "&#123;", "<", "{", "*", "_", "a",
];

export function hostileTexts() {
  const texts = [...codeAtoms, ...textAtoms, ...linkAtoms];
  for (const a of boundaryAtoms) {
    for (const b of boundaryAtoms) texts.push(a + b);
  }
  return texts;
}

// The code of each code span and code block of the atoms, as a reader must see it (a code span's
// line breaks as spaces). Texts of the corpus hold them wherever a code may be shown in full.
export function expectedCodes() {
  return ["{pwned()}", "a`b {pwned()}", "`{pwned()}`", "``", "<Pwned />", "a|b", "\\|{pwned()}", "\\\\|{pwned()}",
          "\\\\\\|x", "\\", "|", " a ", "&#123;pwned()&#125;", "import pwned from 'x'", "{pwned()}\n<Pwned />",
          "```\n{pwned()}", "</code>", "~~~", "indented {pwned()}\n<Pwned />"];
}

// A link in the page is allowed only to where an author pointed one (or to a part of the page).
export function isAuthorLink(url) {
  return url.startsWith("#") || url.startsWith("https://author.example/") || url === "mailto:author@author.example";
}

// One line of `text`, for the places that take one (codes).
const oneLine = (text) => text.replace(/\n/g, " ");

// HTTP header names allow these punctuation characters (RFC 9110 tchar).
const headerName = (i) => `X-${i}-${"!#$%&'*+-.^_`|~"}`;

export function hostileSpec() {
  const texts = hostileTexts();
  const text = (i) => texts[i % texts.length];
  const errors = texts.map((_, i) => {
    const error = {
      code: `${oneLine(text(i))} #${i}`,
      name: `Hostile${i}`,
      status: 400 + (i % 100),
      category: `c${i}`,
      title: text(i),
      message: text(i + 1),
      description: text(i + 2),
      causes: [text(i + 3), text(i + 4)],
      fix: [text(i + 5), text(i + 6)],
      fix_ordered: i % 2 === 0,
      details: [{ name: text(i + 7), type: text(i + 8), description: text(i + 9) }],
      deprecated: text(i + 10),
      since: text(i + 11),
      docs: text(i + 12),
      fields: { hint: text(i + 13) },
    };
    if (i % 2 === 0) {
      const requestId = `${oneLine(text(i + 14))} ${i}`;
      error.examples = [{
        description: text(i + 15),
        request_id: requestId,
        body: JSON.stringify({ error: { code: error.code, message: text(i + 16), request_id: requestId } }, null, 2),
      }];
    }
    return error;
  });
  return {
    errspec: 1,
    api: {
      id: "corpus",
      name: `Corpus ${oneLine(texts.slice(0, 40).join(" "))}`,
      summary: texts.join("\n\n"),
      support: texts.slice().reverse().join("\n\n"),
    },
    envelope: {
      content_type: `application/json ${oneLine(texts.slice(0, 40).join(" "))}`,
      body: {
        error: { code: "${code}", message: "${message}", request_id: "${request_id}", hint: "${hint}" },
        "```": "~~~ {pwned()} <Pwned />",
      },
      fields: { hint: text(7) },
      members: texts.map((_, i) => ({ path: `error.${text(i)}`, type: text(i + 1), description: text(i + 2) })),
    },
    headers: {
      request_id: headerName("request"),
      retry_after: headerName("retry"),
      retry_after_ms: headerName("retry-ms"),
      documented: texts.map((_, i) => ({ name: headerName(i), description: text(i) })),
    },
    categories: texts.map((_, i) => ({ id: `c${i}`, title: text(i + 20), description: text(i + 21) })),
    errors,
    sections: texts.map((_, i) => ({ title: text(i + 30), body: text(i + 31) })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(process.argv[2], JSON.stringify(hostileSpec(), null, 1) + "\n");
}
