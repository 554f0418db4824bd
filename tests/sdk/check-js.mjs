// Do the official Phala Cloud TypeScript SDK (@phala/cloud) and our error
// bodies agree?
//
//   node tests/sdk/check-js.mjs PREFIX tests/sdk/bodies.json
//
// PREFIX is where `npm install --prefix PREFIX @phala/cloud` put the SDK.
// bodies.json holds what examples/phala_server.rs answers (tests/http_axum.rs
// keeps it current). A loopback HTTP server replays those exact bytes, with
// their status and content type, and the SDK's own client calls it: the
// generic methods (`client.post/get/patch`, which turn a failed response into
// a typed error through `RequestError.fromFetchError` and `parseApiError`)
// and the actions that read an error body themselves (`getCvmInfo`,
// `updateCvmEnvs`, which maps a 465 to `precondition_required`).
//
// Exit status 0 when every expectation holds, 1 otherwise. The SDK version
// is pinned by run.sh: the expectations below are those of that version,
// including the incompatibilities it has with our bodies (KNOWN).

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual, inspect } from "node:util";

const [prefix, bodiesPath] = process.argv.slice(2);
if (!prefix || !bodiesPath) {
  console.error("usage: node check-js.mjs PREFIX bodies.json");
  process.exit(2);
}

const packageDir = join(prefix, "node_modules", "@phala", "cloud");
const packageJson = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const sdk = await import(pathToFileURL(join(packageDir, packageJson.exports["."].import)).href);
const bodies = JSON.parse(readFileSync(bodiesPath, "utf8"));
const REQUEST_ID = bodies.request_id;

let passed = 0;
let failed = 0;
const known = [];

function check(label, condition, detail) {
  if (condition) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${label}${detail === undefined ? "" : `: ${inspect(detail, { depth: 6 })}`}`);
  }
}

function same(label, actual, expected) {
  check(label, isDeepStrictEqual(actual, expected), { actual, expected });
}

/// Serves the records of one format, in order per method and path (the last
/// one again once they are used up), and checks each request's id.
async function replay(records) {
  const queues = new Map();
  for (const record of records) {
    const key = `${record.method} ${record.path}`;
    if (!queues.has(key)) queues.set(key, []);
    queues.get(key).push(record);
  }
  const served = new Map();
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://replay").pathname;
    const key = `${request.method} ${path}`;
    const queue = queues.get(key);
    check(`the SDK sends X-Request-ID on ${key}`, request.headers["x-request-id"] === REQUEST_ID, request.headers);
    if (!queue) {
      check(`the replay knows ${key}`, false);
      response.writeHead(599, { "content-type": "text/plain" }).end("no such record");
      return;
    }
    const index = Math.min(served.get(key) ?? 0, queue.length - 1);
    served.set(key, index + 1);
    const record = queue[index];
    request.resume();
    request.on("end", () => {
      response.writeHead(record.status, { "content-type": record.content_type }).end(record.raw);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/api/v1` };
}

/// The error a call throws, or a failure when it does not throw.
async function thrown(label, call) {
  try {
    const value = await call();
    check(`${label} throws`, false, value);
    return undefined;
  } catch (error) {
    return error;
  }
}

/// The error of a flat body: a ResourceError with everything of the body.
function expectResourceError(label, error, record) {
  const body = record.body;
  check(`${label}: a ResourceError`, error instanceof sdk.ResourceError, error?.constructor?.name);
  check(`${label}: a BusinessError`, error instanceof sdk.BusinessError);
  check(`${label}: a PhalaCloudError`, error instanceof sdk.PhalaCloudError);
  same(`${label}: errorCode`, error?.errorCode, body.error_code);
  same(`${label}: status`, error?.status, record.status);
  same(`${label}: message`, error?.message, body.message ?? body.detail);
  same(`${label}: structuredDetails`, error?.structuredDetails, body.details);
  same(`${label}: detail.request_id`, error?.detail?.request_id, REQUEST_ID);
  same(`${label}: suggestions`, error?.suggestions, body.suggestions);
  same(`${label}: links`, error?.links, body.links);
  const formatted = sdk.formatStructuredError(error);
  check(`${label}: formatStructuredError names the code`, formatted.startsWith(`Error [${body.error_code}]: `), formatted);
}

