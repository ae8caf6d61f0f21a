// Opens each generated HTML page in headless Chromium (Debian's, driven by playwright-core) and
// checks it as a reader would: every code of the spec is visible and reachable by #<code> as
// written and as its slug, the search box finds what readers type, keeps the query in the address
// and works from the keyboard, permalinks take focus, copy buttons copy, print shows every code,
// no table squeezes a word, the page makes no request and logs no error, nothing from the spec
// runs as script, it fits a phone, and the axe accessibility scan finds nothing. Saves screenshots to look at, light and dark at both widths.
//
// Usage: node browser-test.mjs ERRSPEC_BINARY PAGES_DIR SCREENSHOT_DIR SPEC...
// (each spec's page is PAGES_DIR/<api id>-errors.html, generated beforehand).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [errspec, pagesDir, screenshotDir, ...specs] = process.argv.slice(2);
if (!errspec || !pagesDir || !screenshotDir || specs.length === 0) {
  console.error("usage: node browser-test.mjs ERRSPEC_BINARY PAGES_DIR SCREENSHOT_DIR SPEC...");
  process.exit(2);
}
mkdirSync(screenshotDir, { recursive: true });

// The page is served from memory at this address (localhost: a secure context, where the copy
// buttons may use the clipboard); any other request is a failure.
const origin = "http://localhost:8931";

