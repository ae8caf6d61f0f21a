// The typescript target's client against a real HTTP server on 127.0.0.1 (node:http, started and
// stopped here), through fetch and withRetry: every example of every seed spec, a proxy's HTML
// page, Retry-After in seconds and as an HTTP-date, a dropped connection, a refused one and a slow
// reply, each retried or given up on as docs/client-semantics.md says.
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SOURCE_DIR, the repository;
// ERRSPEC_TS_OUT, the folder of the compiled modules (CommonJS).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";

const { ERRSPEC: errspec, ERRSPEC_SOURCE_DIR: source, ERRSPEC_TS_OUT: out } = process.env;
assert.ok(errspec && source && out, "set ERRSPEC, ERRSPEC_SOURCE_DIR and ERRSPEC_TS_OUT");
const load = createRequire(import.meta.url);
const seeds = readdirSync(join(source, "spec")).filter((name) => name.endsWith(".yaml")).sort().map((name) => {
  const model = JSON.parse(execFileSync(errspec, ["model", join(source, "spec", name)], { encoding: "utf8", maxBuffer: 1 << 28 }));
  return { model, client: load(join(out, `${model.api.id}-errors.js`)) };
});
assert.equal(seeds.length, 5);
const trendtrack = load(join(out, "trendtrack-errors.js"));
const fast = { initialDelayMs: 1, maxDelayMs: 4 };

// What the server answers, by path: /example/<spec>/<error>/<example> replays an example; a path
// under /script/<name> plays its script's answers in turn, one per request.
const scripts = new Map();
let server;
let base;

function answer(response, { status, headers = {}, body = "" }) {
  response.writeHead(status, headers);
  response.end(body);
}

