// README.md's table of supported resources and data sources is the provider's registry, so it cannot drift:
// every resource type and data source the provider serves is in the table, in the right row, and nothing else.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsProvider } from "../../../providers/aws/provider.js";
import { repoRoot } from "../../helpers/cli.js";

describe("README's aws table", () => {
  it("lists exactly the provider's resource types and data sources", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The AWS provider"), readme.indexOf("\n### ", readme.indexOf("### The AWS provider") + 1));
    const rows = section.split("\n").filter((l) => /^\| [^|]*(resources|data sources) \|/.test(l));
    const names = (kind: RegExp) =>
      rows
        .filter((r) => kind.test(r.split("|")[1]!))
        .flatMap((r) => r.split("|")[2]!.split(","))
        .map((n) => n.trim().replace(/ \(.*\)$/, ""))
        .sort();
    const schema = new AwsProvider().getSchema();
    expect(names(/resources/)).toEqual(Object.keys(schema.resourceTypes).sort());
    expect(names(/data sources/)).toEqual(Object.keys(schema.dataSources).sort());
  });
});
