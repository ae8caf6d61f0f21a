// errspec-runtime.ts, which every generated module shares: the retry decisions and conditions of
// docs/client-semantics.md, read from the test vectors the C++ runtime's tests read too; errors of
// two APIs told apart; typed details; transport failures; withRetry's loop; and the compile-time
// check that a module and its runtime belong together.
//
// Environment: ERRSPEC_SOURCE_DIR, the repository; ERRSPEC_TS_OUT and ERRSPEC_TS_ESM, the folders of
// the compiled modules (CommonJS, ESM) of every spec; ERRSPEC_TSC and ERRSPEC_TS_CONFIG, tsc and
// the strict tsconfig; ERRSPEC_ESBUILD, esbuild; ERRSPEC_GENERATED, the generated TypeScript.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { ERRSPEC_SOURCE_DIR: source, ERRSPEC_TS_OUT: out, ERRSPEC_TS_ESM: esm, ERRSPEC_TSC: tsc, ERRSPEC_TS_CONFIG: tsconfig, ERRSPEC_ESBUILD: esbuild, ERRSPEC_GENERATED: generated } = process.env;
assert.ok(source && out && esm && tsc && tsconfig && esbuild && generated,
  "set ERRSPEC_SOURCE_DIR, ERRSPEC_TS_OUT, ERRSPEC_TS_ESM, ERRSPEC_TSC, ERRSPEC_TS_CONFIG, ERRSPEC_ESBUILD and ERRSPEC_GENERATED");
const load = createRequire(import.meta.url);
const runtime = load(join(out, "errspec-runtime.js"));
const esmRuntime = await import(pathToFileURL(join(esm, "errspec-runtime.js")).href);
const admaxxer = load(join(out, "admaxxer-errors.js"));
const trendtrack = load(join(out, "trendtrack-errors.js"));
const semantics = load(join(out, "semantics-errors.js"));
const esmTrendtrack = await import(pathToFileURL(join(esm, "trendtrack-errors.js")).href);

const vectors = (name) => JSON.parse(readFileSync(join(source, "tests/vectors", name), "utf8"));

// A vector's failure as the runtime takes it.
function failureOf(vector) {
  if ("transport" in vector) return { transport: vector.transport };
  return {
    status: vector.status,
    retryKind: vector.retry_kind,
    condition: vector.condition,
    retryAfterMs: vector.retry_after_ms,
    retrySafe: vector.retry_safe,
  };
}

describe("the shared test vectors", () => {
  for (const [format, shared] of [["CommonJS", runtime], ["ESM", esmRuntime]]) {
    test(`every retry decision (${format})`, () => {
      const cases = vectors("retry_decisions.json");
      assert.ok(cases.length > 20);
      for (const vector of cases) {
        const policy = {
          maxAttempts: vector.policy.max_attempts,
          initialDelayMs: vector.policy.initial_delay_ms,
          maxDelayMs: vector.policy.max_delay_ms,
          maxRetryAfterMs: vector.policy.max_retry_after_ms,
        };
        const decision = shared.decideRetry(failureOf(vector.failure), vector.attempt, vector.idempotent, policy, vector.random);
        assert.deepEqual(decision, {
          retry: vector.expect.retry,
          delayMs: vector.expect.delay_ms,
          reason: vector.expect.reason,
          retryAfterMs: vector.expect.retry_after_ms,
        }, vector.name);
      }
    });

    test(`every status's condition (${format})`, () => {
      const cases = vectors("conditions.json");
      assert.equal(cases.length, 501);
      for (const { status, condition } of cases) assert.equal(shared.conditionOfStatus(status), condition, String(status));
    });
  }

  test("an error that is not in a spec takes its status's condition when decoded", () => {
    for (const { status, condition } of vectors("conditions.json")) {
      assert.equal(trendtrack.decodeError(status, [], "<html>").condition, condition, String(status));
    }
  });

  test("decoded errors decide as their vectors do", () => {
    for (const vector of vectors("retry_decisions.json").filter((candidate) => "status" in candidate.failure)) {
      const { status, retry_after_ms: retryAfterMs, retry_kind: retryKind, condition, retry_safe: retrySafe } = vector.failure;
      // A response that is not an error of the spec: its retry kind and condition come from its status.
      if (retrySafe || runtime.retryKindOfStatus(status) !== retryKind || runtime.conditionOfStatus(status) !== condition) continue;
      const headers = retryAfterMs === null ? [] : [["Retry-After", String(retryAfterMs / 1000)]];
      const decoded = trendtrack.decodeError(status, headers, "<html>");
      const policy = {
        maxAttempts: vector.policy.max_attempts,
        initialDelayMs: vector.policy.initial_delay_ms,
        maxDelayMs: vector.policy.max_delay_ms,
        maxRetryAfterMs: vector.policy.max_retry_after_ms,
      };
      const decision = trendtrack.decideRetry(decoded, vector.attempt, { idempotent: vector.idempotent, policy, random: () => vector.random });
      assert.equal(decision.reason, vector.expect.reason, vector.name);
      assert.equal(decision.delayMs, vector.expect.delay_ms, vector.name);
    }
  });
});