before(async () => {
  server = createServer((request, response) => {
    const [, kind, ...rest] = decodeURIComponent(request.url).split("/");
    if (kind === "example") {
      const [spec, error, example] = rest.map(Number);
      const sent = seeds[spec].model.errors[error].examples[example];
      answer(response, { status: sent.status, headers: Object.fromEntries(sent.headers.map((header) => [header.name, header.value])), body: sent.body });
      return;
    }
    const script = scripts.get(rest[0]);
    const step = script.steps[Math.min(script.served, script.steps.length - 1)];
    script.served += 1;
    step(request, response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

// A script of answers at /script/<name>; returns its URL and how many requests it served.
function script(name, ...steps) {
  const entry = { steps, served: 0 };
  scripts.set(name, entry);
  return { url: `${base}/script/${name}`, served: () => entry.served };
}

const reply = (status, headers, body) => (request, response) => answer(response, { status, headers, body });
const ok = reply(200, { "Content-Type": "application/json" }, "{}");

describe("every example of every seed spec, through fetch", () => {
  for (const [specIndex, { model, client }] of seeds.entries()) {
    test(model.api.id, async () => {
      let examples = 0;
      for (const [errorIndex, error] of model.errors.entries()) {
        for (const [exampleIndex, example] of error.examples.entries()) {
          const url = `${base}/example/${specIndex}/${errorIndex}/${exampleIndex}`;
          const failure = await client.withRetry(() => fetch(url), { idempotent: true, policy: { ...fast, maxAttempts: 1 } }).catch((thrown) => thrown);
          assert.ok(client.isApiError(failure), `${error.code}: ${String(failure)}`);
          assert.equal(failure.code, error.code);
          assert.equal(failure.status, example.status);
          if (example.has_request_id) assert.equal(failure.requestId, example.request_id);
          assert.equal(failure.response.body, example.body);
          assert.equal(failure.decision.reason, "attempts_exhausted");
          // Decoded straight from the response as well, body as bytes.
          const response = await fetch(url);
          const decoded = client.decodeError(response.status, response.headers, new Uint8Array(await response.arrayBuffer()));
          assert.equal(decoded.code, error.code);
          examples += 1;
        }
      }
      // Every example the spec has was served and decoded (a spec may have none: its document shows no body).
      assert.equal(examples, model.errors.reduce((count, error) => count + error.examples.length, 0));
    });
  }
});

describe("retrying over HTTP", () => {
  test("a proxy's HTML page is the unknown error, retried with backoff", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const target = script("proxy", reply(502, { "Content-Type": "text/html" }, page), ok);
    const response = await trendtrack.withRetry(() => fetch(target.url), { idempotent: true, policy: fast });
    assert.equal(response.status, 200);
    assert.equal(target.served(), 2);
    const failure = await trendtrack.withRetry(() => fetch(script("proxy-always", reply(502, {}, page)).url), { idempotent: true, policy: { ...fast, maxAttempts: 2 } }).catch((thrown) => thrown);
    assert.equal(failure.code, null);
    assert.equal(failure.condition, "unavailable");
    assert.equal(failure.response.body, page);
    assert.equal(failure.decision.reason, "attempts_exhausted");
  });

  test("Retry-After in seconds, and as an HTTP-date, is waited for", async () => {
    const limited = trendtrack.encodeError("rate_limited");
    const seconds = script("retry-after-seconds", reply(429, { "Retry-After": "0" }, limited), ok);
    const reasons = [];
    await trendtrack.withRetry(() => fetch(seconds.url), { idempotent: false, policy: fast, onRetry: (failure, decision) => reasons.push(decision) });
    assert.deepEqual(reasons, [{ retry: true, delayMs: 0, reason: "retry_after", retryAfterMs: 0 }]);
    const date = new Date(Date.now() + 1500).toUTCString();
    const dated = script("retry-after-date", reply(429, { "Retry-After": date }, limited), ok);
    const started = Date.now();
    const waits = [];
    await trendtrack.withRetry(() => fetch(dated.url), { idempotent: true, onRetry: (failure, decision) => waits.push(decision.delayMs) });
    assert.equal(dated.served(), 2);
    assert.ok(waits[0] > 0 && waits[0] <= 1500, String(waits[0]));
    assert.ok(Date.now() - started >= waits[0]);
  });

  test("two Retry-After lines, joined by fetch, are read", async () => {
    const target = script("two-lines", (request, response) => {
      response.writeHead(429, [["Retry-After", "0"], ["Retry-After", "9"]]);
      response.end();
    }, ok);
    const decisions = [];
    await trendtrack.withRetry(() => fetch(target.url), { idempotent: true, policy: fast, onRetry: (failure, decision) => decisions.push(decision) });
    assert.equal(decisions[0].retryAfterMs, 0);
  });

  test("gives up on a Retry-After beyond the cap, saying how long the server asked for", async () => {
    const target = script("an-hour", reply(429, { "Retry-After": "3600" }, trendtrack.encodeError("rate_limited")));
    const failure = await trendtrack.withRetry(() => fetch(target.url), { idempotent: true, policy: fast }).catch((thrown) => thrown);
    assert.equal(failure.code, "rate_limited");
    assert.deepEqual(failure.decision, { retry: false, delayMs: 0, reason: "retry_after_too_long", retryAfterMs: 3600000 });
    assert.equal(target.served(), 1);
  });

  test("a POST that failed with a 500 is not sent again", async () => {
    const target = script("post-500", reply(500, {}, trendtrack.encodeError("internal_error")), ok);
    const failure = await trendtrack.withRetry(() => fetch(target.url, { method: "POST", body: "{}" }), { idempotent: false, policy: fast }).catch((thrown) => thrown);
    assert.equal(failure.code, "internal_error");
    assert.equal(failure.decision.reason, "not_idempotent");
    assert.equal(target.served(), 1);
  });

  test("a dropped connection is a lost connection: retried when idempotent", async () => {
    const drop = (request, response) => response.socket.destroy();
    const target = script("dropped", drop, ok);
    const response = await trendtrack.withRetry(() => fetch(target.url), { idempotent: true, policy: fast });
    assert.equal(response.status, 200);
    assert.equal(target.served(), 2);
    const failure = await trendtrack.withRetry(() => fetch(script("dropped-post", drop, ok).url, { method: "POST" }), { idempotent: false, policy: fast }).catch((thrown) => thrown);
    assert.ok(trendtrack.isTransportError(failure), String(failure));
    assert.equal(failure.transport, "connection_lost");
    assert.equal(failure.decision.reason, "not_idempotent");
  });

  test("a refused connection is retried even when not idempotent, then given up on", async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${closed.address().port}/`;
    await new Promise((resolve) => closed.close(resolve));
    let attempts = 0;
    const failure = await trendtrack.withRetry((attempt) => {
      attempts = attempt;
      return fetch(url, { method: "POST" });
    }, { idempotent: false, policy: { ...fast, maxAttempts: 3 } }).catch((thrown) => thrown);
    assert.ok(trendtrack.isTransportError(failure), String(failure));
    assert.equal(failure.transport, "connect_failed");
    assert.equal(failure.decision.reason, "attempts_exhausted");
    assert.equal(attempts, 3);
  });

  test("a slow reply times out and is retried", async () => {
    const slow = (request, response) => {
      const timer = setTimeout(() => answer(response, { status: 200 }), 3000);
      response.on("close", () => clearTimeout(timer));
    };
    const target = script("slow", slow, ok);
    const kinds = [];
    const response = await trendtrack.withRetry(() => fetch(target.url, { signal: AbortSignal.timeout(200) }), {
      idempotent: true,
      policy: fast,
      onRetry: (failure) => kinds.push(failure.transport),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(kinds, ["timed_out"]);
  });
});
