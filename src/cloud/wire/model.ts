// AWS service models as the wire codecs use them: the compact JSON that scripts/gen-aws-models.py extracts from
// botocore (the reference for names and shapes), linked once into shape objects so that a request walks object
// references, never name lookups.

export type ShapeType =
  | "structure"
  | "list"
  | "map"
  | "string"
  | "integer"
  | "long"
  | "boolean"
  | "timestamp"
  | "blob"
  | "double"
  | "float";

export type WireProtocol = "query" | "ec2" | "rest-xml";

export interface ShapeRefJson {
  readonly shape: string;
  readonly locationName?: string;
  readonly queryName?: string;
  readonly flattened?: boolean;
  readonly xmlAttribute?: boolean;
  readonly xmlNamespace?: XmlNamespace;
  readonly location?: string;
  readonly idempotencyToken?: boolean;
  readonly timestampFormat?: string;
}

export interface XmlNamespace {
  readonly prefix?: string;
  readonly uri: string;
}

export interface ShapeJson {
  readonly type: ShapeType;
  readonly required?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly flattened?: boolean;
  readonly locationName?: string;
  readonly timestampFormat?: string;
  readonly sensitive?: boolean;
  readonly streaming?: boolean;
  readonly xmlNamespace?: XmlNamespace;
  /** REST protocols: the member that is the whole body. */
  readonly payload?: string;
  readonly exception?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly members?: Readonly<Record<string, ShapeRefJson>>;
  readonly member?: ShapeRefJson;
  readonly key?: ShapeRefJson;
  readonly value?: ShapeRefJson;
}

export interface OperationJson {
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly deprecated?: boolean;
  readonly input?: string;
  readonly output?: string;
  readonly resultWrapper?: string;
  readonly errors?: readonly string[];
}

export interface ServiceModelJson {
  readonly service: string;
  readonly protocol: WireProtocol;
  readonly apiVersion: string;
  readonly xmlNamespace?: string;
  readonly signingName: string;
  readonly operations: Readonly<Record<string, OperationJson>>;
  readonly shapes: Readonly<Record<string, ShapeJson>>;
}

/** A reference to a shape from a structure member, a list member, or a map key/value. */
export interface ShapeRef {
  /** The member's name in the model ("UserName"); "member", "key" or "value" for list and map refs. */
  readonly name: string;
  readonly shape: Shape;
  readonly locationName: string | undefined;
  readonly queryName: string | undefined;
  /** The ref's own flattened flag or its shape's. */
  readonly flattened: boolean;
  readonly timestampFormat: string | undefined;
  /** The member's name in the request and response bodies (locationName, else the member name). */
  readonly xmlName: string;
  /** REST protocols: where the member travels ("uri", "querystring", "header", "headers", "statusCode"), else the body. */
  readonly location: string | undefined;
  /** Rendered as an attribute of the enclosing element rather than a child (S3's xsi:type). */
  readonly xmlAttribute: boolean;
  /** The ref's own namespace or its shape's. */
  readonly xmlNamespace: XmlNamespace | undefined;
}

export interface Shape {
  readonly name: string;
  readonly type: ShapeType;
  readonly json: ShapeJson;
  /** Structure members in model order. */
  readonly members: readonly ShapeRef[];
  readonly memberMap: ReadonlyMap<string, ShapeRef>;
  readonly required: ReadonlySet<string>;
  readonly member: ShapeRef | undefined;
  readonly key: ShapeRef | undefined;
  readonly value: ShapeRef | undefined;
}

export interface Operation {
  readonly name: string;
  readonly json: OperationJson;
  readonly input: Shape | undefined;
  readonly output: Shape | undefined;
  readonly resultWrapper: string | undefined;
}

export interface ServiceModel {
  readonly service: string;
  readonly protocol: WireProtocol;
  readonly apiVersion: string;
  readonly xmlNamespace: string | undefined;
  readonly signingName: string;
  readonly operations: ReadonlyMap<string, Operation>;
  shape(name: string): Shape;
}

interface MutableShape {
  name: string;
  type: ShapeType;
  json: ShapeJson;
  members: ShapeRef[];
  memberMap: Map<string, ShapeRef>;
  required: Set<string>;
  member: ShapeRef | undefined;
  key: ShapeRef | undefined;
  value: ShapeRef | undefined;
}

/** Links a compact model: every shape becomes one object, refs point at shape objects (recursive shapes work). */
export function linkModel(json: ServiceModelJson): ServiceModel {
  const shapes = new Map<string, MutableShape>();
  for (const [name, s] of Object.entries(json.shapes)) {
    shapes.set(name, {
      name,
      type: s.type,
      json: s,
      members: [],
      memberMap: new Map(),
      required: new Set(s.required ?? []),
      member: undefined,
      key: undefined,
      value: undefined,
    });
  }
  const get = (name: string): MutableShape => {
    const s = shapes.get(name);
    if (!s) throw new Error(`model ${json.service}: unknown shape ${name}`);
    return s;
  };
  const ref = (name: string, r: ShapeRefJson): ShapeRef => {
    const shape = get(r.shape);
    return {
      name,
      shape,
      locationName: r.locationName,
      queryName: r.queryName,
      flattened: r.flattened ?? shape.json.flattened ?? false,
      timestampFormat: r.timestampFormat ?? shape.json.timestampFormat,
      xmlName: r.locationName ?? name,
      location: r.location,
      xmlAttribute: r.xmlAttribute ?? false,
      xmlNamespace: r.xmlNamespace ?? shape.json.xmlNamespace,
    };
  };
  for (const s of shapes.values()) {
    const j = s.json;
    if (j.members) {
      for (const [mn, mr] of Object.entries(j.members)) {
        const r = ref(mn, mr);
        s.members.push(r);
        s.memberMap.set(mn, r);
      }
    }
    if (j.member) s.member = ref("member", j.member);
    if (j.key) s.key = ref("key", j.key);
    if (j.value) s.value = ref("value", j.value);
  }
  const operations = new Map<string, Operation>();
  for (const [name, o] of Object.entries(json.operations)) {
    operations.set(name, {
      name,
      json: o,
      input: o.input ? get(o.input) : undefined,
      output: o.output ? get(o.output) : undefined,
      resultWrapper: o.resultWrapper,
    });
  }
  return {
    service: json.service,
    protocol: json.protocol,
    apiVersion: json.apiVersion,
    xmlNamespace: json.xmlNamespace,
    signingName: json.signingName,
    operations,
    shape: get,
  };
}

const cache = new Map<string, Promise<ServiceModel>>();

/** The linked model of a service, loaded on first use (the EC2 model is a megabyte; a CLI run should not pay for it). */
export function loadServiceModel(service: "iam" | "sts" | "ec2" | "s3"): Promise<ServiceModel> {
  let p = cache.get(service);
  if (!p) {
    p = importModel(service).then(linkModel);
    cache.set(service, p);
  }
  return p;
}

async function importModel(service: "iam" | "sts" | "ec2" | "s3"): Promise<ServiceModelJson> {
  switch (service) {
    case "iam":
      return (await import("./models/iam.js")).model;
    case "sts":
      return (await import("./models/sts.js")).model;
    case "ec2":
      return (await import("./models/ec2.js")).model;
    case "s3":
      return (await import("./models/s3.js")).model;
  }
}
