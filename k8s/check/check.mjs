// Validates rendered Kubernetes manifests offline against the Kubernetes OpenAPI schemas (npm kubernetes-models),
// strictly: wrong types, missing required fields and fields the API does not know all fail.
//
//   node check.mjs <manifest.yaml>...     exit 0 when every object is valid, 1 otherwise (each problem printed)
//
// kubernetes-models ships ajv validators compiled from the schemas; they check types, formats and required fields
// but, like the API server's non-strict mode, ignore unknown fields. The unknown-field check watches the validator
// instead: it reads every property its schema defines (and enumerates the keys of maps), so a key of the object
// that the validator never looked at is a key the schema does not have (`kubectl --validate=strict` would refuse it).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);

// Proxies that record, per object of the manifest, which keys the validator read or whether it enumerated them all.
function tracked(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const record = { keys: new Set(), enumerated: false };
  seen.set(value, record);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") record.keys.add(key);
      const child = Reflect.get(target, key, receiver);
      if (child === null || typeof child !== "object") return child;
      if (!children.has(key)) children.set(key, tracked(child, seen));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") record.keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

// every key of `value` (recursively) that the validator never read: the paths of unknown fields
function unknownFields(value, seen, path, out) {
  if (value === null || typeof value !== "object") return out;
  const record = seen.get(value);
  if (!record) return out; // the validator did not descend here (e.g. a field already reported)
  for (const key of Object.keys(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (!Array.isArray(value) && !record.enumerated && !record.keys.has(key)) {
      out.push(childPath);
      continue;
    }
    unknownFields(value[key], seen, childPath, out);
  }
  return out;
}

async function modelOf(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

// Custom resources of the Prometheus Operator (monitoring.coreos.com/v1): kubernetes-models has no schema for them, so
// their schema validation is skipped explicitly, and their shape is checked here instead: what the operator needs to
// act on them at all (a selector and endpoints; rule groups whose every rule has an alert or record name and an expr).
const isString = (v) => typeof v === "string" && v !== "";
const CUSTOM_SHAPES = {
  "monitoring.coreos.com/v1/PodMonitor": (o, bad) => {
    if (typeof o.spec?.selector !== "object" || o.spec.selector === null) bad("spec.selector is required");
    const endpoints = o.spec?.podMetricsEndpoints;
    if (!Array.isArray(endpoints) || endpoints.length === 0) bad("spec.podMetricsEndpoints must list at least one endpoint");
    (endpoints ?? []).forEach((e, i) => {
      if (!isString(e?.port)) bad(`spec.podMetricsEndpoints[${i}].port must name a container port`);
      if (e?.path !== undefined && !String(e.path).startsWith("/")) bad(`spec.podMetricsEndpoints[${i}].path must start with /`);
    });
  },
  "monitoring.coreos.com/v1/PrometheusRule": (o, bad) => {
    const groups = o.spec?.groups;
    if (!Array.isArray(groups) || groups.length === 0) bad("spec.groups must list at least one group");
    (groups ?? []).forEach((g, i) => {
      if (!isString(g?.name)) bad(`spec.groups[${i}].name is required`);
      if (!Array.isArray(g?.rules) || g.rules.length === 0) bad(`spec.groups[${i}].rules must list at least one rule`);
      (g?.rules ?? []).forEach((r, j) => {
        if (!isString(r?.alert) && !isString(r?.record)) bad(`spec.groups[${i}].rules[${j}] needs an alert or a record name`);
        if (!isString(r?.expr)) bad(`spec.groups[${i}].rules[${j}].expr is required`);
        for (const key of Object.keys(r ?? {})) {
          if (!["alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"].includes(key)) {
            bad(`unknown field spec.groups[${i}].rules[${j}].${key}`);
          }
        }
      });
    });
  },
};

async function checkObject(object, where) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    report(where, "not a Kubernetes object (a mapping with apiVersion and kind)");
    return;
  }
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    report(where, "missing apiVersion or kind");
    return;
  }
  const name = object.metadata?.name;
  const label = `${where} ${apiVersion} ${kind} ${name ?? "<no name>"}`;
  if (typeof name !== "string" || name === "") report(label, "metadata.name is required");
  const shape = CUSTOM_SHAPES[`${apiVersion}/${kind}`];
  if (shape) {
    shape(object, (message) => report(label, message));
    return `${apiVersion}/${kind}/${object.metadata?.namespace ?? ""}/${name}`;
  }
  const Model = await modelOf(apiVersion, kind);
  if (!Model) {
    report(label, `no schema for ${apiVersion} ${kind} (not a built-in Kubernetes kind of this API version)`);
    return;
  }
  const seen = new Map();
  try {
    Model.prototype.validate.call(tracked(object, seen));
  } catch (error) {
    report(label, error.message);
  }
  for (const field of unknownFields(object, seen, "", [])) report(label, `unknown field ${field.slice(1)}`);
  return `${apiVersion}/${kind}/${object.metadata?.namespace ?? ""}/${name}`;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check.mjs <manifest.yaml>...");
  process.exit(2);
}
let count = 0;
for (const file of files) {
  const identities = new Set();
  const documents = parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true, prettyErrors: true });
  for (const [index, document] of documents.entries()) {
    const where = `${file}#${index + 1}`;
    if (document.errors.length > 0) {
      for (const error of document.errors) report(where, `YAML: ${error.message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue; // an empty document (e.g. a template that rendered nothing)
    count++;
    const identity = await checkObject(object, where);
    if (identity && identities.has(identity)) report(where, `${identity} is rendered twice`);
    if (identity) identities.add(identity);
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`  invalid: ${problem}`);
  console.error(`chart check: ${problems.length} problem(s) in ${count} object(s)`);
  process.exit(1);
}
console.log(`  ${count} object(s) valid against the Kubernetes schemas (strict: unknown fields refused)`);
