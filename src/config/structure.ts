// Terraform's structural rules for a module's files (configs.parseConfigFile and Module.appendFile): which
// top-level blocks exist and their labels, what each block may contain, names that must be identifiers,
// meta-argument conflicts, and declarations that must be unique within the module. Summaries and details are
// Terraform 1.11's own words, so `tfsim validate` prints what `terraform validate` prints.
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import type { Range } from "../hcl/source.js";
import { rangeString, validIdentifier, type Attribute, type Block, type Body, type BodySchema, type Expression } from "./body.js";
import { decodeReplaceTriggeredBy } from "./replace-triggered-by.js";
import { staticExpression } from "./expression-ast.js";
import { templateLiteral, type Expression as AstExpression } from "../hcl/ast.js";
import { jsonStringExpression } from "../hcl/json.js";
import { nativeExpression } from "./native-body.js";
import { isConversionError } from "../lang/convert.js";
import { evaluate } from "../lang/eval.js";
import { applyTypeConstraint, parseTypeConstraint } from "../lang/typeexpr.js";
import { Value } from "../lang/value.js";
import { decodeRemovedBlock } from "./removed-blocks.js";
import type {
  Backend,
  Check,
  CheckRule,
  Config,
  Import,
  Lifecycle,
  Local,
  ModuleCall,
  Moved,
  Output,
  ProviderConfig,
  Provisioner,
  Removed,
  RequiredProvider,
  Resource,
  ResourceMode,
  Variable,
} from "./model.js";

const badIdentifierDetail =
  "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.";

export const configFileSchema: BodySchema = {
  blocks: [
    { type: "terraform" },
    // Not valid at the top level; listed so that it gets its own, more helpful error.
    { type: "required_providers" },
    { type: "provider", labelNames: ["name"] },
    { type: "variable", labelNames: ["name"] },
    { type: "locals" },
    { type: "output", labelNames: ["name"] },
    { type: "module", labelNames: ["name"] },
    { type: "resource", labelNames: ["type", "name"] },
    { type: "data", labelNames: ["type", "name"] },
    { type: "ephemeral", labelNames: ["type", "name"] },
    { type: "moved" },
    { type: "removed" },
    { type: "import" },
    { type: "check", labelNames: ["name"] },
  ],
};

const terraformBlockSchema: BodySchema = {
  attributes: [{ name: "required_version" }, { name: "experiments" }, { name: "language" }],
  blocks: [
    { type: "backend", labelNames: ["type"] },
    { type: "cloud" },
    { type: "required_providers" },
    { type: "provider_meta", labelNames: ["provider"] },
  ],
};

/**
 * An argument Terraform reads statically (references, traversals, type expressions): in JSON syntax its
 * strings hold native expressions, so it is kept as the native expression they spell.
 */
function staticArg(attr: Attribute | undefined, diags: Diagnostic[]): Expression | undefined {
  return attr && staticExpression(attr.expr, diags);
}

/**
 * depends_on and ignore_changes: a static list of references, where Terraform still takes a quoted one
 * (`"terraform_data.a"`, the 0.11 form) with a warning (shimTraversalInString).
 */
function referenceList(attr: Attribute | undefined, diags: Diagnostic[]): Expression | undefined {
  const expr = staticArg(attr, diags);
  const node = expr?.syntax === "native" ? (expr.node as AstExpression) : undefined;
  if (!expr || node?.kind !== "Tuple" || !node.exprs.some((e) => templateLiteral(e) !== undefined)) return expr;
  const exprs = node.exprs.map((e) => {
    const text = templateLiteral(e);
    if (text === undefined) return e;
    diags.push(
      warning(
        "Quoted references are deprecated",
        "In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Terraform. Remove the quotes surrounding this reference to silence this warning.",
        e.range,
      ),
    );
    const parsed = jsonStringExpression(e.range.file, { kind: "string", value: text, range: e.range });
    return parsed.diagnostics.some((d) => d.severity === "error") ? e : parsed.expr;
  });
  return nativeExpression({ ...node, exprs });
}

const terraformSniffRootSchema: BodySchema = { blocks: [{ type: "terraform" }] };

