// Terraform's tfdiags InConfigBody: a provider's diagnostic knows nothing of the configuration, so the engine
// names the resource instance it is about and points at the configuration: the argument its attributePath
// names, or else the block's body (its opening brace, which Terraform's snippet shows as the block's header).
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Body } from "../config/body.js";

export function inConfigBody(diags: readonly Diagnostic[], body: Body | undefined, address: string): Diagnostic[] {
  return diags.map((d) => {
    const withAddress: Diagnostic = d.address ? d : { ...d, address };
    if (d.subject || !body) return withAddress;
    const first = d.attributePath?.[0];
    if (typeof first === "string") {
      const attr = body.partialContent({ attributes: [{ name: first }], blocks: [] }).content.attributes.get(first);
      if (attr) return { ...withAddress, subject: attr.expr.range };
    }
    return { ...withAddress, subject: body.missingItemRange() };
  });
}
