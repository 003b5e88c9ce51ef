// terraform_data against Terraform 1.11's own: the same .tf.json configs planned and applied by `terraform`
// (its JSON plan and its state file are the expected values) and by our provider through the plugin interface.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Value } from "../../src/lang/value.js";
import type { Provider } from "../../src/provider/provider.js";
import { ProviderRegistry } from "../../src/provider/registry.js";
import { impliedType } from "../../src/provider/schema.js";
import { decodeStoredObject, encodeStoredObject } from "../../src/provider/state-object.js";
import { sensitivePathsToJson, valueFromJson, valueToJson } from "../../src/provider/value-json.js";
import { Resource, builtInTerraformProvider } from "../../src/addrs/index.js";
import { registerTerraformProvider, terraformDataSchema } from "../../providers/terraform_data/index.js";
import type { JsonObject, JsonValue } from "../../state/json.js";
import { tempDir } from "../helpers/cli.js";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
function terraform(dir: string, ...args: string[]): string {
  const r = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`terraform ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

const objectType = impliedType(terraformDataSchema.block);

/** A .tf.json literal as Terraform reads it: arrays are tuples, objects are objects. */
function literal(j: JsonValue): Value {
  if (j === null) return Value.null({ kind: "dynamic" });
  if (typeof j === "string") return Value.string(j);
  if (typeof j === "number") return Value.number(j);
  if (typeof j === "boolean") return Value.bool(j);
  if (Array.isArray(j)) return Value.tuple(j.map(literal));
  return Value.object(Object.entries(j).map(([k, v]) => [k, literal(v)] as [string, Value]));
}

/** The config object for `{input, triggers_replace}`, computed attributes null. */
function configOf(attrs: { input?: JsonValue; triggers_replace?: JsonValue }): Value {
  return Value.of(
    objectType,
    new Map([
      ["id", Value.null(objectType.attrs.get("id")!)],
      ["input", attrs.input === undefined ? Value.null({ kind: "dynamic" }) : literal(attrs.input)],
      ["output", Value.null({ kind: "dynamic" })],
      ["triggers_replace", attrs.triggers_replace === undefined ? Value.null({ kind: "dynamic" }) : literal(attrs.triggers_replace)],
    ]),
  );
}

/** objchange.ProposedNew for this schema: config values, and computed attributes kept from prior when null in config. */
function proposedNew(prior: Value, config: Value): Value {
  if (prior.isNull()) return config;
  const m = new Map(config.entries());
  for (const name of ["id", "output"]) m.set(name, prior.entries().get(name)!);
  return Value.of(objectType, m);
}

/** Terraform's JSON plan forms: known values with unknowns left out, and after_unknown (jsonplan.unknownAsBool). */
function knownJson(v: Value): JsonValue | undefined {
  if (!v.isKnown()) return undefined;
  if (v.isNull()) return null;
  const k = v.type.kind;
  if (k === "string") return v.asString();
  if (k === "bool") return v.asBool();
  if (k === "number") return Number(v.asNumber().toString());
  if (k === "list" || k === "set" || k === "tuple") return v.elements().map((e) => knownJson(e) ?? null);
  const o: JsonObject = {};
  for (const [key, e] of v.entries()) {
    const j = knownJson(e);
    if (j !== undefined) o[key] = j;
  }
  return o;
}
function unknownAsBool(v: Value): JsonValue {
  if (v.isNull()) return false;
  if (!v.isKnown()) return true;
  const k = v.type.kind;
  if (k === "list" || k === "set" || k === "tuple") return v.elements().map(unknownAsBool);
  if (k === "map" || k === "object") {
    const o: JsonObject = {};
    for (const [key, e] of v.entries()) {
      const b = unknownAsBool(e);
      if (b !== false) o[key] = b;
    }
    return o;
  }
  return false;
}

interface ChangeJson {
  actions: string[];
  after: JsonValue;
  after_unknown: JsonValue;
  replace_paths?: JsonValue;
}

async function ourChange(p: Provider, prior: Value, config: Value): Promise<{ change: ChangeJson; planned: Value }> {
  const r = await p.planResourceChange({ typeName: "terraform_data", priorState: prior, proposedNewState: proposedNew(prior, config), config });
  expect(r.diagnostics).toEqual([]);
  const actions = prior.isNull()
    ? ["create"]
    : r.requiresReplace.length
      ? ["delete", "create"]
      : r.plannedState.rawEquals(prior)
        ? ["no-op"]
        : ["update"];
  // jsonplan: a wholly known `after` has after_unknown {}.
  const afterUnknown = r.plannedState.isWhollyKnown() ? {} : unknownAsBool(r.plannedState);
  const change: ChangeJson = { actions, after: knownJson(r.plannedState)!, after_unknown: afterUnknown };
  if (r.requiresReplace.length) change.replace_paths = r.requiresReplace.map((path) => path.map((s) => (s.kind === "attr" ? s.name : s.key)));
  return { change, planned: r.plannedState };
}

function theirChange(dir: string): ChangeJson {
  terraform(dir, "plan", "-out=plan.bin", "-input=false");
  const plan = JSON.parse(terraform(dir, "show", "-json", "plan.bin")) as { resource_changes: { change: ChangeJson & Record<string, unknown> }[] };
  const c = plan.resource_changes[0]!.change;
  return { actions: c.actions, after: c.after, after_unknown: c.after_unknown, ...(c.replace_paths ? { replace_paths: c.replace_paths } : {}) };
}

function theirStateAttributes(dir: string): { attributes: JsonObject; sensitive: JsonValue } {
  const s = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as { resources: { instances: { attributes: JsonObject; sensitive_attributes: JsonValue }[] }[] };
  const i = s.resources[0]!.instances[0]!;
  return { attributes: i.attributes, sensitive: i.sensitive_attributes };
}

const steps: { label: string; input?: JsonValue; triggers_replace?: JsonValue }[] = [
  { label: "create", input: { x: [1, "a"], y: true }, triggers_replace: "t1" },
  { label: "no change" , input: { x: [1, "a"], y: true }, triggers_replace: "t1" },
  { label: "change input: update in place, output known after apply", input: "hello" , triggers_replace: "t1" },
  { label: "change triggers_replace: replace", input: "hello", triggers_replace: ["t2", 3] },
  { label: "remove input: output planned null", triggers_replace: ["t2", 3] },
];

// The provider as the engine gets it: found by the resource type's prefix, instantiated through the registry.
const registry = registerTerraformProvider(new ProviderRegistry());
const resolvedProvider = (await registry.instantiate(registry.resolveForResource(new Resource("managed", "terraform_data", "a")).addr!)).provider!;

describe.runIf(hasTerraform)("terraform_data matches Terraform's built-in resource", { timeout: 120_000 }, () => {
  const dir = tempDir("tfsim-tfdata-");
  const provider = resolvedProvider;
  let prior: Value = Value.null(objectType);
  let initialised = false;

  for (const step of steps) {
    it(step.label, async () => {
      const attrs: JsonObject = {};
      if (step.input !== undefined) attrs.input = step.input;
      if (step.triggers_replace !== undefined) attrs.triggers_replace = step.triggers_replace;
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { a: attrs } } }));
      if (!initialised) (terraform(dir, "init", "-input=false"), (initialised = true));

      const config = configOf(step);
      expect(provider.validateResourceConfig({ typeName: "terraform_data", config })).toEqual([]);
      const ours = await ourChange(provider, prior, config);
      const theirs = theirChange(dir);
      if (ours.change.actions[0] !== "create" && ours.change.actions[0] !== "delete") {
        // For an update or no-op Terraform's `after` holds the kept id; ours does too, but the ids differ.
        (theirs.after as JsonObject).id = (ours.change.after as JsonObject).id!;
      }
      expect(ours.change).toEqual(theirs);

      terraform(dir, "apply", "-input=false", "plan.bin");
      const applied = await provider.applyResourceChange({ typeName: "terraform_data", priorState: prior, plannedState: ours.planned, config });
      expect(applied.diagnostics).toEqual([]);
      const our = valueToJson(applied.newState, objectType) as JsonObject;
      const their = theirStateAttributes(dir);
      expect(our.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect({ ...our, id: "ID" }).toEqual({ ...their.attributes, id: "ID" });
      expect(sensitivePathsToJson(applied.newState)).toEqual(their.sensitive);
      // What we store, we read back identically.
      expect(valueFromJson(our, objectType).rawEquals(applied.newState)).toBe(true);
      prior = applied.newState;
    });
  }

  it("import sets only the id, as terraform import does", async () => {
    const d2 = tempDir("tfsim-tfdata-import-");
    writeFileSync(join(d2, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { x: {} } } }));
    terraform(d2, "init", "-input=false");
    terraform(d2, "import", "-input=false", "terraform_data.x", "my-id");
    const r = await provider.importResourceState({ typeName: "terraform_data", id: "my-id" });
    expect(r.diagnostics).toEqual([]);
    expect(valueToJson(r.importedResources[0]!.state, objectType)).toEqual(theirStateAttributes(d2).attributes);
  });
});

const builtIn = (await registerTerraformProvider(new ProviderRegistry()).instantiate(builtInTerraformProvider)).provider!;

describe("terraform_data provider", () => {
  const provider = builtIn;

  it("rejects read-only attributes in configuration with the path", () => {
    const config = Value.of(objectType, new Map([...configOf({ input: "x" }).entries(), ["id", Value.string("nope")]]));
    const d = provider.validateResourceConfig({ typeName: "terraform_data", config });
    expect(d.map((x) => [x.summary, x.detail, x.attributePath])).toEqual([["Invalid attribute", '"id" attribute is read-only', ["id"]]]);
  });

  it("reads back its prior state (never gone) and upgrades schema version 0 state", async () => {
    const state = valueFromJson({ id: "i", input: { value: "a", type: "string" }, output: { value: "a", type: "string" }, triggers_replace: null }, objectType);
    expect((await provider.readResource({ typeName: "terraform_data", priorState: state })).newState.rawEquals(state)).toBe(true);
    const up = provider.upgradeResourceState({ typeName: "terraform_data", version: 0, rawState: valueToJson(state, objectType) as JsonObject });
    expect(up.upgradedState!.rawEquals(state)).toBe(true);
    expect(provider.upgradeResourceState({ typeName: "terraform_data", version: 1, rawState: {} }).diagnostics[0]!.summary).toBe(
      "Resource instance managed by newer provider version",
    );
  });

  it("is found by the resource type prefix and by required_providers source", async () => {
    const reg = registerTerraformProvider(new ProviderRegistry());
    expect(reg.resolveForResource(new Resource("managed", "terraform_data", "x")).addr!.toString()).toBe("terraform.io/builtin/terraform");
    expect(reg.resolveForResource(new Resource("managed", "aws_instance", "x")).addr!.toString()).toBe("registry.terraform.io/hashicorp/aws");
    expect(reg.resolveForResource(new Resource("managed", "aws_instance", "x"), { aws: { source: "example.com/acme/aws" } }).addr!.toString()).toBe(
      "example.com/acme/aws",
    );
    const missing = await reg.instantiate(reg.resolveLocalName("aws").addr!);
    expect(missing.provider).toBeUndefined();
    expect(missing.diagnostics.items[0]!.summary).toBe("Failed to query available provider packages");
  });
});

describe("stored objects", () => {
  it("encode with sensitive paths and decode through upgradeResourceState with marks restored", async () => {
    const provider = (await registerTerraformProvider(new ProviderRegistry()).instantiate(builtInTerraformProvider)).provider!;
    const value = valueFromJson(
      { id: "i", input: { value: { a: "s" }, type: ["object", { a: "string" }] }, output: null, triggers_replace: null },
      objectType,
    );
    const marked = Value.of(objectType, new Map([...value.entries(), ["output", Value.object({ a: Value.string("s").mark("sensitive") })]]));
    const stored = encodeStoredObject(marked, terraformDataSchema, { dependencies: ["terraform_data.b"] });
    if ("error" in stored) throw new Error(stored.error);
    expect(stored.sensitiveAttributes).toEqual([[{ type: "get_attr", value: "output" }, { type: "get_attr", value: "a" }]]);
    expect(stored.dependencies).toEqual(["terraform_data.b"]);
    const back = decodeStoredObject(provider, "terraform_data", stored);
    expect(back.diagnostics.items).toEqual([]);
    expect(back.value!.rawEquals(marked)).toBe(true);
    expect("error" in encodeStoredObject(Value.unknown(objectType), terraformDataSchema)).toBe(true);
  });
});