const providerBlockSchema: BodySchema = {
  attributes: [
    { name: "alias" },
    { name: "version" },
    // Reserved for future use.
    { name: "count" },
    { name: "depends_on" },
    { name: "for_each" },
    { name: "source" },
  ],
  blocks: [{ type: "_" }, { type: "lifecycle" }, { type: "locals" }],
};

const variableBlockSchema: BodySchema = {
  attributes: [
    { name: "description" },
    { name: "default" },
    { name: "type" },
    { name: "sensitive" },
    { name: "nullable" },
    { name: "ephemeral" },
  ],
  blocks: [{ type: "validation" }],
};

const outputBlockSchema: BodySchema = {
  attributes: [
    { name: "description" },
    { name: "value", required: true },
    { name: "depends_on" },
    { name: "sensitive" },
    { name: "ephemeral" },
  ],
  blocks: [{ type: "precondition" }],
};

const moduleBlockSchema: BodySchema = {
  attributes: [
    { name: "source", required: true },
    { name: "version" },
    { name: "count" },
    { name: "for_each" },
    { name: "depends_on" },
    { name: "providers" },
  ],
  blocks: [
    { type: "_" },
    // Reserved for future use.
    { type: "lifecycle" },
    { type: "locals" },
    { type: "provider", labelNames: ["type"] },
  ],
};

const commonResourceAttributes = [{ name: "count" }, { name: "for_each" }, { name: "provider" }, { name: "depends_on" }];

const resourceBlockSchema: BodySchema = {
  attributes: commonResourceAttributes,
  blocks: [
    { type: "locals" }, // reserved for future use
    { type: "lifecycle" },
    { type: "connection" },
    { type: "provisioner", labelNames: ["type"] },
    { type: "_" },
  ],
};

const dataBlockSchema: BodySchema = {
  attributes: commonResourceAttributes,
  blocks: [{ type: "lifecycle" }, { type: "locals" }, { type: "_" }],
};

const resourceLifecycleBlockSchema: BodySchema = {
  attributes: [
    { name: "create_before_destroy" },
    { name: "prevent_destroy" },
    { name: "ignore_changes" },
    { name: "replace_triggered_by" },
  ],
  blocks: [{ type: "precondition" }, { type: "postcondition" }],
};

const provisionerBlockSchema: BodySchema = {
  attributes: [{ name: "when" }, { name: "on_failure" }],
  blocks: [{ type: "connection" }, { type: "lifecycle" }],
};

const checkRuleBlockSchema: BodySchema = {
  attributes: [
    { name: "condition", required: true },
    { name: "error_message", required: true },
  ],
};

const movedBlockSchema: BodySchema = {
  attributes: [
    { name: "from", required: true },
    { name: "to", required: true },
  ],
};

const importBlockSchema: BodySchema = {
  attributes: [{ name: "provider" }, { name: "for_each" }, { name: "id", required: true }, { name: "to", required: true }],
};

const checkBlockSchema: BodySchema = {
  blocks: [{ type: "data", labelNames: ["type", "name"] }, { type: "assert" }],
};

/** What one file declares, before the module-wide uniqueness rules. */
export interface FileDecls {
  readonly requiredVersion: Attribute["expr"][];
  readonly experiments: Attribute["expr"][];
  readonly requiredProviders: RequiredProvider[];
  /** Where each required_providers block is, for the one-per-module rule. */
  readonly requiredProvidersBlocks: Range[];
  readonly backends: Backend[];
  readonly cloud: Block[];
  readonly providers: ProviderConfig[];
  readonly variables: Variable[];
  readonly locals: Local[];
  readonly outputs: Output[];
  readonly modules: ModuleCall[];
  readonly resources: Resource[];
  readonly moved: Moved[];
  readonly imports: Import[];
  readonly removed: Removed[];
  readonly checks: Check[];
}