describe("errors of several APIs", () => {
  test("two APIs' internal_error are told apart by their tag and guard", () => {
    const fromAdmaxxer = admaxxer.decodeError(500, [], admaxxer.encodeError("internal_error"));
    const fromTrendtrack = trendtrack.decodeError(500, [], trendtrack.encodeError("internal_error"));
    assert.equal(fromAdmaxxer.code, "internal_error");
    assert.equal(fromTrendtrack.code, "internal_error");
    assert.equal(fromAdmaxxer.api, "admaxxer");
    assert.equal(fromTrendtrack.api, "trendtrack");
    assert.ok(admaxxer.isApiError(fromAdmaxxer) && !admaxxer.isApiError(fromTrendtrack));
    assert.ok(trendtrack.isApiError(fromTrendtrack) && !trendtrack.isApiError(fromAdmaxxer));
    for (const error of [fromAdmaxxer, fromTrendtrack]) {
      assert.ok(error instanceof runtime.ApiError && error instanceof Error);
      assert.ok(runtime.isErrspecApiError(error));
      assert.equal(error.condition, "internal");
    }
  });

  test("an error of one copy of the runtime is recognised by another (CommonJS and ESM builds)", () => {
    const fromEsm = esmTrendtrack.decodeError(401, [], trendtrack.encodeError("missing_api_key"));
    assert.ok(!(fromEsm instanceof runtime.ApiError));
    assert.ok(trendtrack.isApiError(fromEsm));
    assert.ok(runtime.isErrspecApiError(fromEsm));
    assert.ok(runtime.isTransportError(new esmRuntime.TransportError("timed_out")));
    assert.ok(!trendtrack.isApiError(new Error("other")) && !trendtrack.isApiError(null) && !trendtrack.isApiError({ api: "trendtrack" }));
  });
});

describe("an error's message", () => {
  const messageOf = (serverMessage, requestId = "") =>
    trendtrack.decodeError(401, [["X-Request-Id", requestId]], JSON.stringify({ error: { code: "invalid_api_key", message: serverMessage } })).message;

  test("is one line naming the API, the code, the status, the server's message and the request id", () => {
    assert.equal(messageOf("Invalid API key.", "req-1"), "trendtrack: invalid_api_key (401): Invalid API key. [req-1]");
    assert.equal(messageOf("two\nlines\r\tand\u0000more"), "trendtrack: invalid_api_key (401): two lines  and more");
    assert.equal(messageOf("lone \ud800 surrogate"), "trendtrack: invalid_api_key (401): lone \ufffd surrogate");
    assert.equal(trendtrack.decodeError(404, [], "not json").message, "trendtrack: unknown error (404)");
  });

  test("masks the credentials a server echoes, and keeps the server's message as sent", () => {
    const cases = [
      ["Invalid key Bearer sk_live_123abc", "Invalid key Bearer [redacted]"],
      ["Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"],
      ["got api_key=XYZ123 and \"token\": \"t0k3n\"", "got api_key=[redacted] and \"token\": \"[redacted]\""],
      ["Basic dXNlcjpwYXNz is wrong", "Basic [redacted] is wrong"],
      ["password:hunter2, x_secret = s3cr3t", "password:[redacted], x_secret = [redacted]"],
      ["the token is fine, keys are not", "the token is fine, keys are not"],
    ];
    for (const [sent, shown] of cases) {
      const error = trendtrack.decodeError(401, [], JSON.stringify({ error: { code: "invalid_api_key", message: sent } }));
      assert.equal(error.message, `trendtrack: invalid_api_key (401): ${shown}`, sent);
      assert.equal(error.serverMessage, sent);
    }
  });

  test("is cut at 1024 characters", () => {
    const long = messageOf("x".repeat(5000));
    assert.equal(long.length, 1024 + 3);
    assert.ok(long.endsWith("x..."));
    assert.ok(!messageOf(`${"y".repeat(990)}Bearer ${"z".repeat(100)}`).includes("zzz"), "a credential cut short is masked whole");
  });
});