/// The error of a problem document. KNOWN: the SDK reads `detail` (a string
/// in RFC 9457) as FastAPI's `detail` and never looks for `error_code`: a
/// plain BusinessError with the message, without the code.
function expectProblemError(label, error, record) {
  const body = record.body;
  check(`${label}: a BusinessError`, error instanceof sdk.BusinessError, error?.constructor?.name);
  check(`${label}: not a ResourceError (KNOWN)`, !(error instanceof sdk.ResourceError));
  same(`${label}: errorCode (KNOWN: lost)`, error?.errorCode, undefined);
  same(`${label}: status`, error?.status, record.status);
  same(`${label}: message`, error?.message, body.detail);
  same(`${label}: detail`, error?.detail, body.detail);
  known.push(`${label}: problem+json loses ${body.error_code} (BusinessError, errorCode undefined)`);
}

/// The `kms_info` the SDK's KmsInfoSchema wants and ours lacks.
const KMS_INFO_MISSING = ["id", "slug", "version", "gateway_app_id"];

async function checkFormat(format, records) {
  const byName = Object.fromEntries(records.map((record) => [record.name, record]));
  const { server, base } = await replay(records);
  try {
    const client = sdk.createClient({ baseURL: base, apiKey: "test-key", headers: { "X-Request-ID": REQUEST_ID } });
    const expectError = format === "flat" ? expectResourceError : expectProblemError;

    // 201: the CVM, as JSON.
    const created = await client.post("/cvms/provision", byName.provision.request);
    same(`${format} provision: the CVM`, created, byName.provision.body);

    // 409, ERR-01-004.
    let record = byName.duplicate_name;
    expectError(`${format} duplicate_name`, await thrown("duplicate", () => client.post("/cvms/provision", record.request)), record);

    // 404, ERR-03-001: generic, and through the getCvmInfo action.
    record = byName.cvm_not_found;
    expectError(`${format} cvm_not_found`, await thrown("get", () => client.get("/cvms/app_missing")), record);
    expectError(`${format} getCvmInfo`, await thrown("getCvmInfo", () => client.getCvmInfo({ id: "app_missing" })), record);
    const safe = await client.safeGetCvmInfo({ id: "app_missing" });
    check(`${format} safeGetCvmInfo: not a success`, safe.success === false, safe);
    expectError(`${format} safeGetCvmInfo`, safe.error, record);

    // 465, ERR-01-005: generic...
    record = byName.hash_registration_required;
    expectError(`${format} hash_registration_required`, await thrown("patch", () => client.patch("/cvms/web-1/envs", record.request)), record);

    // ...and updateCvmEnvs, whose 465 branch reads the details itself.
    const update = () => client.updateCvmEnvs({ id: "web-1", encrypted_env: record.request.encrypted_env });
    if (format === "flat") {
      // KNOWN: the details reach the action (compose_hash, app_id,
      // device_id, kms_info), but its result schema then refuses our
      // kms_info: KmsInfoSchema requires id, slug, version, gateway_app_id.
      const error = await thrown("updateCvmEnvs", update);
      same(`${format} updateCvmEnvs: a ZodError (KNOWN)`, error?.name, "ZodError");
      // The result is a union (in_progress | precondition_required): the
      // issues of the precondition_required branch, the one whose `status`
      // matched, are those of kms_info alone.
      const branches = (error?.issues ?? []).flatMap((issue) => issue.unionErrors ?? []);
      const branch = branches.find((branch) => !branch.issues.some((issue) => issue.path[0] === "status"));
      const issues = branch?.issues ?? [];
      same(
        `${format} updateCvmEnvs: the missing kms_info keys (KNOWN)`,
        issues.map((issue) => issue.path.join(".")).sort(),
        KMS_INFO_MISSING.map((key) => `kms_info.${key}`).sort(),
      );
      // (checkEnvsWithFullKmsInfo: given the keys it wants, the same body
      // is a precondition_required.)
      known.push(
        `${format} updateCvmEnvs: 465 body rejected by KmsInfoSchema, kms_info lacks ${KMS_INFO_MISSING.join(", ")}`,
      );
      const safeUpdate = await client.safeUpdateCvmEnvs({ id: "web-1", encrypted_env: "00" });
      check(`${format} safeUpdateCvmEnvs: not a success (KNOWN)`, safeUpdate.success === false, safeUpdate);
    } else {
      // KNOWN: with a string `detail` the action finds no details: the
      // BusinessError comes out as is.
      expectProblemError(`${format} updateCvmEnvs`, await thrown("updateCvmEnvs", update), record);
    }
  } finally {
    server.close();
  }
}