/** Decodes one file's top-level body, as configs.parseConfigFile. */
export function decodeFile(body: Body): { decls: FileDecls; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const decls: FileDecls = {
    requiredVersion: [],
    experiments: [],
    requiredProviders: [],
    requiredProvidersBlocks: [],
    backends: [],
    cloud: [],
    providers: [],
    variables: [],
    locals: [],
    outputs: [],
    modules: [],
    resources: [],
    moved: [],
    imports: [],
    removed: [],
    checks: [],
  };

  // Terraform reads `terraform` blocks twice before the main pass (to sniff the required version and the
  // experiments, so those work even in a file it cannot otherwise decode); a label error in one is therefore
  // reported three times, and we do the same.
  for (let pass = 0; pass < 2; pass++) {
    const sniff = body.partialContent(terraformSniffRootSchema);
    diags.push(...sniff.diagnostics);
    for (const b of sniff.content.blocks) {
      const inner = b.body.partialContent(
        pass === 0 ? { attributes: [{ name: "required_version" }] } : { attributes: [{ name: "experiments" }, { name: "language" }] },
      );
      diags.push(...inner.diagnostics);
    }
  }

  const { content, diagnostics } = body.content(configFileSchema);
  diags.push(...diagnostics);
  for (const block of content.blocks) {
    switch (block.type) {
      case "terraform":
        decodeTerraformBlock(block, decls, diags);
        break;
      case "required_providers":
        diags.push(
          error(
            "Invalid required_providers block",
            'A "required_providers" block must be nested inside a "terraform" block.',
            block.typeRange,
          ),
        );
        break;
      case "provider":
        decls.providers.push(decodeProviderBlock(block, diags));
        break;
      case "variable":
        decls.variables.push(decodeVariableBlock(block, diags));
        break;
      case "locals":
        decls.locals.push(...decodeLocalsBlock(block, diags));
        break;
      case "output":
        decls.outputs.push(decodeOutputBlock(block, diags));
        break;
      case "module":
        decls.modules.push(decodeModuleBlock(block, diags));
        break;
      case "resource":
        decls.resources.push(decodeResourceBlock(block, "managed", diags));
        break;
      case "data":
        decls.resources.push(decodeResourceBlock(block, "data", diags));
        break;
      case "ephemeral":
        decls.resources.push(decodeResourceBlock(block, "ephemeral", diags));
        break;
      case "moved": {
        const c = block.body.content(movedBlockSchema);
        diags.push(...c.diagnostics);
        decls.moved.push({ from: staticArg(c.content.attributes.get("from"), diags), to: staticArg(c.content.attributes.get("to"), diags), declRange: block.defRange });
        break;
      }
      case "import": {
        const c = block.body.content(importBlockSchema);
        diags.push(...c.diagnostics);
        const a = c.content.attributes;
        decls.imports.push({
          to: staticArg(a.get("to"), diags),
          id: a.get("id")?.expr,
          provider: staticArg(a.get("provider"), diags),
          forEach: a.get("for_each")?.expr,
          declRange: block.defRange,
        });
        break;
      }
      case "removed":
        decls.removed.push(decodeRemovedBlock(block, diags));
        break;
      case "check":
        decls.checks.push(decodeCheckBlock(block, diags));
        break;
    }
  }
  return { decls, diagnostics: diags };
}

function decodeTerraformBlock(block: Block, decls: FileDecls, diags: Diagnostic[]): void {
  const { content, diagnostics } = block.body.content(terraformBlockSchema);
  diags.push(...diagnostics);
  const rv = content.attributes.get("required_version");
  if (rv) decls.requiredVersion.push(rv.expr);
  const exp = content.attributes.get("experiments");
  if (exp) decls.experiments.push(exp.expr);
  for (const inner of content.blocks) {
    switch (inner.type) {
      case "backend":
        decls.backends.push({ type: inner.labels[0]!, config: inner.body, declRange: inner.defRange });
        break;
      case "cloud":
        decls.cloud.push(inner);
        break;
      case "required_providers": {
        decls.requiredProvidersBlocks.push(inner.defRange);
        const attrs = inner.body.justAttributes();
        diags.push(...attrs.diagnostics);
        for (const a of attrs.attributes.values()) decls.requiredProviders.push({ name: a.name, expr: a.expr, declRange: a.range });
        break;
      }
    }
  }
}