describe("codes that name members of every object", () => {
  test("__proto__, constructor, toString and friends are codes like any other", () => {
    for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      assert.ok(semantics.isErrorCode(code), code);
      assert.equal(semantics.errorInfo[code].code, code);
      const decoded = semantics.decodeError(semantics.errorInfo[code].status, [], semantics.encodeError(code));
      assert.equal(decoded.code, code);
    }
    assert.equal(Object.getPrototypeOf(semantics.errorInfo), null);
    assert.deepEqual(Object.keys(semantics.errorInfo), ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]);
    for (const other of ["isPrototypeOf", "__defineGetter__"]) {
      assert.ok(!semantics.isErrorCode(other));
      assert.equal(semantics.errorInfo[other], undefined);
      assert.equal(trendtrack.errorInfo[other], undefined);
    }
  });

  test("a body with __proto__ members pollutes nothing", () => {
    const body = '{"error":{"code":"__proto__","message":"m","details":{"__proto__":{"polluted":true},"field":"f"}},"__proto__":{"polluted":true}}';
    const decoded = semantics.decodeError(400, [], body);
    assert.equal(decoded.code, "__proto__");
    assert.equal({}.polluted, undefined);
    assert.equal(decoded.details.field, "f");
    assert.ok(Object.prototype.hasOwnProperty.call(decoded.details, "__proto__"));
    assert.equal(decoded.details.polluted, undefined);
  });

  test("the condition and retry_safe keys of the spec", () => {
    assert.equal(semantics.errorInfo.hasOwnProperty.condition, "resource_exhausted");
    assert.equal(semantics.errorInfo.valueOf.condition, "rate_limited");
    assert.equal(semantics.errorInfo.toString.retrySafe, true);
    assert.equal(semantics.errorInfo.constructor.retrySafe, false);
    const safe = semantics.decodeError(503, [], semantics.encodeError("toString"));
    assert.equal(semantics.decideRetry(safe, 1, { idempotent: false, random: () => 0.5 }).reason, "backoff");
    const unsafe = semantics.decodeError(503, [], "<html>");
    assert.equal(semantics.decideRetry(unsafe, 1, { idempotent: false, random: () => 0.5 }).reason, "not_idempotent");
    assert.equal(semantics.errorInfo.toString.docsUrl, "https://docs.example.com/errors#tostring");
  });
});

describe("typed details", () => {
  const decodeDetails = (code, details) => semantics.decodeError(400, [], semantics.encodeError(code, { details })).details;

  test("members of their documented types are kept, others of the wrong type left out", () => {
    const sent = { field: "name", limits: [1, 2], hint: null, extra: { any: 1 }, "free form": [true], undocumented: 5 };
    assert.deepEqual(decodeDetails("__proto__", sent), sent);
    assert.deepEqual(decodeDetails("__proto__", { field: 7, limits: [1, "2"], hint: 3, extra: [], "free form": 1 }), { "free form": 1 });
    assert.deepEqual(decodeDetails("__proto__", { limits: [1.5], hint: "h" }), { hint: "h" });
    assert.deepEqual(decodeDetails("constructor", { version: 3, retryable: false }), { version: 3, retryable: false });
    assert.deepEqual(decodeDetails("constructor", { version: 3.5, retryable: "no" }), {});
    assert.deepEqual(decodeDetails("valueOf", { scopes: ["a"], ratio: 0.5, items: [{}, 1], weights: [0.1] }), { scopes: ["a"], ratio: 0.5, items: [{}, 1], weights: [0.1] });
    assert.deepEqual(decodeDetails("valueOf", { scopes: "a", ratio: "0.5", items: {}, weights: ["x"] }), {});
  });

  test("details that are no object are null for a code with typed members, as sent for others", () => {
    for (const details of [[1], "text", 3, true]) {
      assert.equal(decodeDetails("__proto__", details), null);
      assert.deepEqual(decodeDetails("toString", details), details);
    }
    assert.equal(semantics.decodeError(400, [], semantics.encodeError("__proto__")).details, null);
  });
});

