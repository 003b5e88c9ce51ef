// parse(print(x)) = x for every address kind, over generated names and keys (incl. quotes, backslashes,
// template introducers, control and non-BMP characters in string keys).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AbsOutputValue,
  AbsProviderConfig,
  AbsResourceInstance,
  ModuleInstance,
  OutputValue,
  Provider,
  Resource,
  compareAbsResourceInstances,
  parseAbsOutputValue,
  parseAbsProviderConfig,
  parseAbsResource,
  parseAbsResourceInstance,
  parseModuleInstance,
  parseProviderSource,
  type InstanceKey,
} from "../../src/addrs/index.js";

const name = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/).filter((n) => n !== "module" && n !== "data" && n !== "resource");
const key: fc.Arbitrary<InstanceKey | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.nat({ max: 1_000_000 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom('"', "\\", "${x}", "%{", "$$", "\n\t\r", "a b", "é", "😀"),
);
const moduleInstance = fc
  .array(fc.record({ name, key }), { maxLength: 3 })
  .map((steps) => new ModuleInstance(steps.map((s) => (s.key === undefined ? { name: s.name } : { name: s.name, key: s.key }))));
const resource = fc.record({ mode: fc.constantFrom("managed" as const, "data" as const), type: name, name }).map((r) => new Resource(r.mode, r.type, r.name));
const instance = fc.record({ m: moduleInstance, r: resource, k: key }).map(({ m, r, k }) => AbsResourceInstance.of(m, r, k));

describe("addresses round-trip through their printed form", () => {
  it("resource instances", () => {
    fc.assert(
      fc.property(instance, (a) => {
        const p = parseAbsResourceInstance(a.toString());
        expect(p.diagnostics.items).toEqual([]);
        expect(p.addr!.toString()).toBe(a.toString());
        expect(p.addr!.resource.key).toBe(a.resource.key);
        expect(p.addr!.module.steps).toEqual(a.module.steps);
        expect(compareAbsResourceInstances(p.addr!, a)).toBe(0);
      }),
    );
  });

  it("resources", () => {
    fc.assert(
      fc.property(moduleInstance, resource, (m, r) => {
        const p = parseAbsResource(r.absolute(m).toString());
        expect(p.addr?.equals(r.absolute(m))).toBe(true);
        expect(p.addr!.resource.mode).toBe(r.mode);
      }),
    );
  });

  it("module instances", () => {
    fc.assert(
      fc.property(moduleInstance.filter((m) => !m.isRoot()), (m) => {
        const p = parseModuleInstance(m.toString());
        expect(p.addr!.steps).toEqual(m.steps);
      }),
    );
  });

  it("output values", () => {
    fc.assert(
      fc.property(moduleInstance, name, (m, n) => {
        const a = new AbsOutputValue(m, new OutputValue(n));
        expect(parseAbsOutputValue(a.toString()).addr?.equals(a)).toBe(true);
      }),
    );
  });

  it("provider configurations", () => {
    const noKeys = moduleInstance.map((m) => new ModuleInstance(m.steps.map((s) => ({ name: s.name }))));
    fc.assert(
      fc.property(noKeys, name, name, fc.option(name, { nil: undefined }), (m, ns, t, alias) => {
        const a = new AbsProviderConfig(m, new Provider("registry.terraform.io", ns.replace(/_/g, "x"), t.replace(/_/g, "x")), alias);
        const p = parseAbsProviderConfig(a.toString());
        expect(p.diagnostics.items).toEqual([]);
        expect(p.addr!.toString()).toBe(a.toString());
      }),
    );
  });
});

describe("examples", () => {
  it.each([
    ['module.app["a"].terraform_data.x[0]', 'module.app["a"]', "terraform_data", "x", 0],
    ["data.aws_ami.al2023", "", "aws_ami", "al2023", undefined],
    ['aws_s3_bucket.logs["a"]', "", "aws_s3_bucket", "logs", "a"],
  ])("%s", (text, mod, type, nm, k) => {
    const a = parseAbsResourceInstance(text).addr!;
    expect(a.module.toString()).toBe(mod);
    expect(a.resource.resource.type).toBe(type);
    expect(a.resource.resource.name).toBe(nm);
    expect(a.resource.key).toBe(k);
    expect(a.toString()).toBe(text);
  });

  it("state's provider form", () => {
    const p = parseAbsProviderConfig('provider["terraform.io/builtin/terraform"]').addr!;
    expect(p.provider.isBuiltIn()).toBe(true);
    expect(parseAbsProviderConfig('module.a.provider["registry.terraform.io/hashicorp/aws"].west').addr!.alias).toBe("west");
    expect(parseProviderSource("hashicorp/aws").addr!.toString()).toBe("registry.terraform.io/hashicorp/aws");
    expect(parseProviderSource("a/b/c/d").diagnostics.hasErrors()).toBe(true);
    expect(parseAbsProviderConfig('module.a[0].provider["x/y"]').diagnostics.hasErrors()).toBe(true);
  });

  it("orders instances by module (shorter first), data before managed, type, name, then key", () => {
    const sorted = ["module.a.module.b.x.y", 'b.a["z"]', "b.a[10]", "module.z[10].x.y", "b.a[2]", "data.a.a", "a.z", "module.z[9].x.y"]
      .map((s) => parseAbsResourceInstance(s).addr!)
      .sort(compareAbsResourceInstances)
      .map(String);
    expect(sorted).toEqual(["data.a.a", "a.z", "b.a[2]", "b.a[10]", 'b.a["z"]', "module.z[9].x.y", "module.z[10].x.y", "module.a.module.b.x.y"]);
  });
});