function decodeProviderBlock(block: Block, diags: Diagnostic[]): ProviderConfig {
  const { content, remain, diagnostics } = block.body.partialContent(providerBlockSchema);
  diags.push(...diagnostics);
  let alias: string | undefined;
  let aliasRange: Range | undefined;
  const aliasAttr = content.attributes.get("alias");
  if (aliasAttr) {
    alias = aliasAttr.expr.quotedString() ?? aliasAttr.expr.keyword();
    aliasRange = aliasAttr.expr.range;
    if (alias !== undefined && !validIdentifier(alias)) {
      diags.push(error("Invalid provider configuration alias", `An alias must be a valid name. ${badIdentifierDetail}`));
    }
  }
  const version = content.attributes.get("version");
  if (version) {
    diags.push(
      warning(
        "Version constraints inside provider configuration blocks are deprecated",
        "Terraform 0.13 and earlier allowed provider version constraints inside the provider configuration block, but that is now deprecated and will be removed in a future version of Terraform. To silence this warning, move the provider version constraint into the required_providers block.",
        version.expr.range,
      ),
    );
  }
  for (const name of ["count", "depends_on", "for_each", "source"]) {
    const a = content.attributes.get(name);
    if (a) {
      diags.push(
        error(
          "Reserved argument name in provider block",
          `The provider argument name "${name}" is reserved for use by Terraform in a future version.`,
          a.nameRange,
        ),
      );
    }
  }
  for (const b of content.blocks) {
    if (b.type === "_") continue;
    diags.push(
      error(
        "Reserved block type name in provider block",
        `The block type name "${b.type}" is reserved for use by Terraform in a future version.`,
        b.typeRange,
      ),
    );
  }
  return {
    name: block.labels[0]!,
    ...(alias !== undefined ? { alias } : {}),
    ...(aliasRange ? { aliasRange } : {}),
    ...(version ? { version: version.expr } : {}),
    config: remain,
    declRange: block.defRange,
  };
}

function decodeVariableBlock(block: Block, diags: Diagnostic[]): Variable {
  const name = block.labels[0]!;
  const { content, diagnostics } = block.body.content(variableBlockSchema);
  diags.push(...diagnostics);
  if (!validIdentifier(name)) diags.push(error("Invalid variable name", badIdentifierDetail, block.labelRanges[0]));
  // A module block's own arguments and block types cannot be used as input variable names.
  for (const reserved of [...moduleBlockSchema.attributes!.map((a) => a.name), ...moduleBlockSchema.blocks!.map((b) => b.type)]) {
    if (reserved === name) {
      diags.push(
        error(
          "Invalid variable name",
          `The variable name "${name}" is reserved due to its special meaning inside module blocks.`,
          block.labelRanges[0],
        ),
      );
    }
  }
  const a = content.attributes;
  const type = a.get("type");
  if (type) checkVariableType(type, diags);
  const def = a.get("default");
  if (def) checkVariableDefault(def, type, a.get("nullable"), diags);
  const validations: CheckRule[] = [];
  for (const b of content.blocks) validations.push(decodeCheckRule(b, diags));
  return {
    name,
    description: a.get("description")?.expr,
    default: a.get("default")?.expr,
    type: staticArg(type, diags),
    sensitive: a.get("sensitive")?.expr,
    nullable: a.get("nullable")?.expr,
    ephemeral: a.get("ephemeral")?.expr,
    validations,
    declRange: block.defRange,
  };
}

/**
 * Terraform's configs decoding of a variable's default: a constant that converts to the type constraint (its
 * optional attributes' defaults applied first), and not null when the variable is not nullable.
 */
function checkVariableDefault(def: Attribute, type: Attribute | undefined, nullable: Attribute | undefined, diags: Diagnostic[]): void {
  if (def.expr.syntax !== "native") return;
  const r = evaluate(def.expr.node as AstExpression);
  if (r.diagnostics.some((d) => d.severity === "error")) return;
  let v = r.value;
  const c = type?.expr.syntax === "native" ? parseTypeConstraint(type.expr.node as AstExpression) : undefined;
  if (c?.constraint && !c.diagnostics.some((d) => d.severity === "error")) {
    const conv = applyTypeConstraint(v, c.constraint);
    if (isConversionError(conv)) {
      diags.push(error("Invalid default value for variable", `This default value is not compatible with the variable's type constraint: ${conv.message}.`, def.expr.range));
      return;
    }
    v = conv;
  }
  const n = nullable?.expr.syntax === "native" ? evaluate(nullable.expr.node as AstExpression).value : undefined;
  if (v.isNull() && n?.rawEquals(Value.bool(false))) diags.push(error("Invalid default value for variable", "A null default value is not valid when nullable=false.", def.expr.range));
}

