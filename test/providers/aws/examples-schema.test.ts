// Every aws_* resource and data block in examples/ fits the provider's schema: each argument and nested block
// exists and is settable, and every required argument is there (the check Terraform's validate makes with the
// provider's schema, before any value is known).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsProvider } from "../../../providers/aws/provider.js";
import type { Body, BodySchema } from "../../../src/config/body.js";
import { loadConfig } from "../../../src/config/load.js";
import type { Block } from "../../../src/provider/schema.js";
import { repoRoot } from "../../helpers/cli.js";

function configDirs(dir: string): string[] {
  const out: string[] = [];
  if (readdirSync(dir).some((f) => f.endsWith(".tf"))) out.push(dir);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory() && !f.startsWith(".")) out.push(...configDirs(p));
  }
  return out;
}

/** The body schema Terraform derives from a provider block schema (attributes-as-blocks included). */
function bodySchema(block: Block): BodySchema {
  const attrs = Object.entries(block.attributes).filter(([, a]) => a.required || a.optional);
  const attrAsBlocks = attrs.filter(([, a]) => (a.type.kind === "set" || a.type.kind === "list") && a.type.elem.kind === "object").map(([k]) => k);
  return {
    attributes: attrs.filter(([k]) => !attrAsBlocks.includes(k)).map(([name, a]) => ({ name, ...(a.required ? { required: true } : {}) })),
    blocks: [...Object.keys(block.blockTypes ?? {}), ...attrAsBlocks, "dynamic"].map((type) => (type === "dynamic" ? { type, labelNames: ["name"] } : { type })),
  };
}

function check(body: Body, block: Block, where: string, problems: string[]): void {
  const { content, diagnostics } = body.content(bodySchema(block));
  for (const d of diagnostics) problems.push(`${where}: ${d.summary}: ${d.detail ?? ""}`);
  for (const b of content.blocks) {
    const nested = block.blockTypes?.[b.type];
    if (nested) check(b.body, nested.block, `${where}.${b.type}`, problems);
  }
}

describe("examples/ against the aws provider's schema", () => {
  const schema = new AwsProvider().getSchema();
  for (const dir of configDirs(join(repoRoot, "examples"))) {
    it(dir.slice(repoRoot.length + 1), () => {
      const { config } = loadConfig(dir);
      const problems: string[] = [];
      for (const [kind, table, resources] of [
        ["resource", schema.resourceTypes, config.resources],
        ["data", schema.dataSources, config.data],
      ] as const) {
        for (const r of resources.values()) {
          if (!r.type.startsWith("aws_")) continue;
          const s = table[r.type];
          if (!s) {
            problems.push(`${kind} ${r.type}: not supported`);
            continue;
          }
          check(r.config, s.block, `${kind}.${r.type}.${r.name}`, problems);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
