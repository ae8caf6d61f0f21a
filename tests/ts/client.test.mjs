// The typescript target's client, for one spec, compiled both ways (CommonJS by ts/tsconfig.json,
// ESM with declarations by the documented tsc step): the module must decode every example of the
// spec to its error whatever form the body and headers come in, give every error back after
// encoding it, survive bodies that are no envelope, and decide on retrying as
// docs/client-semantics.md says. Every expectation comes from the spec's model (`errspec model`),
// none is copied by hand.
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SPEC, the spec; ERRSPEC_TS_OUT and
// ERRSPEC_TS_ESM, the folders holding the compiled <api id>-errors.js (CommonJS and ESM).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { ERRSPEC: errspec, ERRSPEC_SPEC: spec, ERRSPEC_TS_OUT: out, ERRSPEC_TS_ESM: esm } = process.env;
assert.ok(errspec && spec && out && esm, "set ERRSPEC, ERRSPEC_SPEC, ERRSPEC_TS_OUT and ERRSPEC_TS_ESM");
const model = JSON.parse(execFileSync(errspec, ["model", spec], { encoding: "utf8", maxBuffer: 1 << 28 }));
const moduleFile = `${model.api.id}-errors.js`;
const clients = [
  ["CommonJS", createRequire(import.meta.url)(join(out, moduleFile))],
  ["ESM", await import(pathToFileURL(join(esm, moduleFile)).href)],
];

const slotNames = new Set(model.envelope.slots.map((slot) => slot.name));
const codeless = !model.envelope.has_code;
const retryHeader = model.headers.retry_after;
const noHeaders = [];
const utf8 = new TextEncoder();

