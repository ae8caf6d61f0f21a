// The typescript target's client, for one spec: the compiled module must decode every example of
// the spec to its error, give every error back after encoding it, survive bodies that are no
// envelope, and advise on retrying as the C++ client does. Every expectation comes from the spec's
// model (`errspec model`), none is copied by hand.
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SPEC, the spec; ERRSPEC_TS_OUT, the folder
// holding the compiled <api id>-errors.js.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const { ERRSPEC: errspec, ERRSPEC_SPEC: spec, ERRSPEC_TS_OUT: out } = process.env;
assert.ok(errspec && spec && out, "set ERRSPEC, ERRSPEC_SPEC and ERRSPEC_TS_OUT");
const model = JSON.parse(execFileSync(errspec, ["model", spec], { encoding: "utf8", maxBuffer: 1 << 28 }));
const client = createRequire(import.meta.url)(join(out, `${model.api.id}-errors.js`));

const slotNames = new Set(model.envelope.slots.map((slot) => slot.name));
const codeless = !model.envelope.has_code;
const retryHeader = model.headers.retry_after;
const noHeaders = [];

describe(`${model.api.id}: metadata`, () => {
  test("lists every code in spec order", () => {
    assert.deepEqual(client.errorCodes, model.errors.map((error) => error.code));
  });

  test("describes every code as the spec does", () => {
    for (const error of model.errors) {
      assert.ok(client.isErrorCode(error.code));
      assert.deepEqual(client.errorInfo[error.code], {
        code: error.code,
        status: error.status,
        title: error.title,
        message: error.message,
        category: error.has_category ? error.category : null,
        retry: error.retry,
        fields: Object.fromEntries(error.fields.map((field) => [field.name, field.value])),
      });
    }
  });

  test("knows no code the spec does not have", () => {
    for (const other of ["", "constructor", "__proto__", "toString", "no such code"]) {
      assert.equal(client.isErrorCode(other), model.errors.some((error) => error.code === other), other);
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

describe(`${model.api.id}: decoding`, () => {
  test("decodes every example of the spec to its error", () => {
    for (const error of model.errors) {
      for (const example of error.examples) {
        const headers = example.headers.map((header) => [header.name, header.value]);
        const decoded = client.decodeError(example.status, headers, example.body);
        assert.equal(decoded.code, error.code, `${error.code}: ${example.body}`);
        if (example.has_request_id) assert.equal(decoded.requestId, example.request_id);
      }
    }
  });

  test("reads the request id from the header whatever its case, and the body's first", { skip: !model.headers.has_request_id }, () => {
    const error = model.errors[0];
    const name = model.headers.request_id;
    for (const headers of [[[name.toUpperCase(), " from-header\t"]], { [name.toLowerCase()]: ["from-header", "second"] }]) {
      assert.equal(client.decodeError(error.status, headers, client.encodeError(error.code)).requestId, "from-header");
    }
    if (slotNames.has("request_id")) {
      const body = client.encodeError(error.code, undefined, "from-body");
      assert.equal(client.decodeError(error.status, [[name, "from-header"]], body).requestId, "from-body");
    }
  });

  test("keeps details as any JSON value", { skip: !slotNames.has("details") }, () => {
    const error = model.errors[0];
    for (const details of [[{ field: "name", problem: "too long" }], { nested: { deep: [1, "two", null] } }, "text", 3]) {
      const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code, undefined, undefined, details));
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
    for (const body of ["", " ", "null", "[]", "[{}]", "0", '"text"', "true", "<html><body>Bad gateway</body></html>", "{", '{"a":', "{}}", deep, deepObject, "\u0000", "\ud800"]) {
      const decoded = client.decodeError(502, noHeaders, body);
      assert.equal(decoded.code, null, JSON.stringify(body).slice(0, 80));
      assert.equal(decoded.status, 502);
    }
  });

  test("a truncated body is the unknown error, keeping the code and message read before the cut", () => {
    for (const error of model.errors) {
      const body = client.encodeError(error.code);
      const whole = client.decodeError(error.status, noHeaders, body);
      for (let cut = 0; cut < body.length; cut += 1) {
        const decoded = client.decodeError(error.status, noHeaders, body.slice(0, cut));
        assert.equal(decoded.code, null, body.slice(0, cut));
        assert.ok(decoded.message === "" || decoded.message === whole.message, body.slice(0, cut));
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
    assert.equal(decoded.message, slotNames.has("message") ? error.message : "");
  });
});

describe(`${model.api.id}: encoding`, () => {
  test("encode then decode gives every error back", () => {
    for (const error of model.errors) {
      const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code));
      assert.equal(decoded.code, error.code);
      assert.equal(decoded.rawCode, error.code);
      if (slotNames.has("message")) assert.equal(decoded.message, error.message);
      assert.equal(decoded.requestId, "");
      assert.equal(decoded.details, null);
    }
  });

  test("encode then decode keeps a message and request id of the caller's", () => {
    for (const error of model.errors) {
      // A code-less envelope tells errors apart by their message: only the default one is safe.
      const message = codeless ? undefined : "A message of the caller's: \"quoted\", ünïcödé, \ud83d\ude00";
      const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code, message, "req-42"));
      assert.equal(decoded.code, error.code);
      if (slotNames.has("message")) assert.equal(decoded.message, message ?? error.message);
      if (slotNames.has("request_id")) assert.equal(decoded.requestId, "req-42");
    }
  });

  test("leaves details out without a value, and writes them where given", () => {
    // (The openapi test checks the bodies themselves against the OpenAPI document's examples.)
    const details = model.envelope.slots.find((slot) => slot.name === "details" && slot.alone);
    const parentOf = (body, slot) => slot.path.slice(0, -1).reduce((value, segment) => value?.[segment.key], body);
    for (const error of model.errors) {
      if (!details) continue;
      const body = client.encodeError(error.code, undefined, "req_123");
      const key = details.path.at(-1).key;
      assert.ok(!Object.hasOwn(parentOf(JSON.parse(body), details) ?? {}, key), body);
      assert.deepEqual(parentOf(JSON.parse(client.encodeError(error.code, undefined, "req_123", { a: 1 })), details)[key], { a: 1 });
    }
  });
});

describe(`${model.api.id}: retrying`, () => {
  const policy = client.defaultRetryPolicy;
  const decodeWith = (status, headers) => client.decodeError(status, headers, "not json");

  test("reads Retry-After as delta-seconds or an HTTP-date, whatever the header's case", () => {
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
    for (const [value, expected] of cases) {
      assert.equal(client.parseRetryAfter(value, now), expected, value);
      assert.equal(client.decodeError(429, [[retryHeader.toUpperCase(), value]], "", now).retryAfterMs, expected, value);
    }
    assert.equal(decodeWith(429, noHeaders).retryAfterMs, null);
  });

  test("prefers the milliseconds header where the spec names one", { skip: !model.headers.has_retry_after_ms }, () => {
    const name = model.headers.retry_after_ms;
    assert.equal(decodeWith(429, { [retryHeader]: "10", [name.toUpperCase()]: "1500" }).retryAfterMs, 1500);
    assert.equal(decodeWith(429, { [retryHeader]: "10", [name]: "soon" }).retryAfterMs, 10000);
  });

  test("never retries an error whose advice is never, nor past max attempts or a long Retry-After", () => {
    for (const error of model.errors) {
      const decoded = client.decodeError(error.status, noHeaders, client.encodeError(error.code));
      assert.equal(client.retryKind(decoded), error.retry);
      if (error.retry === "never") assert.equal(client.nextDelay(decoded, 1, policy, () => 0.5), null);
      assert.equal(client.nextDelay(decoded, policy.maxAttempts, policy, () => 0.5), null);
      const patient = client.decodeError(error.status, [[retryHeader, String(policy.maxRetryAfterMs / 1000 + 1)]], client.encodeError(error.code));
      assert.equal(client.nextDelay(patient, 1, policy, () => 0.5), null);
    }
  });

  test("honours Retry-After, else backs off with full jitter", () => {
    const generous = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60000 };
    for (const error of model.errors.filter((candidate) => candidate.retry !== "never")) {
      const body = client.encodeError(error.code);
      const waiting = client.decodeError(error.status, [[retryHeader, "3"]], body);
      assert.equal(client.nextDelay(waiting, 1, generous, () => 0.9), 3000);
      const decoded = client.decodeError(error.status, noHeaders, body);
      const bounds = [100, 200, 400, 800, 1000, 1000];
      bounds.forEach((bound, index) => {
        assert.equal(client.nextDelay(decoded, index + 1, generous, () => 0), 0);
        assert.equal(client.nextDelay(decoded, index + 1, generous, () => 0.999999999), bound);
      });
      const delay = client.nextDelay(decoded, 2, generous);
      assert.ok(Number.isInteger(delay) && delay >= 0 && delay <= 200);
    }
  });

  test("retries an error that is not in the spec by its status", () => {
    assert.equal(client.retryKind(decodeWith(503, noHeaders)), "backoff");
    assert.equal(client.retryKind(decodeWith(429, noHeaders)), "after_retry_after");
    assert.equal(client.retryKind(decodeWith(404, noHeaders)), "never");
    assert.equal(client.nextDelay(decodeWith(404, noHeaders), 1), null);
  });
});