describe("transport failures", () => {
  const withCode = (code) => Object.assign(new Error(`connect ${code}`), { code });
  const fetchFailed = (cause) => new TypeError("fetch failed", { cause });

  test("are told from what fetch and node:http throw", () => {
    const cases = [
      [fetchFailed(withCode("ECONNREFUSED")), "connect_failed"],
      [fetchFailed(withCode("ENOTFOUND")), "connect_failed"],
      [fetchFailed(withCode("UND_ERR_CONNECT_TIMEOUT")), "connect_failed"],
      [fetchFailed(withCode("ECONNRESET")), "connection_lost"],
      [fetchFailed(withCode("UND_ERR_SOCKET")), "connection_lost"],
      [withCode("ETIMEDOUT"), "timed_out"],
      [fetchFailed(withCode("UND_ERR_HEADERS_TIMEOUT")), "timed_out"],
      [new DOMException("The operation was aborted due to timeout", "TimeoutError"), "timed_out"],
      [fetchFailed(undefined), "connection_lost"],
      [new TypeError("Failed to fetch"), "connection_lost"],
      [new runtime.TransportError("connect_failed"), "connect_failed"],
      [new DOMException("This operation was aborted", "AbortError"), null],
      [new TypeError("Invalid URL"), null],
      [new Error("a bug"), null],
      ["a string", null],
      [null, null],
      [new Proxy({}, { get() { throw new Error("trap"); } }), null],
    ];
    cases.forEach(([thrown, kind], index) => assert.equal(runtime.transportFailureOf(thrown), kind, `case ${index}`));
  });

  test("are real Errors with a condition and their cause", () => {
    const cause = withCode("ECONNRESET");
    const error = new runtime.TransportError("connection_lost", cause);
    assert.ok(error instanceof Error);
    assert.equal(error.name, "TransportError");
    assert.equal(error.cause, cause);
    assert.equal(error.condition, "unavailable");
    assert.equal(new runtime.TransportError("timed_out").condition, "deadline_exceeded");
  });
});

describe("withRetry", () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 2 };
  const response = (status, body = "", headers = {}) => ({ status, headers, text: async () => body });

  test("returns the first response that is no error, and says before each wait why it retries", async () => {
    const answers = [response(503, "<html>"), response(429, "", { "retry-after": "0" }), response(200, "ok")];
    const seen = [];
    const result = await trendtrack.withRetry(async (attempt) => answers[attempt - 1], {
      idempotent: false,
      policy: fast,
      onRetry: (failure, decision, attempt) => seen.push([failure.status, decision.reason, attempt]),
    }).catch((error) => error);
    // Not idempotent: the 503 shows nothing about whether it was processed.
    assert.equal(result.status, 503);
    assert.equal(result.decision.reason, "not_idempotent");
    assert.deepEqual(seen, []);

    const again = await trendtrack.withRetry(async (attempt) => answers[attempt - 1], {
      idempotent: true,
      policy: fast,
      onRetry: (failure, decision, attempt) => seen.push([failure.status, decision.reason, attempt]),
    });
    assert.equal(again.status, 200);
    assert.deepEqual(seen, [[503, "backoff", 1], [429, "retry_after", 2]]);
  });

  test("gives up with the last error and its decision", async () => {
    let attempts = 0;
    const error = await trendtrack.withRetry(async () => {
      attempts += 1;
      return response(503, trendtrack.encodeError("internal_error"));
    }, { idempotent: true, policy: { ...fast, maxAttempts: 3 } }).catch((thrown) => thrown);
    assert.equal(attempts, 3);
    assert.ok(trendtrack.isApiError(error));
    assert.equal(error.code, "internal_error");
    assert.deepEqual(error.decision, { retry: false, delayMs: 0, reason: "attempts_exhausted", retryAfterMs: null });
  });

  test("rethrows what is no transport failure, at once", async () => {
    let attempts = 0;
    const bug = new RangeError("a bug");
    await assert.rejects(trendtrack.withRetry(async () => {
      attempts += 1;
      throw bug;
    }, { idempotent: true, policy: fast }), (thrown) => thrown === bug);
    assert.equal(attempts, 1);
  });

  test("retries a connection that failed even when not idempotent, and a lost one only when idempotent", async () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) });
    const reset = new TypeError("fetch failed", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) });
    let attempts = 0;
    const ok = await trendtrack.withRetry(async () => {
      attempts += 1;
      if (attempts === 1) throw refused;
      return response(204);
    }, { idempotent: false, policy: fast });
    assert.equal(ok.status, 204);
    const lost = await trendtrack.withRetry(async () => {
      throw reset;
    }, { idempotent: false, policy: fast }).catch((thrown) => thrown);
    assert.ok(runtime.isTransportError(lost));
    assert.equal(lost.transport, "connection_lost");
    assert.equal(lost.cause, reset);
    assert.equal(lost.decision.reason, "not_idempotent");
  });

  test("stops waiting when its signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("the user left");
    const started = Date.now();
    const pending = trendtrack.withRetry(async () => response(429, "", { "retry-after": "60" }), {
      idempotent: true,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(reason), 10),
    });
    await assert.rejects(pending, (thrown) => thrown === reason);
    assert.ok(Date.now() - started < 5000);
    const aborted = AbortSignal.abort(reason);
    let attempts = 0;
    await assert.rejects(trendtrack.withRetry(async () => {
      attempts += 1;
      return response(200);
    }, { idempotent: true, signal: aborted }), (thrown) => thrown === reason);
    assert.equal(attempts, 0);
  });
});