// Every form a JavaScript caller may hand a body in, each with what it must decode like.
function bodyForms(text) {
  const bytes = utf8.encode(text);
  const forms = [
    ["string", text],
    ["string with a byte-order mark", `\ufeff${text}`],
    ["Uint8Array", bytes],
    ["Buffer with a byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ["ArrayBuffer", bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)],
    ["DataView", new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
  ];
  try {
    forms.push(["parsed JSON", JSON.parse(text)]);
  } catch {
    // Not JSON: there is no parsed form.
  }
  return forms;
}

// Every form a JavaScript caller may hand headers in.
function headerForms(pairs) {
  const record = {};
  for (const [name, value] of pairs) record[name.toLowerCase()] = [...(record[name.toLowerCase()] ?? []), value];
  const fetchHeaders = new Headers();
  for (const [name, value] of pairs) fetchHeaders.append(name, value);
  const forms = [
    ["pairs", pairs],
    ["record", record],
    ["Map", new Map(Object.entries(record))],
    ["Headers", fetchHeaders],
    ["an object with only forEach, as a Headers polyfill", { forEach: (callback) => fetchHeaders.forEach(callback) }],
  ];
  if (pairs.length === 0) forms.push(["null", null], ["undefined", undefined]);
  return forms;
}

for (const [format, client] of clients) {
  describe(`${model.api.id} (${format}): metadata`, () => {
    test("lists every code in spec order", () => {
      assert.deepEqual(client.errorCodes, model.errors.map((error) => error.code));
    });

    test("describes every code as the spec does", () => {
      for (const error of model.errors) {
        assert.ok(client.isErrorCode(error.code));
        assert.deepEqual({ ...client.errorInfo[error.code], fields: { ...client.errorInfo[error.code].fields },
                           subcodes: [...client.errorInfo[error.code].subcodes] }, {
          code: error.code,
          status: error.status,
          title: error.title,
          message: error.wire_message,
          category: error.has_category ? error.category : null,
          retry: error.retry,
          condition: error.condition,
          retrySafe: error.retry_safe,
          docsUrl: model.api.has_docs_url ? `${model.api.docs_url}#${error.anchor}` : null,
          fields: Object.fromEntries(error.fields.map((field) => [field.name, field.value])),
          subcodes: error.subcodes.map((subcode) => subcode.code),
        });
      }
      assert.equal(Object.keys(client.errorInfo).length, model.errors.length);
    });

    test("knows no code the spec does not have, whatever it is named", () => {
      for (const other of ["", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "no such code", 42, null, undefined, {}]) {
        const known = model.errors.some((error) => error.code === other);
        assert.equal(client.isErrorCode(other), known, String(other));
        if (typeof other === "string") assert.equal(client.errorInfo[other] !== undefined, known, other);
      }
    });

    test("takes its default retry policy from the spec", () => {
      assert.deepEqual(client.defaultRetryPolicy, {
        maxAttempts: model.retry.max_attempts,
        initialDelayMs: model.retry.initial_delay_ms,
        maxDelayMs: model.retry.max_delay_ms,
        maxRetryAfterMs: model.retry.max_retry_after_ms,
      });
    });
  });

  describe(`${model.api.id} (${format}): decoding`, () => {
    test("encoding what every example decodes to (all its errors) gives the example's body", () => {
      for (const error of model.errors) {
        for (const example of error.examples) {
          const all = client.decodeErrors(example.status, null, example.body);
          const items = all.map((each) => ({ code: each.code, message: each.serverMessage, details: each.details, subcode: each.subcode }));
          const encoded = client.encodeErrors(items, { requestId: all[0].requestId });
          assert.deepEqual(JSON.parse(encoded), JSON.parse(example.body), `${error.code}: ${example.body}`);
        }
      }
    });

    test("decodes every example of the spec to its error, from every form of body and headers", () => {
      for (const error of model.errors) {
        for (const example of error.examples) {
          for (const [bodyForm, body] of bodyForms(example.body)) {
            for (const [headerForm, headers] of headerForms(example.headers.map((header) => [header.name, header.value]))) {
              const where = `${error.code}, body as ${bodyForm}, headers as ${headerForm}: ${example.body}`;
              const decoded = client.decodeError(example.status, headers, body);
              assert.equal(decoded.code, error.code, where);
              assert.ok(client.isApiError(decoded), where);
              assert.ok(decoded instanceof Error, where);
              assert.equal(decoded.api, model.api.id, where);
              assert.equal(decoded.condition, error.condition, where);
              if (example.has_request_id) assert.equal(decoded.requestId, example.request_id, where);
              // All errors: the example's one (a list of errors holds one element per error).
              const all = client.decodeErrors(example.status, headers, body);
              assert.deepEqual(all.map((each) => [each.code, each.serverMessage, each.requestId]),
                               [[decoded.code, decoded.serverMessage, decoded.requestId]], where);

            }
          }
        }
      }
    });

    test("is a real Error that keeps the response for logs", () => {
      const error = model.errors[0];
      const body = client.encodeError(error.code, { requestId: "req-7" });
      const decoded = client.decodeError(error.status, [["X-Trace", "t1"]], body);
      assert.equal(decoded.name, "ApiError");
      assert.match(decoded.stack, /^ApiError: /);
      assert.equal(decoded.status, error.status);
      assert.deepEqual(decoded.response, { status: error.status, headers: [["X-Trace", "t1"]], body });
      assert.equal(decoded.docsUrl, model.api.has_docs_url ? `${model.api.docs_url}#${error.anchor}` : null);
      assert.equal(decoded.decision, null);
      if (slotNames.has("message")) assert.equal(decoded.serverMessage, error.wire_message);
      // One log line naming the API, as the C++ runtime's exception does.
      const requestId = slotNames.has("request_id") ? " [req-7]" : "";
      const message = slotNames.has("message") ? `: ${error.wire_message.replace(/[\u0000-\u001f\u007f]/g, " ")}` : "";
      if (!/bearer|basic|authorization|api.?key|token|secret|password/i.test(error.wire_message)) {
        assert.equal(decoded.message, `${model.api.id}: ${error.code} (${error.status})${message}${requestId}`);
      }
    });

    test("an HTML page is the unknown error, described, with its text kept", () => {
      const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
      const decoded = client.decodeError(502, [["Content-Type", "text/html"]], page);
      assert.equal(decoded.code, null);
      assert.equal(decoded.serverMessage, "");
      assert.equal(decoded.message, `${model.api.id}: unknown error (502)`);
      assert.equal(decoded.response.body, page);
      assert.equal(decoded.condition, "unavailable");
      assert.equal(decoded.retryKind, "backoff");
      assert.equal(decoded.docsUrl, null);
    });

    test("reads the request id from the header whatever its case and form, and the body's first", { skip: !model.headers.has_request_id }, () => {
      const error = model.errors[0];
      const name = model.headers.request_id;
      const body = client.encodeError(error.code);
      for (const headers of [
        [[name.toUpperCase(), " from-header\t"]],
        { [name.toLowerCase()]: ["from-header", "second"] },
        [[name, "from-header"], [name, "second"]],
        new Headers([[name, "from-header"], [name, "second"]]),  // joined: "from-header, second"
        new Map([[name, "from-header"]]),
      ]) {
        assert.equal(client.decodeError(error.status, headers, body).requestId, "from-header");
      }
      if (slotNames.has("request_id")) {
        const withId = client.encodeError(error.code, { requestId: "from-body" });
        assert.equal(client.decodeError(error.status, [[name, "from-header"]], withId).requestId, "from-body");
      }
    });

    test("keeps details as any JSON value where the spec does not type them", { skip: !slotNames.has("details") }, () => {
      const untyped = model.errors.find((error) => !model.typescript.errors.find((ts) => ts.code_json === JSON.stringify(error.code))?.has_typed_details);
      if (untyped === undefined) return;
      for (const details of [[{ field: "name", problem: "too long" }], { nested: { deep: [1, "two", null] } }, "text", 3]) {
        const decoded = client.decodeError(untyped.status, noHeaders, client.encodeError(untyped.code, { details }));
        assert.deepEqual(decoded.details, details);
      }
    });

    test("takes the status the body mirrors when the HTTP status is no error status", { skip: !slotNames.has("status") }, () => {
      for (const error of model.errors) {
        const body = client.encodeError(error.code);
        assert.equal(client.decodeError(200, noHeaders, body).status, error.status);
        assert.equal(client.decodeError(0, noHeaders, body).status, error.status);
        assert.equal(client.decodeError(599, noHeaders, body).status, 599, "an error status is the response's own");
      }
    });

    test("never throws, and a body that is no envelope is the unknown error", () => {
      const deep = "[".repeat(300) + "]".repeat(300);
      const deepObject = '{"a":'.repeat(300) + "1" + "}".repeat(300);
      const bodies = ["", " ", "null", "[]", "[{}]", "0", '"text"', "true", "<html><body>Bad gateway</body></html>", "{", '{"a":', "{}}", deep, deepObject, "\u0000", "\ud800", "\ufeff",
        null, undefined, 0, true, [], [1, 2], new Uint8Array([0xff, 0xfe, 0x00]), new ArrayBuffer(0), Symbol("body"), () => "body", 10n];
      for (const body of bodies) {
        const decoded = client.decodeError(502, noHeaders, body);
        assert.equal(decoded.code, null, String(body).slice(0, 80));
        assert.equal(decoded.status, 502);
      }
    });

    test("never throws for hostile values a JavaScript caller may pass", () => {
      const throwing = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
      const throwingIterable = { [Symbol.iterator]() { throw new Error("trap"); } };
      const cyclic = {};
      cyclic.self = cyclic;
      const getter = { get error() { throw new Error("getter"); } };
      const error = model.errors[0];
      for (const headers of [null, undefined, 42, "Retry-After: 1", throwing, throwingIterable, [null, [1, 2], ["a"], "xy"], { a: null, b: {}, c: [1, null] }]) {
        assert.equal(client.decodeError(error.status, headers, client.encodeError(error.code)).code, error.code);
      }
      // Objects that hold no envelope member: what an empty object gives (a code-less envelope's
      // status-only rule matches it), or the unknown error where reading them throws.
      const emptyObject = client.decodeError(500, noHeaders, "{}").code;
      for (const body of [throwing, cyclic, getter]) {
        assert.ok([null, emptyObject].includes(client.decodeError(500, noHeaders, body).code));
      }
      for (const status of [undefined, null, "500", -1, 1.5, NaN, Infinity, 1e9]) {
        assert.equal(client.decodeError(status, noHeaders, "").status, 0, String(status));
      }
    });

    test("a truncated body is the unknown error, keeping the code and message read before the cut", () => {
      for (const error of model.errors) {
        const body = client.encodeError(error.code);
        const whole = client.decodeError(error.status, noHeaders, body);
        for (let cut = 0; cut < body.length; cut += 1) {
          const decoded = client.decodeError(error.status, noHeaders, body.slice(0, cut));
          assert.equal(decoded.code, null, body.slice(0, cut));
          assert.ok(decoded.serverMessage === "" || decoded.serverMessage === whole.serverMessage, body.slice(0, cut));
          // An integer code cut short reads as the digits it kept.
          assert.ok(whole.rawCode.startsWith(decoded.rawCode) || codeless, body.slice(0, cut));
        }
      }
    });

    test("garbage never throws", () => {
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const alphabet = '{}[]":,0123456789.-eE truefalsnul\\u"x';
      for (let i = 0; i < 2000; i += 1) {
        let body = "";
        for (let length = Math.floor(random() * 40); length > 0; length -= 1) body += alphabet[Math.floor(random() * alphabet.length)];
        assert.doesNotThrow(() => client.decodeError(400, noHeaders, body), body);
      }
    });

    const codeSlot = model.envelope.slots.find((slot) => slot.name === "code");
    test("an unknown code keeps its text and message", { skip: codeless || !codeSlot.alone }, () => {
      const error = model.errors[0];
      const body = client.encodeError(error.code).replace(JSON.stringify(model.integer_codes ? Number(error.code) : error.code), model.integer_codes ? "99999999" : '"no_such_code"');
      const decoded = client.decodeError(error.status, noHeaders, body);
      assert.equal(decoded.code, null);
      assert.equal(decoded.rawCode, model.integer_codes ? "99999999" : "no_such_code");
      assert.equal(decoded.serverMessage, slotNames.has("message") ? error.wire_message : "");
    });
  });

  describe(`${model.api.id} (${format}): encoding`, () => {
    test("encode then decode gives every error back", () => {
      for (const error of model.errors) {
        const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code));
        assert.equal(decoded.code, error.code);
        assert.equal(decoded.rawCode, error.code);
        if (slotNames.has("message")) assert.equal(decoded.serverMessage, error.wire_message);
        assert.equal(decoded.requestId, "");
        assert.equal(decoded.details, null);
        assert.equal(decoded.retryKind, error.retry);
        assert.equal(decoded.condition, error.condition);
        assert.equal(decoded.retrySafe, error.retry_safe);
      }
    });

    test("never sends a message template's raw {param} text", () => {
      for (const error of model.errors.filter((candidate) => candidate.has_params)) {
        const body = client.encodeError(error.code);
        for (const param of error.params) {
          assert.ok(!body.includes(`{${param.name}}`), `${error.code}: ${body}`);
          assert.ok(!client.errorInfo[error.code].message.includes(`{${param.name}}`), error.code);
        }
      }
    });

    test("encode then decode keeps a message and request id of the caller's", () => {
      for (const error of model.errors) {
        // A code-less envelope tells errors apart by their message: only the default one is safe.
        const message = codeless ? undefined : "A message of the caller's: \"quoted\", ünïcödé, \ud83d\ude00";
        const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code, { message, requestId: "req-42" }));
        assert.equal(decoded.code, error.code);
        if (slotNames.has("message")) assert.equal(decoded.serverMessage, message ?? error.wire_message);
        if (slotNames.has("request_id")) assert.equal(decoded.requestId, "req-42");
      }
    });

    test("leaves details out without a value, and writes them where given", () => {
      // (The openapi test checks the bodies themselves against the OpenAPI document's examples.)
      const details = model.envelope.slots.find((slot) => slot.name === "details" && slot.alone);
      if (!details) return;
      // In a list of errors (slot.in_list), the one error each body here holds is the list's first element.
      const member = (value, segment) => {
        const found = value?.[segment.key];
        return Array.isArray(found) ? found[0] : found;
      };
      const parentOf = (body, slot) => slot.path.slice(0, -1).reduce(member, body);
      const key = details.path.at(-1).key;
      for (const error of model.errors) {
        const body = client.encodeError(error.code, { requestId: "req_123" });
        assert.ok(!Object.hasOwn(parentOf(JSON.parse(body), details) ?? {}, key), body);
        const given = client.encodeError(error.code, { requestId: "req_123", details: { a: 1 } });
        assert.deepEqual(parentOf(JSON.parse(given), details)[key], { a: 1 });
      }
    });

    test("refuses a code that is not the spec's", () => {
      for (const other of ["no such code", "__proto__", "constructor"].filter((code) => !client.isErrorCode(code))) {
        assert.throws(() => client.encodeError(other), TypeError);
      }
    });
  });

  describe(`${model.api.id} (${format}): retrying`, () => {
    const policy = client.defaultRetryPolicy;
    const decodeWith = (status, headers, now) => client.decodeError(status, headers, "not json", { now });

    test("reads Retry-After as delta-seconds or an HTTP-date, whatever the header's case and form", () => {
      const now = Date.UTC(2024, 0, 1, 12, 0, 0);
      const cases = [
        ["120", 120000],
        [" 7 ", 7000],
        ["Mon, 01 Jan 2024 12:00:30 GMT", 30000],
        ["Monday, 01-Jan-24 12:01:00 GMT", 60000],
        ["Mon Jan  1 12:00:05 2024", 5000],
        ["mon, 01 JAN 2024 12:00:59 GMT", 59000],
        ["Sun, 31 Dec 2023 12:00:00 GMT", 0],
        ["Mon, 01 Jan 2024 12:00:60 GMT", 59000],
        ["Thu, 30 Feb 2024 12:00:00 GMT", null],
        ["Mon, 01 Jan 2024 24:00:00 GMT", null],
        ["1.5", null],
        ["-1", null],
        ["soon", null],
        ["", null],
      ];
      // Repeated lines joined as fetch joins them (RFC 9110 5.3): the first element that is one.
      const joined = [
        ["1, 2", 1000],
        ["soon, 3", 3000],
        ["Mon, 01 Jan 2024 12:00:30 GMT, Mon, 01 Jan 2024 12:00:40 GMT", 30000],
        ["soon, Mon, 01 Jan 2024 12:00:40 GMT", 40000],
        [" , ", null],
      ];
      for (const [value, expected] of cases) assert.equal(client.parseRetryAfter(value, now), expected, value);
      for (const [value, expected] of [...cases, ...joined]) {
        for (const [form, headers] of headerForms([[retryHeader.toUpperCase(), value]])) {
          assert.equal(client.decodeError(429, headers, "", { now }).retryAfterMs, expected, `${value} (${form})`);
        }
      }
      for (const [form, headers] of headerForms([[retryHeader, "1"], [retryHeader, "2"]])) {
        assert.equal(decodeWith(429, headers, now).retryAfterMs, 1000, `two lines (${form})`);
      }
      assert.equal(decodeWith(429, noHeaders).retryAfterMs, null);
    });

    test("prefers the milliseconds header where the spec names one", { skip: !model.headers.has_retry_after_ms }, () => {
      const name = model.headers.retry_after_ms;
      assert.equal(decodeWith(429, { [retryHeader]: "10", [name.toUpperCase()]: "1500" }).retryAfterMs, 1500);
      assert.equal(decodeWith(429, { [retryHeader]: "10", [name]: "soon" }).retryAfterMs, 10000);
    });

    test("decides on every error of the spec as docs/client-semantics.md says", () => {
      for (const error of model.errors) {
        const body = client.encodeError(error.code);
        const decoded = client.decodeError(error.status, noHeaders, body);
        const decide = (failure, attempt, idempotent) => client.decideRetry(failure, attempt, { idempotent, random: () => 0.5 });
        assert.equal(decide(decoded, policy.maxAttempts, true).reason, "attempts_exhausted", error.code);
        if (error.retry === "never") {
          assert.deepEqual(decide(decoded, 1, true), { retry: false, delayMs: 0, reason: "not_retryable", retryAfterMs: null }, error.code);
          continue;
        }
        if (policy.maxAttempts < 2) continue;
        assert.equal(decide(decoded, 1, false).reason, error.retry_safe ? "backoff" : "not_idempotent", error.code);
        const bound = Math.min(policy.maxDelayMs, policy.initialDelayMs);
        assert.deepEqual(decide(decoded, 1, true), { retry: true, delayMs: Math.floor(bound * 0.5), reason: "backoff", retryAfterMs: null }, error.code);
        const waiting = client.decodeError(error.status, [[retryHeader, "3"]], body);
        const retryAfterCap = { ...policy, maxRetryAfterMs: 3000 };
        assert.deepEqual(client.decideRetry(waiting, 1, { idempotent: true, policy: retryAfterCap }), { retry: true, delayMs: 3000, reason: "retry_after", retryAfterMs: 3000 });
        const rateLimitedWithRetryAfter = error.condition === "rate_limited" || error.retry_safe;
        assert.equal(client.decideRetry(waiting, 1, { idempotent: false, policy: retryAfterCap }).reason, rateLimitedWithRetryAfter ? "retry_after" : "not_idempotent");
        const patient = client.decodeError(error.status, [[retryHeader, String(policy.maxRetryAfterMs / 1000 + 1)]], body);
        assert.deepEqual(decide(patient, 1, true), { retry: false, delayMs: 0, reason: "retry_after_too_long", retryAfterMs: policy.maxRetryAfterMs + 1000 });
      }
    });

    test("takes a partial policy over the spec's, member by member", () => {
      const failure = decodeWith(503, noHeaders);
      const options = (policy) => ({ idempotent: true, policy, random: () => 0.999999 });
      assert.equal(client.decideRetry(failure, 1, options({ initialDelayMs: 1000, maxDelayMs: 1000 })).delayMs, 999);
      assert.equal(client.decideRetry(failure, 5, options({ maxAttempts: 5 })).reason, "attempts_exhausted");
      assert.equal(client.decideRetry(failure, 5, options({ maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 800 })).delayMs, 799);
      // Members that are no numbers keep the spec's.
      assert.equal(client.decideRetry(failure, policy.maxAttempts, options({ maxAttempts: undefined, maxDelayMs: "x" })).reason, "attempts_exhausted");
    });

    test("retries an error that is not in the spec by its status", () => {
      assert.equal(decodeWith(503, noHeaders).retryKind, "backoff");
      assert.equal(decodeWith(429, noHeaders).retryKind, "after_retry_after");
      assert.equal(decodeWith(404, noHeaders).retryKind, "never");
      assert.equal(client.decideRetry(decodeWith(404, noHeaders), 1, { idempotent: true }).reason, "not_retryable");
    });
  });
}

test(`${model.api.id}: a JavaScript-only user gets declarations beside the ESM module`, () => {
  assert.ok(existsSync(join(esm, `${model.api.id}-errors.d.ts`)));
  assert.ok(existsSync(join(esm, "errspec-runtime.d.ts")));
});