const quotedTypeDetail =
  "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around ";

/** The pre-0.12 quoted type forms (`type = "string"`), which Terraform now rejects with a hint. */
function checkVariableType(attr: Attribute, diags: Diagnostic[]): void {
  const quoted = attr.expr.quotedString();
  if (quoted === undefined) return;
  const at = attr.expr.range;
  switch (quoted) {
    case "string":
      diags.push(error("Invalid quoted type constraints", `${quotedTypeDetail}"string".`, at));
      break;
    case "list":
    case "map":
      diags.push(
        error(
          "Invalid quoted type constraints",
          `${quotedTypeDetail}"${quoted}" and write ${quoted}(string) instead to explicitly indicate that the ${quoted} elements are strings.`,
          at,
        ),
      );
      break;
    default:
      diags.push(
        error(
          "Invalid legacy variable type hint",
          "To provide a full type expression, remove the surrounding quotes and give the type expression directly.",
          at,
        ),
      );
  }
}

/** A condition + error_message block (validation, precondition, postcondition, assert). */
function decodeCheckRule(block: Block, diags: Diagnostic[]): CheckRule {
  const { content, diagnostics } = block.body.content(checkRuleBlockSchema);
  diags.push(...diagnostics);
  const condition = content.attributes.get("condition")?.expr;
  if (condition && condition.references().length === 0) {
    // A condition that refers to nothing is a constant: it would check nothing.
    diags.push(
      error(
        `Invalid ${block.type} expression`,
        "The condition expression must refer to at least one object from elsewhere in the configuration, or else its result would not be checking anything.",
        condition.range,
      ),
    );
  }
  return { condition, errorMessage: content.attributes.get("error_message")?.expr, declRange: block.defRange };
}

function decodeLocalsBlock(block: Block, diags: Diagnostic[]): Local[] {
  const { attributes, diagnostics } = block.body.justAttributes();
  diags.push(...diagnostics);
  const out: Local[] = [];
  for (const a of attributes.values()) {
    if (!validIdentifier(a.name)) diags.push(error("Invalid local value name", badIdentifierDetail, a.nameRange));
    out.push({ name: a.name, expr: a.expr, declRange: a.range });
  }
  return out;
}

function decodeOutputBlock(block: Block, diags: Diagnostic[]): Output {
  const name = block.labels[0]!;
  const { content, diagnostics } = block.body.content(outputBlockSchema);
  diags.push(...diagnostics);
  if (!validIdentifier(name)) diags.push(error("Invalid output name", badIdentifierDetail, block.labelRanges[0]));
  const a = content.attributes;
  const preconditions: CheckRule[] = [];
  for (const b of content.blocks) preconditions.push(decodeCheckRule(b, diags));
  return {
    name,
    value: a.get("value")?.expr,
    description: a.get("description")?.expr,
    sensitive: a.get("sensitive")?.expr,
    ephemeral: a.get("ephemeral")?.expr,
    dependsOn: referenceList(a.get("depends_on"), diags),
    preconditions,
    declRange: block.defRange,
  };
}

/** Terraform says "resources" for module calls too. */
function countForEachConflict(count: Attribute | undefined, forEach: Attribute | undefined, diags: Diagnostic[]): void {
  if (count && forEach) {
    diags.push(
      error(
        'Invalid combination of "count" and "for_each"',
        `The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.`,
        forEach.nameRange,
      ),
    );
  }
}

function decodeModuleBlock(block: Block, diags: Diagnostic[]): ModuleCall {
  const name = block.labels[0]!;
  const { content, remain, diagnostics } = block.body.partialContent(moduleBlockSchema);
  diags.push(...diagnostics);
  if (!validIdentifier(name)) diags.push(error("Invalid module instance name", badIdentifierDetail, block.labelRanges[0]));
  const a = content.attributes;
  countForEachConflict(a.get("count"), a.get("for_each"), diags);
  for (const b of content.blocks) {
    if (b.type === "_") continue;
    diags.push(
      error(
        "Reserved block type name in module block",
        `The block type name "${b.type}" is reserved for use by Terraform in a future version.`,
        b.typeRange,
      ),
    );
  }
  return {
    name,
    source: a.get("source")?.expr,
    version: a.get("version")?.expr,
    count: a.get("count")?.expr,
    forEach: a.get("for_each")?.expr,
    dependsOn: referenceList(a.get("depends_on"), diags),
    providers: staticArg(a.get("providers"), diags),
    config: remain,
    declRange: block.defRange,
  };
}

