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

/// The value a call returns, or a failure (with the error) when it throws.
async function returned(label, call) {
  try {
    return await call();
  } catch (error) {
    check(`${label} returns`, false, error?.issues ?? error);
    return undefined;
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
      // The action reads our `details` array (compose_hash, app_id,
      // device_id, kms_info) into a precondition_required, which its result
      // schema accepts: our kms_info is the API's KMS object, every key of
      // KmsInfoSchema present, and the schema adds the viem `chain` of
      // chain_id.
      const fields = Object.fromEntries(record.body.details.map((detail) => [detail.field, detail.value]));
      const expectPrecondition = (label, result) => {
        same(`${label}: status`, result?.status, "precondition_required");
        same(`${label}: message`, result?.message, record.body.message);
        same(`${label}: compose_hash`, result?.compose_hash, fields.compose_hash);
        same(`${label}: app_id`, result?.app_id, fields.app_id);
        same(`${label}: device_id`, result?.device_id, fields.device_id);
        const { chain, ...kms } = result?.kms_info ?? {};
        same(`${label}: kms_info, our keys and values`, kms, fields.kms_info);
        same(`${label}: kms_info.id`, result?.kms_info?.id, fields.kms_info.id);
        same(`${label}: kms_info.chain, of chain_id`, chain?.id, fields.kms_info.chain_id);
      };
      expectPrecondition(`${format} updateCvmEnvs`, await returned(`${format} updateCvmEnvs`, update));
      const safeUpdate = await client.safeUpdateCvmEnvs({ id: "web-1", encrypted_env: record.request.encrypted_env });
      check(`${format} safeUpdateCvmEnvs: a success`, safeUpdate.success === true, safeUpdate);
      expectPrecondition(`${format} safeUpdateCvmEnvs`, safeUpdate.data);
    } else {
      // KNOWN: with a string `detail` the action finds no details: the
      // BusinessError comes out as is.
      expectProblemError(`${format} updateCvmEnvs`, await thrown("updateCvmEnvs", update), record);
    }
  } finally {
    server.close();
  }
}

/// Our kms_info is the SDK's KMS object: the keys of `KmsInfoSchema`, no
/// fewer (a new SDK version that wants another one is noticed here), and it
/// parses.
function checkKmsInfo(record) {
  const kms = record.body.details.find((detail) => detail.field === "kms_info")?.value;
  const shape = sdk.KmsInfoSchema?._def?.schema?.shape ?? {};
  same("kms_info: the keys of KmsInfoSchema", Object.keys(kms ?? {}).sort(), Object.keys(shape).sort());
  const parsed = sdk.KmsInfoSchema.safeParse(kms);
  check("kms_info: KmsInfoSchema parses it", parsed.success, parsed.error?.issues);
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
checkKmsInfo(bodies.formats.flat.find((record) => record.name === "hash_registration_required"));
checkErrorCodes(bodies.formats.flat);

for (const note of known) console.log(`KNOWN ${note}`);
console.log(`js: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