/// The same 465 body with a kms_info the SDK accepts: the action's own
/// reading of our `details` array works, only the kms_info shape is at fault.
async function checkEnvsWithFullKmsInfo(record) {
  const kms = {
    id: "kms-base-prod",
    slug: "kms-base-prod",
    url: "https://kms.phala.network",
    version: "v0.5.3",
    chain_id: 8453,
    kms_contract_address: "0x2f83172A49584C017F2B256F0FB2Dca14126Ba9C",
    gateway_app_id: null,
  };
  const body = structuredClone(record.body);
  body.details.find((detail) => detail.field === "kms_info").value = kms;
  const patched = { ...record, body, raw: JSON.stringify(body) };
  const { server, base } = await replay([patched]);
  try {
    const client = sdk.createClient({ baseURL: base, apiKey: "test-key", headers: { "X-Request-ID": REQUEST_ID } });
    const result = await client.updateCvmEnvs({ id: "web-1", encrypted_env: "00" });
    const fields = Object.fromEntries(body.details.map((detail) => [detail.field, detail.value]));
    same("flat updateCvmEnvs, full kms_info: status", result?.status, "precondition_required");
    same("flat updateCvmEnvs, full kms_info: message", result?.message, body.message);
    same("flat updateCvmEnvs, full kms_info: compose_hash", result?.compose_hash, fields.compose_hash);
    same("flat updateCvmEnvs, full kms_info: app_id", result?.app_id, fields.app_id);
    same("flat updateCvmEnvs, full kms_info: device_id", result?.device_id, fields.device_id);
    same("flat updateCvmEnvs, full kms_info: kms_info.id", result?.kms_info?.id, kms.id);
    same("flat updateCvmEnvs, full kms_info: kms_info.chain", result?.kms_info?.chain?.id, 8453);
  } finally {
    server.close();
  }
}

/// Our codes are the SDK's: each code we answer has a name in ErrorCodes.
function checkErrorCodes(records) {
  const codes = new Set(Object.values(sdk.ErrorCodes));
  for (const record of records.filter((record) => record.status >= 400)) {
    check(`ErrorCodes has ${record.body.error_code}`, codes.has(record.body.error_code));
  }
  same("ErrorCodes.DUPLICATE_CVM_NAME", sdk.ErrorCodes.DUPLICATE_CVM_NAME, "ERR-01-004");
  same("ErrorCodes.HASH_REGISTRATION_REQUIRED", sdk.ErrorCodes.HASH_REGISTRATION_REQUIRED, "ERR-01-005");
  same("ErrorCodes.CVM_NOT_FOUND", sdk.ErrorCodes.CVM_NOT_FOUND, "ERR-03-001");
}

console.log(`@phala/cloud ${packageJson.version} (${packageJson.exports["."].import}), node ${process.version}`);
for (const [format, records] of Object.entries(bodies.formats)) {
  for (const record of records) {
    same(`${format} ${record.name}: raw is body`, JSON.parse(record.raw), record.body);
  }
  await checkFormat(format, records);
}
await checkEnvsWithFullKmsInfo(bodies.formats.flat.find((record) => record.name === "hash_registration_required"));
checkErrorCodes(bodies.formats.flat);

for (const note of known) console.log(`KNOWN ${note}`);
console.log(`js: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