const modeWords: Record<ResourceMode, { block: string; name: string; type: string }> = {
  managed: { block: "resource", name: "Invalid resource name", type: "Invalid resource type name" },
  data: { block: "data", name: "Invalid data resource name", type: "Invalid data source name" },
  ephemeral: { block: "ephemeral", name: "Invalid ephemeral resource name", type: "Invalid ephemeral resource type name" },
};

function decodeResourceBlock(block: Block, mode: ResourceMode, diags: Diagnostic[]): Resource {
  const [type, name] = [block.labels[0]!, block.labels[1]!];
  const words = modeWords[mode];
  const { content, remain, diagnostics } = block.body.partialContent(mode === "managed" ? resourceBlockSchema : dataBlockSchema);
  diags.push(...diagnostics);
  if (!validIdentifier(type)) diags.push(error(words.type, badIdentifierDetail, block.labelRanges[0]));
  if (!validIdentifier(name)) diags.push(error(words.name, badIdentifierDetail, block.labelRanges[1]));
  const a = content.attributes;
  countForEachConflict(a.get("count"), a.get("for_each"), diags);

  let lifecycleBlock: Block | undefined;
  let lifecycle: Lifecycle = { preconditions: [], postconditions: [] };
  let connectionBlock: Block | undefined;
  const provisioners: Provisioner[] = [];
  for (const b of content.blocks) {
    switch (b.type) {
      case "lifecycle":
        if (lifecycleBlock) {
          diags.push(
            error("Duplicate lifecycle block", `This resource already has a lifecycle block at ${rangeString(lifecycleBlock.defRange)}.`, b.defRange),
          );
          continue;
        }
        lifecycleBlock = b;
        lifecycle = decodeLifecycle(b, mode, diags);
        break;
      case "connection":
        if (connectionBlock) {
          diags.push(
            error(
              "Duplicate connection block",
              `This resource already has a connection block at ${rangeString(connectionBlock.defRange)}.`,
              b.defRange,
            ),
          );
          continue;
        }
        connectionBlock = b;
        break;
      case "provisioner":
        provisioners.push(decodeProvisioner(b, diags));
        break;
      case "_":
        break;
      default:
        diags.push(
          error(
            `Reserved block type name in ${words.block} block`,
            `The block type name "${b.type}" is reserved for use by Terraform in a future version.`,
            b.typeRange,
          ),
        );
    }
  }
  return {
    mode,
    type,
    name,
    count: a.get("count")?.expr,
    forEach: a.get("for_each")?.expr,
    provider: staticArg(a.get("provider"), diags),
    dependsOn: referenceList(a.get("depends_on"), diags),
    lifecycle,
    ...(connectionBlock ? { connection: connectionBlock.body } : {}),
    provisioners,
    config: remain,
    declRange: block.defRange,
    typeRange: block.labelRanges[0] ?? block.typeRange,
  };
}

function decodeLifecycle(block: Block, mode: ResourceMode, diags: Diagnostic[]): Lifecycle {
  const { content, diagnostics } = block.body.content(resourceLifecycleBlockSchema);
  diags.push(...diagnostics);
  const a = content.attributes;
  if (mode !== "managed") {
    // HCL accepts these for data resources too, so that this message can be more specific than HCL's.
    for (const attr of a.values()) {
      diags.push(
        error(
          "Invalid data resource lifecycle argument",
          `The lifecycle argument "${attr.name}" is defined only for managed resources ("resource" blocks), and is not valid for data resources.`,
          attr.nameRange,
        ),
      );
    }
  }
  const preconditions: CheckRule[] = [];
  const postconditions: CheckRule[] = [];
  for (const b of content.blocks) (b.type === "precondition" ? preconditions : postconditions).push(decodeCheckRule(b, diags));
  const rtb = staticArg(a.get("replace_triggered_by"), diags);
  if (rtb && mode === "managed") diags.push(...decodeReplaceTriggeredBy(rtb).diagnostics);
  return {
    createBeforeDestroy: a.get("create_before_destroy")?.expr,
    preventDestroy: a.get("prevent_destroy")?.expr,
    ignoreChanges: referenceList(a.get("ignore_changes"), diags),
    replaceTriggeredBy: rtb,
    preconditions,
    postconditions,
  };
}

