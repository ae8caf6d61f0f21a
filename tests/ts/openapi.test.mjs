// The openapi target's document, for one spec, read as YAML 1.2 by a strict reader: it lists every
// code, has one response per status the spec's errors and examples use, and each example decodes
// with the typescript target's client to the error it shows. (Redocly's lint, a separate test,
// checks the document against OpenAPI 3.1 and every example against the envelope schema.)
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SPEC, the spec; ERRSPEC_GENERATED, the
// folder holding <api id>-errors.openapi.yaml; ERRSPEC_TS_OUT, the folder of the compiled client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseDocument } from "yaml";

const { ERRSPEC: errspec, ERRSPEC_SPEC: spec, ERRSPEC_GENERATED: generated, ERRSPEC_TS_OUT: out } = process.env;
assert.ok(errspec && spec && generated && out, "set ERRSPEC, ERRSPEC_SPEC, ERRSPEC_GENERATED and ERRSPEC_TS_OUT");
const model = JSON.parse(execFileSync(errspec, ["model", spec], { encoding: "utf8", maxBuffer: 1 << 28 }));
const client = createRequire(import.meta.url)(join(out, `${model.api.id}-errors.js`));
const prefix = model.openapi.prefix;

const document = parseDocument(readFileSync(join(generated, `${model.api.id}-errors.openapi.yaml`), "utf8"), {
  version: "1.2",
  uniqueKeys: true,
  prettyErrors: false,
});
const openapi = document.toJS();

test(`${model.api.id}: the document is plain YAML 1.2`, () => {
  assert.deepEqual(document.errors, []);
  assert.deepEqual(document.warnings, []);
  assert.equal(openapi.openapi, "3.1.0");
});

test(`${model.api.id}: the code schema lists every code as the wire carries it`, { skip: !model.envelope.has_code }, () => {
  const codes = model.errors.map((error) => (model.integer_codes ? Number(error.code) : error.code));
  assert.deepEqual(openapi.components.schemas[`${prefix}ErrorCode`].enum, codes);
});

test(`${model.api.id}: one response per status, each example decoding to its error`, () => {
  const isObject = (text) => {
    try {
      const value = JSON.parse(text);
      return typeof value === "object" && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  };
  // Spec examples that are no JSON object cannot be media type examples of the envelope.
  const exampleStatuses = (error) => error.examples.filter((example) => isObject(example.body)).map((example) => example.status);
  const statuses = new Set(model.errors.flatMap((error) => [error.status, ...exampleStatuses(error)]));
  const responses = openapi.components.responses;
  for (const status of statuses) {
    const response = responses[`${prefix}Error${status}`];
    const examples = Object.entries(response.content[model.envelope.content_type].examples);
    assert.ok(examples.length > 0, `no example for ${status}`);
    for (const [name, example] of examples) {
      const decoded = client.decodeError(status, [], JSON.stringify(example.value));
      assert.ok(name === decoded.code || name.startsWith(`${decoded.code}_example`), `${name} decodes to ${decoded.code}`);
    }
  }
  assert.equal(Object.keys(responses).length, statuses.size);
});

test(`${model.api.id}: every error's own example is the body the client encodes`, () => {
  for (const error of model.errors) {
    const examples = openapi.components.responses[`${prefix}Error${error.status}`].content[model.envelope.content_type].examples;
    // A message with parameters is shown as the spec writes it, which the encoder sends only when
    // asked; the example carries the first subcode the error lists.
    const message = error.has_params ? error.message : undefined;
    const subcode = error.subcodes[0]?.code;
    assert.equal(JSON.stringify(examples[error.code].value), client.encodeError(error.code, { message, requestId: "req_123", subcode }));
  }
});
