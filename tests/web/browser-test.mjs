// Opens each generated HTML page in headless Chromium (Debian's, driven by playwright-core) and
// checks it as a reader would: every code of the spec is visible, the search box narrows the
// rows and works from the keyboard, the page makes no request and logs no error, nothing from
// the spec runs as script, and it fits a phone. Saves screenshots to look at.
//
// Usage: node browser-test.mjs ERRSPEC_BINARY PAGES_DIR SCREENSHOT_DIR SPEC...
// (each spec's page is PAGES_DIR/<api id>-errors.html, generated beforehand).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [errspec, pagesDir, screenshotDir, ...specs] = process.argv.slice(2);
if (!errspec || !pagesDir || !screenshotDir || specs.length === 0) {
  console.error("usage: node browser-test.mjs ERRSPEC_BINARY PAGES_DIR SCREENSHOT_DIR SPEC...");
  process.exit(2);
}
mkdirSync(screenshotDir, { recursive: true });

// The page is served from memory at this address; any other request is a failure.
const origin = "http://errspec.test";

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
                                                 [{ width: 390, height: 844 }, "dark", `${id}-phone-dark.png`]]) {
      const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled: true });
      const requests = [];
      const problems = [];
      await context.route("**/*", (route) => {
        const requested = route.request().url();
        if (requested === url) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
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
      check(label, "Enter opens the first match's section", (await page.evaluate(() => location.hash)) === `#${anchors[target]}`);
      await search.fill("");

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