function decodeProvisioner(block: Block, diags: Diagnostic[]): Provisioner {
  const { content, remain, diagnostics } = block.body.partialContent(provisionerBlockSchema);
  diags.push(...diagnostics);
  let connection: Body | undefined;
  for (const b of content.blocks) {
    if (b.type === "connection") {
      connection = b.body;
    } else {
      diags.push(
        error(
          "Reserved block type name in provisioner block",
          `The block type name "${b.type}" is reserved for use by Terraform in a future version.`,
          b.typeRange,
        ),
      );
    }
  }
  return {
    type: block.labels[0]!,
    config: remain,
    ...(connection ? { connection } : {}),
    when: content.attributes.get("when")?.expr,
    onFailure: content.attributes.get("on_failure")?.expr,
    declRange: block.defRange,
  };
}

function decodeCheckBlock(block: Block, diags: Diagnostic[]): Check {
  const name = block.labels[0]!;
  const { content, diagnostics } = block.body.content(checkBlockSchema);
  diags.push(...diagnostics);
  if (!validIdentifier(name)) diags.push(error("Invalid check block name", badIdentifierDetail, block.labelRanges[0]));
  const data: Resource[] = [];
  const asserts: CheckRule[] = [];
  for (const b of content.blocks) {
    if (b.type === "data") data.push(decodeResourceBlock(b, "data", diags));
    else {
      // An assert with errors does not count towards the one a check needs (as in Terraform).
      const own: Diagnostic[] = [];
      const rule = decodeCheckRule(b, own);
      diags.push(...own);
      if (!own.some((d) => d.severity === "error")) asserts.push(rule);
    }
  }
  if (asserts.length === 0) {
    diags.push(error("Zero assert blocks", "Check blocks must have at least one assert block.", block.defRange));
  }
  return { name, data, asserts, declRange: block.defRange };
}