let passed = 0;
let failed = 0;
function check(page, what, ok, detail = "") {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${page}: ${what}${detail ? ` (${detail})` : ""}`);
  }
}

// The inline search script must be the one the Content-Security-Policy allows by its hash.
function scriptHashAllowed(html) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html);
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  if (!script || !policy) return false;
  const hash = createHash("sha256").update(script[1], "utf8").digest("base64");
  return policy[1].includes(`script-src 'sha256-${hash}'`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// What readers type, by API, and codes each must find (issue 14).
const readerQueries = {
  trendtrack: {
    "unauthorized": ["missing_api_key", "invalid_api_key"],
    "too many requests": ["rate_limited"],
    "missing-api-key": ["missing_api_key"],
    "credentials": ["credential_not_found", "credential_revoked", "credential_expired"],
    "ratelimited": ["rate_limited"],
  },
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});

try {
  for (const spec of specs) {
    const model = JSON.parse(execFileSync(errspec, ["model", spec], { encoding: "utf8", maxBuffer: 1 << 28 }));
    const id = model.api.id;
    const name = `${id}-errors.html`;
    const html = readFileSync(join(pagesDir, name), "utf8");
    const url = `${origin}/${name}`;
    const codes = model.errors.map((error) => error.code);
    const anchors = model.errors.map((error) => error.anchor);

    check(name, "the Content-Security-Policy allows the inline script by its hash", scriptHashAllowed(html));

    for (const [viewport, colorScheme, shot] of [[{ width: 1280, height: 900 }, "light", `${id}.png`],
                                                 [{ width: 1280, height: 900 }, "dark", `${id}-dark.png`],
                                                 [{ width: 390, height: 844 }, "light", `${id}-phone.png`],
                                                 [{ width: 390, height: 844 }, "dark", `${id}-phone-dark.png`]]) {
      const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled: true });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
      const requests = [];
      const problems = [];
      await context.route("**/*", (route) => {
        const requested = route.request().url();
        if (requested.split(/[?#]/)[0] === url) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
        requests.push(requested);
        return route.abort();
      });
      const page = await context.newPage();
      page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("dialog", (dialog) => { problems.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
      page.on("websocket", (socket) => requests.push(socket.url()));
      await page.goto(url, { waitUntil: "load" });

      const label = `${name} (${colorScheme}, ${viewport.width}px)`;

      // The axe scan (axe-core, evaluated in the page as devtools do, so that the page's
      // Content-Security-Policy stays as it is): once in light and once in dark, at each width.
      if ((colorScheme === "light") === (viewport.width > 400)) {
        await page.evaluate(axeSource);
        const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        check(label, "the axe scan finds no violation", violations.length === 0, violations.map((violation) =>
          `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ")}`).join("; "));
      }
      const rows = page.locator("#codes_table tr.code");
      const visibleRows = () => page.locator("#codes_table tr.code:visible").count();

      // Every code of the spec, in the table and as a section of its own.
      const tableCodes = await page.locator("#codes_table tr.code th[scope=row] code").allTextContents();
      check(label, "the table lists every code of the spec", JSON.stringify(tableCodes) === JSON.stringify(codes),
            `${tableCodes.length} of ${codes.length}`);
      check(label, "every table row is visible", (await visibleRows()) === codes.length);
      for (const anchor of anchors) {
        const section = page.locator(`article[id="${anchor}"]`);
        check(label, `the section of #${anchor} is visible`, (await section.count()) === 1 && (await section.isVisible()));
      }

      // Nothing from the spec became markup that can run or load.
      const inert = await page.evaluate(() => {
        const all = Array.from(document.querySelectorAll("*"));
        return {
          scripts: document.scripts.length,
          handlers: all.filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith("on"))).length,
          embeds: document.querySelectorAll("img, iframe, object, embed, svg, video, audio, link, base, form, style:not(head style)").length,
          badLinks: Array.from(document.links).filter((a) => {
            const href = a.getAttribute("href");
            return !(href.startsWith("#") || /^(https?:|mailto:)/i.test(href));
          }).map((a) => a.getAttribute("href")),
        };
      });
      check(label, "the page's own search is its only script", inert.scripts === 1, `${inert.scripts} scripts`);
      check(label, "no element has an event handler attribute", inert.handlers === 0);
      check(label, "no element loads or embeds anything", inert.embeds === 0);
      check(label, "every link is http(s), mailto or in-page", inert.badLinks.length === 0, inert.badLinks.join(" "));

      // The search, from the keyboard: "/" focuses it, typing narrows, Esc clears, Enter opens.
      await page.locator("h1").click();
      await page.keyboard.press("/");
      check(label, "'/' focuses the search box", await page.evaluate(() => document.activeElement?.id === "code_filter"));
      const search = page.locator("#code_filter");
      const target = codes.length - 1;
      await page.keyboard.type(codes[target]);
      const narrowed = await visibleRows();
      check(label, "typing a code keeps its row", await rows.nth(target).isVisible());
      if (codes.length > 1) check(label, "typing a code narrows the rows", narrowed < codes.length, `${narrowed} rows`);
      await page.keyboard.press("Escape");
      check(label, "Esc clears the search", (await search.inputValue()) === "" && (await visibleRows()) === codes.length);
      const status = String(model.errors[target].status);
      await search.fill(status);
      const statusRows = await page.locator("#codes_table tr.code:visible td.status").allTextContents();
      check(label, `searching ${status} shows only rows that have it`,
            statusRows.length > 0 && (await page.locator("#codes_table tr.code:visible").allTextContents()).every((text) => text.includes(status)));
      await search.fill("no such code anywhere");
      check(label, "a search that matches nothing says so",
            (await visibleRows()) === 0 && (await page.locator("#no_match").isVisible()) &&
            (await page.locator("#filter_status").textContent()).startsWith("0 of"));
      await search.fill(codes[target]);
      await search.press("Enter");
      await page.waitForFunction((hash) => location.hash === hash, `#${anchors[target]}`, { timeout: 2000 }).catch(() => {});
      check(label, "Enter opens the section of the code typed, though other rows match too", (await page.evaluate(() => location.hash)) === `#${anchors[target]}`);
      await search.fill("");

      // Every code by its slug and as written (#missing-api-key, #missing_api_key, #INVALID_API_KEY):
      // its section comes into view, highlighted.
      for (const [i, code] of codes.entries()) {
        for (const hash of new Set([anchors[i], code])) {
          await page.evaluate(() => { location.hash = ""; window.scrollTo(0, 0); });
          await page.evaluate((h) => { location.hash = h; }, encodeURIComponent(hash));
          await page.waitForTimeout(20);
          const landed = await page.evaluate((anchor) => {
            const article = document.getElementById(anchor);
            const top = article.querySelector("h3").getBoundingClientRect().top;
            return top > -2 && top < window.innerHeight && article.matches(":target, :has(:target), .reached");
          }, anchors[i]);
          check(label, `#${hash} lands on the section of ${code}, highlighted`, landed);
        }
      }
      // A category's or a free section's heading reached by a link stands out from the others.
      const sectionIds = await page.evaluate(() => Array.from(document.querySelectorAll("main section[id] > h2"))
        .map((heading) => heading.parentElement.id));
      for (const sectionId of sectionIds) {
        await page.evaluate((h) => { location.hash = h; }, sectionId);
        await page.waitForTimeout(20);
        const reached = await page.evaluate((sectionId) => {
          const heading = document.getElementById(sectionId).querySelector(":scope > h2");
          const other = Array.from(document.querySelectorAll("main section[id] > h2")).find((h) => h !== heading);
          const top = heading.getBoundingClientRect().top;
          return top > -2 && top < window.innerHeight &&
                 (!other || getComputedStyle(heading).color !== getComputedStyle(other).color);
        }, sectionId);
        check(label, `#${sectionId} lands on its section, highlighted`, reached);
      }
      await page.evaluate(() => { history.replaceState(null, "", location.pathname); window.scrollTo(0, 0); });

      // One rule under a category's heading: the first code's section draws none of its own.
      const doubleRules = await page.evaluate(() => Array.from(document.querySelectorAll(".group > h2")).filter((heading) => {
        const next = heading.nextElementSibling;
        return parseFloat(getComputedStyle(heading).borderBottomWidth) > 0 && next?.matches("article") &&
               parseFloat(getComputedStyle(next).borderTopWidth) > 0;
      }).map((heading) => heading.textContent));
      check(label, "no double rule under a category heading", doubleRules.length === 0, doubleRules.join(" | "));

      // Search finds what readers type: the code with '-', ' ' or no separator for '_', any case.
      for (const [i, code] of codes.entries()) {
        const variants = new Set([code.replace(/_/g, "-"), code.replace(/_/g, " "), code.replace(/[_-]/g, ""), code.toUpperCase()]);
        for (const variant of variants) {
          await search.fill(variant);
          check(label, `searching "${variant}" finds ${code}`, await rows.nth(i).isVisible());
        }
      }
      for (const [query, expected] of Object.entries(readerQueries[id] ?? {})) {
        await search.fill(query);
        const shown = await page.locator("#codes_table tr.code:visible th[scope=row] code").allTextContents();
        check(label, `searching "${query}" finds ${expected.join(", ")}`,
              expected.every((code) => shown.includes(code)), shown.join(" "));
      }
      // The query is in the address, and a page opened with ?q= starts filtered.
      await search.fill(String(model.errors[target].status));
      check(label, "the query is kept in the address", (await page.evaluate(() => location.search)) === `?q=${model.errors[target].status}`);
      // Printing a filtered page prints every code.
      await page.emulateMedia({ media: "print" });
      check(label, "print shows every code, whatever the filter", (await visibleRows()) === codes.length);
      await page.emulateMedia({ media: "screen" });
      await page.goto(`${url}?q=${encodeURIComponent(codes[target])}`, { waitUntil: "load" });
      check(label, "?q= fills the search box and filters", (await search.inputValue()) === codes[target] &&
            (await rows.nth(target).isVisible()) && (codes.length === 1 || (await visibleRows()) < codes.length));
      await search.fill("");

      // Keyboard: Enter in the search box moves focus into the code's section, so that Tab goes on
      // from there; every permalink takes focus with Tab.
      await search.fill(codes[target]);
      await search.press("Enter");
      await page.keyboard.press("Tab");
      check(label, "after Enter in the search box, Tab stays in the code's section",
            await page.evaluate((anchor) => document.getElementById(anchor).contains(document.activeElement), anchors[target]));
      await search.fill("");
      for (const anchor of [anchors[0], anchors[target]]) {
        await page.locator(`article[id="${anchor}"] h3 .title`).click();
        await page.keyboard.press("Tab");
        check(label, `Tab reaches the permalink of #${anchor}`, await page.evaluate((a) => {
          const link = document.activeElement;
          return link.matches("a.self") && link.getAttribute("href") === `#${a}` && getComputedStyle(link).visibility === "visible";
        }, anchor));
      }

      // Copy buttons copy: a code's link and its example response.
      const section = page.locator(`article[id="${anchors[target]}"]`);
      await section.getByRole("button", { name: /^Copy link/ }).click();
      check(label, "the copy-link button copies the code's URL",
            (await page.evaluate(() => navigator.clipboard.readText())) === `${url}#${anchors[target]}`);
      await section.getByRole("button", { name: /^Copy the example/ }).first().click();
      check(label, "the copy button copies the example response",
            (await page.evaluate(() => navigator.clipboard.readText())) === (await section.locator("pre").first().textContent()));

      // No table cell narrower than its longest word needs (a word wider than the table aside).
      const squeezed = await page.evaluate(() => {
        const context2d = document.createElement("canvas").getContext("2d");
        const found = [];
        for (const cell of document.querySelectorAll("main table th, main table td")) {
          if (cell.getClientRects().length === 0) continue;
          const style = getComputedStyle(cell);
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          const inner = cell.clientWidth - padding;
          // A stacked row's border takes from the cells too.
          const row = cell.parentElement.clientWidth;
          const limit = Math.min(cell.closest("table").clientWidth, row > 0 ? row : Infinity) - padding;
          let longest = 0;
          let word = "";
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            context2d.font = getComputedStyle(node.parentElement).font;
            for (const part of node.textContent.split(/\s+/)) {
              const width = context2d.measureText(part).width;
              if (width > longest) { longest = width; word = part; }
            }
          }
          if (inner + 1 < Math.min(longest, limit)) found.push(`"${word}" needs ${Math.ceil(longest)}px, has ${Math.floor(inner)}px`);
        }
        return found;
      });
      check(label, "no table cell is narrower than its longest word", squeezed.length === 0, squeezed.slice(0, 5).join("; "));

      // Readable on a phone: nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(label, "nothing is wider than the viewport", overflow <= 0, `${overflow}px too wide`);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, shot), fullPage: viewport.width > 400 });
      check(label, "no request left the page", requests.length === 0, requests.join(" "));
      check(label, "no console error, page error or dialog", problems.length === 0, problems.join(" | "));
      await context.close();
    }
  }
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
