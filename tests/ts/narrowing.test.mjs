// A switch on a decoded error's code narrows it, for one spec: a consumer with a case per code of
// the spec (reading each typed details member as its type) compiles at the strictest settings
// (ts/tsconfig.json: strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess), and the same
// consumer with a case missing does not. `@ts-expect-error` lines state what must not compile.
//
// Environment: ERRSPEC, the errspec executable; ERRSPEC_SPEC, the spec; ERRSPEC_GENERATED, the
// generated TypeScript; ERRSPEC_TSC, tsc; ERRSPEC_TS_CONFIG, the strict tsconfig.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { ERRSPEC: errspec, ERRSPEC_SPEC: spec, ERRSPEC_GENERATED: generated, ERRSPEC_TSC: tsc, ERRSPEC_TS_CONFIG: tsconfig } = process.env;
assert.ok(errspec && spec && generated && tsc && tsconfig, "set ERRSPEC, ERRSPEC_SPEC, ERRSPEC_GENERATED, ERRSPEC_TSC and ERRSPEC_TS_CONFIG");
const model = JSON.parse(execFileSync(errspec, ["model", spec], { encoding: "utf8", maxBuffer: 1 << 28 }));
const moduleName = `${model.api.id}-errors`;

// The consumer: a handler with a case for every code, except `missing` when given.
function consumer(missing) {
  const lines = [
    `import { decodeError, encodeError, isApiError, type ApiError } from "./${moduleName}.js";`,
    "",
    "export function handle(error: ApiError): string {",
    "  switch (error.code) {",
  ];
  for (const [index, ts] of model.typescript.errors.entries()) {
    if (index === missing) continue;
    lines.push(`    case ${ts.code_json}: {`);
    if (ts.has_typed_details) {
      ts.details.forEach((member, memberIndex) => {
        lines.push(`      const member${memberIndex}: ${member.type} | undefined = error.details?.[${member.name_json}];`);
        lines.push(`      void member${memberIndex};`);
        if (member.type !== "unknown") {
          lines.push("      // @ts-expect-error: a typed member is not any type");
          lines.push(`      const wrong${memberIndex}: symbol | undefined = error.details?.[${member.name_json}];`);
          lines.push(`      void wrong${memberIndex};`);
          lines.push("      // @ts-expect-error: nor can it be encoded as one");
          lines.push(`      encodeError(${ts.code_json}, { details: { ${member.name_json}: Symbol("wrong") } });`);
        }
      });
    } else {
      lines.push("      const details: unknown = error.details;");
      lines.push("      void details;");
    }
    lines.push(`      return error.code;`);
    lines.push("    }");
  }
  lines.push(
    "    case null:",
    "      return error.rawCode;",
    "    default: {",
    "      const unhandled: never = error;",
    "      return unhandled;",
    "    }",
    "  }",
    "}",
    "",
    "export function fromUnknown(thrown: unknown): string {",
    "  return isApiError(thrown) ? handle(thrown) : \"not ours\";",
    "}",
    "",
    "handle(decodeError(500, null, undefined));",
    "// @ts-expect-error: a code that is not the spec's",
    "encodeError(\"no such code, surely\");",
  );
  return lines.join("\n") + "\n";
}

// tsc's output on the consumer, "" when it compiles.
function compile(source) {
  const work = mkdtempSync(join(tmpdir(), `errspec-narrowing-${model.api.id}-`));
  for (const file of [`${moduleName}.ts`, "errspec-runtime.ts"]) copyFileSync(join(generated, file), join(work, file));
  writeFileSync(join(work, "consumer.ts"), source);
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ extends: tsconfig, include: ["*.ts"], compilerOptions: { noEmit: true } }));
  try {
    execFileSync(tsc, ["-p", join(work, "tsconfig.json")], { encoding: "utf8" });
    return "";
  } catch (failure) {
    return failure.stdout || String(failure);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test(`${model.api.id}: a switch with a case per code narrows and compiles`, () => {
  assert.equal(compile(consumer()), "");
});

test(`${model.api.id}: a switch missing a case does not compile`, () => {
  assert.match(compile(consumer(0)), /is not assignable to type 'never'/);
});
