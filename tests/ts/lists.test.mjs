// Envelopes whose errors sit in a list (the JSON:API and GraphQL fixtures of tests/formats):
// decodeErrors returns every error, decodeError the first, encodeErrors writes several; a status
// typed as a JSON string; 10 000 elements and elements of the wrong shape. As lists_test.cpp does
// for the C++ client.
//
// Environment: ERRSPEC_TS_OUT, the folder of the compiled (CommonJS) modules of every spec.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";

const { ERRSPEC_TS_OUT: out } = process.env;
assert.ok(out, "set ERRSPEC_TS_OUT");
const load = createRequire(import.meta.url);
const jsonapi = load(join(out, "jsonapi-errors.js"));
const graphql = load(join(out, "graphql-errors.js"));

const twoErrors = JSON.stringify({
  errors: [
    { status: "422", code: "invalid_attribute", title: "Invalid attribute", detail: "Title must not be blank.", source: { pointer: "/data/attributes/title" } },
    { status: "404", code: "not_found", detail: "No such author." },
  ],
  jsonapi: { version: "1.1" },
});

const listOf = (count, element) => `{"errors":[${Array(count).fill(element).join(",")}]}`;

// The fastest of three runs of `run`, in milliseconds.
function fastestOfThree(run) {
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

describe("lists of errors", () => {
  test("decodeErrors returns every error, each with its own code, message and details", () => {
    const errors = jsonapi.decodeErrors(422, { "X-Request-Id": "req_7" }, twoErrors);
    assert.equal(errors.length, 2);
    assert.deepEqual(errors.map((error) => [error.code, error.serverMessage, error.requestId, error.status]), [
      ["invalid_attribute", "Title must not be blank.", "req_7", 422],
      ["not_found", "No such author.", "req_7", 422],
    ]);
    assert.deepEqual(errors[0].details, { pointer: "/data/attributes/title" });
    assert.equal(errors[1].details, null);
    const first = jsonapi.decodeError(422, {}, twoErrors);
    assert.equal(first.code, "invalid_attribute");
  });

  test("a status typed string is read from a string only, and written as one", () => {
    const statusOf = (status) => jsonapi.decodeError(200, {}, `{"errors":[{"status":${status},"code":"conflict"}]}`).status;
    assert.equal(statusOf('"409"'), 409);
    assert.equal(statusOf("409"), 200);
    assert.equal(statusOf('"4o9"'), 200);
    assert.equal(JSON.parse(jsonapi.encodeError("unsupported_media_type")).errors[0].status, "415");
  });

  test("encodeErrors writes one element per error, as the C++ encoder does; decodeErrors reads them back", () => {
    const body = jsonapi.encodeErrors([
      { code: "invalid_attribute", message: "Title must not be blank.", details: { pointer: "/data/attributes/title" } },
      { code: "not_found" },
    ]);
    assert.equal(body,
      '{"errors":[{"status":"422","code":"invalid_attribute","title":"Invalid attribute","detail":"Title must not be blank.",' +
      '"source":{"pointer":"/data/attributes/title"}},{"status":"404","code":"not_found","title":"Resource not found",' +
      '"detail":"The resource does not exist."}],"jsonapi":{"version":"1.1"}}');
    assert.deepEqual(jsonapi.decodeErrors(422, {}, body).map((error) => error.code), ["invalid_attribute", "not_found"]);
    assert.equal(jsonapi.encodeErrors([]), '{"errors":[],"jsonapi":{"version":"1.1"}}');
    assert.equal(jsonapi.decodeErrors(422, {}, jsonapi.encodeErrors([])).length, 1);
    assert.throws(() => jsonapi.encodeErrors([{ code: "nope" }]), TypeError);
  });

  test("GraphQL: errors of an HTTP 200 answer, each with its extensions.code", () => {
    const body = JSON.stringify({
      errors: [
        { message: "Invalid email address.", extensions: { code: "BAD_USER_INPUT" }, path: ["signUp"] },
        { message: "Unexpected error.", locations: [{ line: 2, column: 3 }], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      ],
      data: null,
    });
    const errors = graphql.decodeErrors(200, {}, body);
    assert.deepEqual(errors.map((error) => [error.code, error.serverMessage, error.status]), [
      ["BAD_USER_INPUT", "Invalid email address.", 200],
      ["INTERNAL_SERVER_ERROR", "Unexpected error.", 200],
    ]);
    assert.equal(graphql.decodeError(200, {}, '{"errors":[{"extensions":["BAD_USER_INPUT"]}]}').code, null);
    assert.equal(graphql.decodeError(200, {}, '{"errors":{"message":"x","extensions":{"code":"BAD_REQUEST"}}}').code, null);
    assert.equal(graphql.decodeError(400, {}, '{"extensions":{"code":"BAD_REQUEST"},"errors":[{}]}').code, null);
  });

  test("elements of the wrong shape are skipped or unrecognised, never thrown on", () => {
    const body = '{"errors":[1,"x",null,true,[{"code":"not_found"}],{"code":5},{"code":{"nested":"not_found"}},{},' +
      '{"status":"404","code":"not_found","source":[1,{"pointer":"/a"}]},[[[]]]]}';
    const errors = jsonapi.decodeErrors(404, {}, body);
    assert.deepEqual(errors.map((error) => [error.code, error.rawCode]), [[null, "5"], [null, ""], [null, ""], ["not_found", "not_found"]]);
    assert.deepEqual(errors[3].details, [1, { pointer: "/a" }]);
    const truncated = jsonapi.decodeErrors(422, {}, '{"errors":[{"code":"not_found"},{"code":"confl');
    assert.equal(truncated[0].rawCode, "not_found");
    assert.equal(truncated[0].code, null);
    assert.doesNotThrow(() => jsonapi.decodeErrors(400, {}, `{"errors":[${"[".repeat(100000)}`));
  });

  test("10 000 elements decode, every one, in time linear in the body", () => {
    const element = '{"status":"422","code":"invalid_attribute","detail":"Bad.","source":{"pointer":"/data/attributes/title"}}';
    const small = listOf(10000, element);
    const errors = jsonapi.decodeErrors(422, {}, small);
    assert.equal(errors.length, 10000);
    assert.equal(errors[9999].code, "invalid_attribute");
    // Four times the elements take about four times as long (a quadratic reader: sixteen). Each
    // error is an Error, whose stack trace costs most of the time: 2 500 against 10 000 elements.
    const quarter = listOf(2500, element);
    const quarterTime = fastestOfThree(() => jsonapi.decodeErrors(422, {}, quarter));
    const wholeTime = fastestOfThree(() => jsonapi.decodeErrors(422, {}, small));
    assert.ok(wholeTime < 8 * quarterTime + 5, `2 500 elements: ${quarterTime} ms; 10 000: ${wholeTime} ms`);
    assert.equal(jsonapi.decodeErrors(422, {}, listOf(10000, '[{"code":"not_found"}],7,{"source":[[{}]]}')).length, 10000);
  });
});

describe("placeholder types", () => {
  const textcodes = load(join(out, "textcodes-errors.js"));
  test("integer codes typed string are written as text and read only from text", () => {
    assert.equal(textcodes.encodeError("20404"), '{"code":"20404","msg":"No such record."}');
    assert.equal(textcodes.decodeError(404, {}, '{"code":"20404"}').code, "20404");
    const number = textcodes.decodeError(404, {}, '{"code":20404}');
    assert.equal(number.code, null);
    assert.equal(number.rawCode, "");
  });
});

describe("subcodes", () => {
  const stripe = load(join(out, "stripe-errors.js"));
  test("Stripe: decline_code is the subcode of card_declined, narrowed and written back", () => {
    const body = '{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}';
    const declined = stripe.decodeError(402, {}, body);
    assert.deepEqual([declined.code, declined.subcode, declined.rawSubcode], ["card_declined", "insufficient_funds", "insufficient_funds"]);
    const newer = stripe.decodeError(402, {}, '{"error":{"code":"card_declined","decline_code":"new_reason"}}');
    assert.deepEqual([newer.subcode, newer.rawSubcode], [null, "new_reason"]);
    assert.equal(stripe.decodeError(402, {}, '{"error":{"code":"expired_card","decline_code":"lost_card"}}').subcode, null);
    assert.equal(JSON.parse(stripe.encodeError("card_declined", { subcode: "stolen_card" })).error.decline_code, "stolen_card");
    assert.equal("decline_code" in JSON.parse(stripe.encodeError("card_declined")).error, false);
    assert.deepEqual(stripe.errorInfo.card_declined.subcodes, ["insufficient_funds", "lost_card", "stolen_card", "do_not_honor", "generic_decline"]);
  });
});