describe("module and runtime belong together", () => {
  test("a module generated for another runtime fails to type-check, naming both versions", () => {
    const work = mkdtempSync(join(tmpdir(), "errspec-version-"));
    const module = readFileSync(join(generated, "trendtrack-errors.ts"), "utf8");
    const version = /export const runtimeVersion = ([0-9]+);/.exec(readFileSync(join(generated, "errspec-runtime.ts"), "utf8"))[1];
    const other = String(Number(version) + 1);
    assert.ok(module.includes(`runtimeVersion: ${version},`));
    writeFileSync(join(work, "errspec-runtime.ts"), readFileSync(join(generated, "errspec-runtime.ts")));
    writeFileSync(join(work, "trendtrack-errors.ts"), module.replace(`runtimeVersion: ${version},`, `runtimeVersion: ${other},`));
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: tsconfig, include: ["*.ts"], compilerOptions: { noEmit: true } }));
    let output = "";
    try {
      execFileSync(tsc, ["-p", join(work, "tsconfig.json")], { encoding: "utf8" });
    } catch (failure) {
      output = failure.stdout;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    assert.match(output, new RegExp(`Type '${other}' is not assignable to type '${version}'`));
  });
});

describe("the docs' example", () => {
  // docs/typescript.md's first TypeScript block, in a project of its own that imports the generated
  // files from ./generated/ as the example does: an ESM package with DOM types (fetch, AbortSignal).
  const example = /## Using it\n\n```ts\n([^]*?)```/.exec(readFileSync(join(source, "docs/typescript.md"), "utf8"))[1];
  for (const [setting, options] of [
    ["moduleResolution nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["a bundler", { module: "esnext", moduleResolution: "bundler" }],
  ]) {
    test(`type-checks under ${setting}`, () => {
      const work = mkdtempSync(join(tmpdir(), "errspec-docs-"));
      try {
        mkdirSync(join(work, "generated"));
        for (const file of ["trendtrack-errors.ts", "errspec-runtime.ts"]) writeFileSync(join(work, "generated", file), readFileSync(join(generated, file)));
        writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
        writeFileSync(join(work, "example.ts"), example);
        writeFileSync(join(work, "tsconfig.json"), JSON.stringify({
          extends: tsconfig,
          include: ["example.ts"],
          compilerOptions: { ...options, target: "es2022", lib: ["es2022", "dom", "dom.iterable"], noEmit: true },
        }));
        execFileSync(tsc, ["-p", join(work, "tsconfig.json")], { encoding: "utf8" });
      } catch (failure) {
        assert.fail(failure.stdout || String(failure));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }
});

test("an esbuild bundle of a generated module runs on its own", () => {
  const work = mkdtempSync(join(tmpdir(), "errspec-bundle-"));
  try {
    const entry = [
      `import { decodeError, encodeError, isApiError } from ${JSON.stringify(join(generated, "trendtrack-errors.ts"))};`,
      'const error = decodeError(429, new Headers([["Retry-After", "2"]]), encodeError("rate_limited"));',
      "console.log(JSON.stringify({ code: error.code, retryAfterMs: error.retryAfterMs, ours: isApiError(error), isError: error instanceof Error }));",
    ].join("\n");
    writeFileSync(join(work, "entry.ts"), entry);
    execFileSync(esbuild, [join(work, "entry.ts"), "--bundle", "--format=esm", "--platform=neutral", `--outfile=${join(work, "bundle.mjs")}`, "--log-level=error"]);
    const bundle = readFileSync(join(work, "bundle.mjs"), "utf8");
    assert.doesNotMatch(bundle, /errspec-runtime\.js|require\(/, "one file, nothing left to load");
    const printed = execFileSync(process.execPath, [join(work, "bundle.mjs")], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(printed), { code: "rate_limited", retryAfterMs: 2000, ours: true, isError: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
