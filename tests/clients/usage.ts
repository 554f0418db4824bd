// A client of the generated TypeScript modules (tests/data/*-catalog.ts),
// compiled by run.sh with `tsc --strict`, then run with node. The lines
// marked @ts-expect-error must fail to compile: tsc reports them otherwise.
// RECORDS (./bodies.ts) is written by run.sh from tests/sdk/bodies.json:
// what examples/phala_server.rs answers, byte for byte.

import {
  CATALOG,
  type CatalogErrorBody,
  type ErrorCode,
  type ErrorCodeFacts,
  isCatalogError,
  isErrorCode,
} from "./phala-catalog.js";
import * as edges from "./edges-catalog.js";
import * as empty from "./empty-catalog.js";
import { RECORDS } from "./bodies.js";

// Node's console, without the types of node or of the DOM.
declare const console: { log(message: string): void };

const failures: string[] = [];
let checks = 0;

function check(condition: boolean, what: string): void {
  checks += 1;
  if (!condition) {
    failures.push(what);
  }
}

// Types: the union is closed, and the map has the facts of every code.
const facts: ErrorCodeFacts = CATALOG["ERR-01-004"];
const status: number | null = CATALOG["ERR-01-005"].status;
// @ts-expect-error: not a code of the catalog
const notACode: ErrorCode = "ERR-09-999";
// @ts-expect-error: a body's code is one of the catalog's
const wrongBody: CatalogErrorBody = { error_code: "ERR-09-999", message: "" };
// @ts-expect-error: the map has no fact it was not given
CATALOG["ERR-01-004"].colour;
// Severity, retry and page: none stated by the Phala codes, typed all the same.
const severity: string | null = CATALOG["ERR-01-004"].severity;
const retryable: boolean | null = CATALOG["ERR-01-004"].retryable;
const url: string | null = CATALOG["ERR-01-004"].url;
check(severity === null && retryable === null && url === null, "severity, retryable and url of a Phala code");
check(facts.name === "DuplicateCvmNameError" && facts.fields.join() === "name" && status === 465, "facts");
check(wrongBody.message === "" && notACode.length > 0, "values of the lines that must not compile");

/** The message a template gives when every field it reads is a detail. */
function fill(template: string, templateFields: readonly string[], body: CatalogErrorBody): string | null {
  let message = template;
  for (const field of templateFields) {
    const detail = body.details?.find((item) => item.field === field);
    if (detail === undefined) {
      return null;
    }
    message = message.split(`{${field}}`).join(String(detail.value));
  }
  return message;
}

// What the server answers: every flat error body is the catalog's, and its
// facts agree with it; problem documents and successes are not.
let flatErrors = 0;
for (const record of RECORDS) {
  const body: unknown = JSON.parse(record.raw);
  const flatError = record.content_type === "application/json" && record.status >= 400;
  check(isCatalogError(body) === flatError, `${record.name} (${record.content_type}, ${record.status}): the guard`);
  if (flatError && isCatalogError(body)) {
    flatErrors += 1;
    const facts = CATALOG[body.error_code];
    check(facts.status === record.status, `${record.name}: status ${facts.status}, answered ${record.status}`);
    check(body.request_id === "rid-123", `${record.name}: request id`);
    for (const detail of body.details ?? []) {
      check(facts.details.includes(detail.field), `${record.name}: detail ${detail.field}`);
    }
    const expected = fill(facts.message, facts.fields, body);
    check(expected === null || expected === body.message, `${record.name}: message ${body.message}`);
  }
}
check(flatErrors >= 3, `flat error bodies replayed: ${flatErrors}`);
check(isErrorCode("ERR-03-005") && !isErrorCode("ERR-03-003") && !isErrorCode(4), "isErrorCode");

// The guard accepts exactly the flat body: each member of the right type.
const body = {
  error_code: "ERR-01-004",
  message: "A CVM with name 'web' already exists",
  request_id: "rid-1",
  details: [{ field: "name", value: "web", message: null }],
  suggestions: ["Pick another name"],
  links: [{ url: "https://docs.example.com", label: "Docs" }],
};
check(isCatalogError(body), "a full body");
check(isCatalogError({ error_code: "ERR-03-005", message: "" }), "a body with only its required members");
check(isCatalogError({ ...body, server_time: 1 }), "a body with a member added by a newer server");
check(isCatalogError({ ...body, details: [{ field: "n", value: null, message: "too long" }] }), "a detail message");
const rejected: [string, unknown][] = [
  ["null", null],
  ["an array", [body]],
  ["a string", JSON.stringify(body)],
  ["an unknown code", { ...body, error_code: "ERR-09-999" }],
  ["a code of Object.prototype", { ...body, error_code: "toString" }],
  ["__proto__ as the code", JSON.parse('{"error_code": "__proto__", "message": ""}')],
  ["no message", { error_code: "ERR-01-004" }],
  ["a message that is not a string", { ...body, message: 1 }],
  ["a null request id", { ...body, request_id: null }],
  ["details not an array", { ...body, details: { field: "name" } }],
  ["a detail without value", { ...body, details: [{ field: "name", message: null }] }],
  ["a detail without message", { ...body, details: [{ field: "name", value: "web" }] }],
  ["a detail field that is not a string", { ...body, details: [{ field: 1, value: "web", message: null }] }],
  ["a suggestion that is not a string", { ...body, suggestions: [1] }],
  ["a link without label", { ...body, links: [{ url: "https://docs.example.com" }] }],
];
for (const [what, value] of rejected) {
  check(!isCatalogError(value), `rejects ${what}`);
}

// The catalog of edge cases: texts and codes read back as written, here in
// TypeScript's own escapes.
const texts = "E\"\\'\u00e902\u2028001";
const cvm = ["E\"\\'\u00e903\u2028003", "E\"\\'\u00e903\u2028004"];
check(edges.isErrorCode(texts) && cvm.every(edges.isErrorCode), "edge codes are codes");
check(Object.keys(edges.CATALOG).length === 13, "thirteen edge codes");
if (edges.isErrorCode(texts)) {
  const facts = edges.CATALOG[texts];
  check(facts.status === 599 && facts.name === "Texts */", "edge status and name");
  check(
    facts.message ===
      "\" ' \\ {{braces}} ${{x}} `tick` */ \"\"\" line\nbreak\r\ttab nul\0 ls\u2028 rlo\u202e \u00e9 \u{1F600} {value}",
    "edge message",
  );
  check(facts.description === "ends */ // # \"\"\" '''\n<script>\u2029", "edge description");
  check(facts.details.length === 1 && facts.details[0] === 'a "quoted" field\n', "edge detail name");
}
const names = Object.values(edges.CATALOG).map((facts) => facts.name);
check(
  ["class", "None", "CatalogError", "str", "1Bad", "\u041e\u0448\u0438\u0431\u043a\u0430", "Foo-Error", "Foo_Error", "__proto__"].every(
    (name) => names.includes(name),
  ),
  "edge class names",
);
check(cvm.every((code) => edges.isErrorCode(code) && edges.CATALOG[code].name === "CvmNotInWorkspaceError"), "two codes, one class");

// A catalog without codes.
const none: readonly empty.ErrorCode[] = [];
check(none.length === 0 && Object.keys(empty.CATALOG).length === 0, "no code");
check(!empty.isErrorCode("ERR-01-004") && !empty.isCatalogError(body), "nothing is a code of an empty catalog");

if (failures.length > 0) {
  throw new Error(`ts: ${failures.length} of ${checks} checks failed:\n${failures.join("\n")}`);
}
console.log(`ts: ${checks} checks passed`);
