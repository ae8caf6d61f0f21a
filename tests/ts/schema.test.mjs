// The JSON Schema (schema/errspec.schema.json) and errspec's loader agree on the bad-spec corpus
// (tests/bad/): an editor validating with the schema flags what `errspec check` rejects for its
// shape, and flags nothing in a spec errspec accepts.
//
// A schema sees one document as a YAML reader parses it: keys, types, and the rules a schema can
// state. So a bad spec must be rejected by the schema (or by the YAML reader before it) when one of
// its errors is of the kinds in `schemaCatches`. The other kinds are beyond a JSON Schema and only
// `errspec check` reports them: rules across the spec (duplicate codes, ids or categories, an
// undeclared category or field, overlapping match rules, a match rule in an envelope with codes,
// integer and string codes mixed, C++ names that collide or are keywords), rules on the text of
// envelope.body's placeholders, and YAML itself (invalid UTF-8, aliases past the limits, depth).
// For those, either answer of the schema is fine; the test prints which one it gave.
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SOURCE_DIR, the repository.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parseDocument } from "yaml";

const source = process.env.ERRSPEC_SOURCE_DIR;
const errspec = process.env.ERRSPEC;
assert.ok(source && errspec, "set ERRSPEC and ERRSPEC_SOURCE_DIR");

// The loader's and checker's messages for what the schema states too.
const schemaCatches = [
  { kind: "unknown key", message: /unknown key '/ },
  { kind: "missing required key", message: /missing required key '/ },
  { kind: "wrong type", message: /must be (a string|a list|a mapping|an integer|true or false)(,|$)/ },
  { kind: "empty errors", message: /'errors' is empty/ },
  { kind: "format version", message: /this spec is errspec format version/ },
  { kind: "body not a mapping", message: /envelope\.body must be a mapping/ },
  { kind: "api.id or category id pattern", message: /must match \[a-z\]\[a-z0-9_\]\*/ },
  { kind: "HTTP status range", message: /is not an HTTP status \(100-599\)/ },
  { kind: "retry kind", message: /retry must be never, backoff or after_retry_after/ },
  { kind: "condition", message: /condition must be one of docs\/client-semantics\.md's conditions/ },
  { kind: "enum id range", message: /id must be between 1 and 65535/ },
  { kind: "retry policy ranges", message: /max_attempts must be between 1 and 100|retry delays are milliseconds between/ },
  { kind: "URL", message: /is not an http:\/\/ or https:\/\/ URL/ },
  { kind: "header name", message: /is not a valid HTTP header name/ },
  { kind: "match shape", message: /match takes message or message_contains, not both|match needs status, message or message_contains/ },
  { kind: "parameter type", message: /parameter type must be string or integer/ },
  { kind: "envelope field name", message: /is a built-in placeholder already|must be a name \(\[A-Za-z\]/ },
  { kind: "locale tag", message: /is not a locale tag|must be locales/ },
  { kind: "control character", message: /control character U\+/ },
];

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(join(source, "schema/errspec.schema.json"), "utf8")));

// What an editor reports: the YAML reader's first error, else the schema's errors; [] when none.
function editorProblems(text) {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return [`YAML: ${document.errors[0].message.split("\n")[0]}`];
  let value;
  try {
    value = document.toJS();  // resolves aliases, within the reader's own limits
  } catch (failure) {
    return [`YAML: ${failure.message}`];
  }
  if (validate(value)) return [];
  return validate.errors.map((error) => `schema: ${error.instancePath || "/"} ${error.message}`);
}

// The errors `errspec check` reports for a file, and whether it accepts it.
function loaderVerdict(path) {
  try {
    execFileSync(errspec, ["check", path], { stdio: "pipe" });
    return { accepted: true, errors: [] };
  } catch (failure) {
    const lines = failure.stderr.toString().split("\n");
    return { accepted: false, errors: lines.filter((line) => line.includes(": error: ")) };
  }
}

const badDir = join(source, "tests/bad");
const badSpecs = readdirSync(badDir).filter((name) => name.endsWith(".yaml")).sort();

let mustReject = 0;
for (const name of badSpecs) {
  const path = join(badDir, name);
  const loader = loaderVerdict(path);
  const caught = schemaCatches.filter(({ message }) => loader.errors.some((line) => message.test(line)));
  if (caught.length > 0) mustReject += 1;
  test(name, (t) => {
    const problems = editorProblems(readFileSync(path, "utf8"));
    if (loader.accepted) {
      assert.deepEqual(problems, [], "errspec accepts this spec; the schema must too");
    } else if (caught.length > 0) {
      const kinds = caught.map(({ kind }) => kind).join(", ");
      assert.notDeepEqual(problems, [], `errspec rejects it (${kinds}); the schema must too:\n${loader.errors.join("\n")}`);
    } else {
      t.diagnostic(`beyond the schema; the schema ${problems.length > 0 ? "rejects it too" : "accepts it"}`);
    }
  });
}

test("the corpus exercises the schema", () => {
  // Guards against the loader's wording drifting away from schemaCatches, which would quietly
  // turn every case into "beyond the schema".
  assert.ok(mustReject >= 15, `only ${mustReject} bad specs have errors the schema must catch`);
});