/** Joins the files of one module, reporting what must be unique, as configs.Module.appendFile. */
export function buildConfig(files: readonly FileDecls[]): { config: Config; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const providers: ProviderConfig[] = [];
  const providerKeys = new Map<string, ProviderConfig>();
  const variables = new Map<string, Variable>();
  const locals = new Map<string, Local>();
  const outputs = new Map<string, Output>();
  const modules = new Map<string, ModuleCall>();
  const resources = new Map<string, Resource>();
  const data = new Map<string, Resource>();
  const ephemeral = new Map<string, Resource>();
  const checks = new Map<string, Check>();
  const requiredVersion = [];
  const requiredProviders = [];
  const backends: Backend[] = [];
  const cloud: Block[] = [];
  const experiments = [];
  const moved = [];
  const imports = [];
  const removed = [];

  let requiredProvidersAt: Range | undefined;
  for (const f of files) {
    requiredVersion.push(...f.requiredVersion);
    experiments.push(...f.experiments);
    requiredProviders.push(...f.requiredProviders);
    for (const b of f.backends) {
      if (backends.length > 0) {
        diags.push(
          error(
            "Duplicate backend configuration",
            `A module may have only one backend configuration. The backend was previously configured at ${rangeString(backends[0]!.declRange)}.`,
            b.declRange,
          ),
        );
        continue;
      }
      backends.push(b);
    }
    for (const c of f.cloud) {
      if (cloud.length > 0) {
        diags.push(
          error(
            "Duplicate HCP Terraform configurations",
            `A module may have only one 'cloud' block configuring HCP Terraform or Terraform Enterprise. The 'cloud' block was previously configured at ${rangeString(cloud[0]!.defRange)}.`,
            c.defRange,
          ),
        );
        continue;
      }
      cloud.push(c);
    }
    for (const at of f.requiredProvidersBlocks) {
      if (requiredProvidersAt) {
        diags.push(
          error(
            "Duplicate required providers configuration",
            `A module may have only one required providers configuration. The required providers were previously configured at ${rangeString(requiredProvidersAt)}.`,
            at,
          ),
        );
        continue;
      }
      requiredProvidersAt = at;
    }
    for (const p of f.providers) {
      const key = p.alias !== undefined ? `${p.name}.${p.alias}` : p.name;
      const existing = providerKeys.get(key);
      if (existing) {
        diags.push(
          error(
            "Duplicate provider configuration",
            p.alias !== undefined
              ? `A provider configuration for "${p.name}" with alias "${p.alias}" was already given at ${rangeString(existing.declRange)}. Each configuration for the same provider must have a distinct alias.`
              : `A default (non-aliased) provider configuration for "${p.name}" was already given at ${rangeString(existing.declRange)}. If multiple configurations are required, set the "alias" argument for alternative configurations.`,
            p.declRange,
          ),
        );
        continue;
      }
      providerKeys.set(key, p);
      providers.push(p);
    }
    for (const v of f.variables) {
      const existing = variables.get(v.name);
      if (existing) {
        diags.push(
          error(
            "Duplicate variable declaration",
            `A variable named "${v.name}" was already declared at ${rangeString(existing.declRange)}. Variable names must be unique within a module.`,
            v.declRange,
          ),
        );
      } else variables.set(v.name, v);
    }
    for (const l of f.locals) {
      const existing = locals.get(l.name);
      if (existing) {
        diags.push(
          error(
            "Duplicate local value definition",
            `A local value named "${l.name}" was already defined at ${rangeString(existing.declRange)}. Local value names must be unique within a module.`,
            l.declRange,
          ),
        );
      } else locals.set(l.name, l);
    }
    for (const o of f.outputs) {
      const existing = outputs.get(o.name);
      if (existing) {
        diags.push(
          error(
            "Duplicate output definition",
            `An output named "${o.name}" was already defined at ${rangeString(existing.declRange)}. Output names must be unique within a module.`,
            o.declRange,
          ),
        );
      } else outputs.set(o.name, o);
    }
    for (const m of f.modules) {
      const existing = modules.get(m.name);
      if (existing) {
        diags.push(
          error(
            "Duplicate module call",
            `A module call named "${m.name}" was already defined at ${rangeString(existing.declRange)}. Module calls must have unique names within a module.`,
            m.declRange,
          ),
        );
      } else modules.set(m.name, m);
    }
    for (const r of f.resources) {
      const table = r.mode === "managed" ? resources : r.mode === "data" ? data : ephemeral;
      const key = `${r.type}.${r.name}`;
      const existing = table.get(key);
      if (existing) {
        const kind = r.mode === "managed" ? "resource" : r.mode === "data" ? "data" : "ephemeral";
        const noun = r.mode === "managed" ? "resource" : r.mode === "data" ? "data resource" : "ephemeral resource";
        diags.push(
          error(
            `Duplicate ${kind} "${r.type}" configuration`,
            `A ${r.type} ${noun} named "${r.name}" was already declared at ${rangeString(existing.declRange)}. Resource names must be unique per type in each module.`,
            r.declRange,
          ),
        );
      } else table.set(key, r);
    }
    for (const c of f.checks) {
      const existing = checks.get(c.name);
      if (existing) {
        diags.push(
          error(
            `Duplicate check "${c.name}" configuration`,
            `A check block named "${c.name}" was already declared at ${rangeString(existing.declRange)}. Check blocks must be unique within each module.`,
            c.declRange,
          ),
        );
      } else checks.set(c.name, c);
    }
    moved.push(...f.moved);
    imports.push(...f.imports);
    removed.push(...f.removed);
  }
  if (backends.length > 0 && cloud.length > 0) {
    diags.push(
      error(
        "Both a backend and cloud configuration are present",
        `A module may declare either one 'cloud' block OR one 'backend' block configuring a state backend. The 'cloud' block is configured at ${rangeString(cloud[0]!.defRange)}; a backend is configured at ${rangeString(backends[0]!.declRange)}. Remove the backend block to configure HCP Terraform or Terraform Enteprise.`,
        backends[0]!.declRange,
      ),
    );
  }
  return {
    config: {
      terraform: { requiredVersion, requiredProviders, backends, cloud, experiments },
      providers,
      variables,
      locals,
      outputs,
      modules,
      resources,
      data,
      ephemeral,
      moved,
      imports,
      removed,
      checks,
    },
    diagnostics: diags,
  };
}
