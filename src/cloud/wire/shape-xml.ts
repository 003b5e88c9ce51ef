// Shapes as XML elements, both ways, for every XML protocol (Query, EC2, REST-XML): structures as child elements
// named by locationName or member name, lists wrapped (<Tags><member>…) or flattened (repeated <Object>…),
// maps as <entry><key/><value/></entry>, timestamps ISO 8601, blobs base64, xmlAttribute members as attributes.
// The rules are botocore's (serialize.py / parsers.py), which are what AWS's clients read and write.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Shape, ShapeRef } from "./model.js";
import { escapeXml, isoTimestamp } from "./xml.js";

/** The child elements of a structure value. */
export function encodeMembers(shape: Shape, value: Record<string, unknown>): string {
  let out = "";
  for (const m of shape.members) {
    if (m.xmlAttribute || m.location !== undefined) continue;
    const v = value[m.name];
    if (v === undefined || v === null) continue;
    out += encodeElement(m, v, m.xmlName);
  }
  return out;
}

function namespaceAttr(ref: ShapeRef): string {
  const ns = ref.xmlNamespace;
  if (!ns) return "";
  return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : ` xmlns="${escapeXml(ns.uri)}"`;
}

/** One value as an element named `name` (several elements for a flattened list or map). */
export function encodeElement(ref: ShapeRef, v: unknown, name: string): string {
  const shape = ref.shape;
  switch (shape.type) {
    case "structure": {
      if (typeof v !== "object") return "";
      const obj = v as Record<string, unknown>;
      let attrs = namespaceAttr(ref);
      for (const m of shape.members) {
        if (!m.xmlAttribute) continue;
        const a = obj[m.name];
        if (a !== undefined && a !== null) attrs += ` ${m.xmlName}="${escapeXml(scalarText(m, a))}"`;
      }
      return `<${name}${attrs}>${encodeMembers(shape, obj)}</${name}>`;
    }
    case "list": {
      if (!Array.isArray(v)) return "";
      const member = shape.member!;
      if (ref.flattened) {
        const itemName = member.locationName ?? name;
        let out = "";
        for (const item of v) if (item !== undefined && item !== null) out += encodeElement(member, item, itemName);
        return out;
      }
      const itemName = member.locationName ?? "member";
      let out = `<${name}${namespaceAttr(ref)}>`;
      for (const item of v) if (item !== undefined && item !== null) out += encodeElement(member, item, itemName);
      return out + `</${name}>`;
    }
    case "map": {
      if (typeof v !== "object") return "";
      const keyName = shape.key!.locationName ?? "key";
      const valueName = shape.value!.locationName ?? "value";
      const entries = v instanceof Map ? [...(v as Map<string, unknown>).entries()] : Object.entries(v as Record<string, unknown>);
      let inner = "";
      for (const [k, val] of entries) {
        const entry = `<${keyName}>${escapeXml(k)}</${keyName}>${val === undefined || val === null ? "" : encodeElement(shape.value!, val, valueName)}`;
        inner += ref.flattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return ref.flattened ? inner : `<${name}>${inner}</${name}>`;
    }
    default:
      return `<${name}${namespaceAttr(ref)}>${escapeXml(scalarText(ref, v))}</${name}>`;
  }
}

/** A scalar's text in a body (ISO timestamps, base64 blobs, true/false). */
export function scalarText(ref: ShapeRef, v: unknown): string {
  switch (ref.shape.type) {
    case "timestamp":
      if (v instanceof Date) return isoTimestamp(v);
      if (typeof v === "number") return isoTimestamp(new Date(v));
      return String(v);
    case "blob":
      return Buffer.isBuffer(v) ? v.toString("base64") : Buffer.from(String(v)).toString("base64");
    case "boolean":
      return v === true || v === "true" ? "true" : "false";
    default:
      return String(v);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding request bodies (REST-XML): XML text → a generic tree → values shaped by the model.

/** What fast-xml-parser gives with isArray always true: element name → the elements of that name. */
type XmlNode = { [name: string]: XmlNode[] | string | undefined } | string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  textNodeName: "#text",
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  processEntities: true,
  htmlEntities: false,
});

export class XmlDecodeError extends Error {}

/** Deeper than any document of AWS's models nests (a few levels), and far above them. */
const MAX_XML_DEPTH = 64;

/**
 * Whether elements nest deeper than `limit`: fast-xml-parser recurses per level, so a body of 100,000 nested
 * elements would overflow the stack (a 500) where S3 answers MalformedXML. Counts start and end tags in one pass.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 63 /* ? */ && next !== 33 /* ! */) {
      const end = text.indexOf(">", i);
      if (end < 0) return false;
      if (text.charCodeAt(end - 1) !== 47 /* / */ && ++depth > limit) return true;
    }
  }
  return false;
}

/** Parses an XML document; returns the root element's name and node, or throws XmlDecodeError. */
export function parseXmlDocument(text: string): { name: string; node: XmlNode } {
  if (nestsDeeperThan(text, MAX_XML_DEPTH)) throw new XmlDecodeError(`elements nest deeper than ${MAX_XML_DEPTH} levels`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlDecodeError(valid.err.msg);
  const doc = parser.parse(text) as Record<string, XmlNode[]>;
  for (const [name, nodes] of Object.entries(doc)) {
    if (name.startsWith("?") || !Array.isArray(nodes)) continue;
    return { name, node: nodes[0]! };
  }
  throw new XmlDecodeError("no root element");
}

function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node;
  const t = node["#text"];
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.map((x) => textOf(x)).join("");
  return "";
}

function children(node: XmlNode, name: string): XmlNode[] {
  if (typeof node === "string") return [];
  const c = node[name];
  return Array.isArray(c) ? c : [];
}

/** The value of `ref` read from its element(s) inside `parent` (the structure's node). */
function decodeMember(ref: ShapeRef, parent: XmlNode): unknown {
  const shape = ref.shape;
  if (ref.xmlAttribute) {
    if (typeof parent === "string") return undefined;
    const a = parent["@" + ref.xmlName.replace(/^.*:/, "")];
    return typeof a === "string" ? decodeScalar(ref, a) : undefined;
  }
  if (shape.type === "list" && ref.flattened) {
    const items = children(parent, shape.member!.locationName ?? ref.xmlName);
    return items.length ? items.map((n) => decodeNode(shape.member!, n)) : undefined;
  }
  const nodes = children(parent, ref.xmlName);
  return nodes.length ? decodeNode(ref, nodes[0]!) : undefined;
}

/** The value of one element of shape `ref`. */
export function decodeNode(ref: ShapeRef, node: XmlNode): unknown {
  const shape = ref.shape;
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        const v = decodeMember(m, node);
        if (v !== undefined) out[m.name] = v;
      }
      return out;
    }
    case "list": {
      const member = shape.member!;
      return children(node, member.locationName ?? "member").map((n) => decodeNode(member, n));
    }
    case "map": {
      const out: Record<string, unknown> = {};
      const keyName = shape.key!.locationName ?? "key";
      const valueName = shape.value!.locationName ?? "value";
      for (const entry of ref.flattened ? [node] : children(node, "entry")) {
        const k = textOf(children(entry, keyName)[0]);
        const v = children(entry, valueName)[0];
        out[k] = v === undefined ? undefined : decodeNode(shape.value!, v);
      }
      return out;
    }
    default:
      return decodeScalar(ref, textOf(node));
  }
}

/** Text → the scalar type of `ref`; throws XmlDecodeError when it cannot be. */
export function decodeScalar(ref: ShapeRef, text: string): unknown {
  const shape = ref.shape;
  switch (shape.type) {
    case "integer":
    case "long": {
      const t = text.trim();
      if (!/^[-+]?\d+$/.test(t)) throw new XmlDecodeError(`${ref.name} must be an integer, not '${text}'`);
      return Number(t);
    }
    case "double":
    case "float": {
      const n = Number(text.trim());
      if (text.trim() === "" || !Number.isFinite(n)) throw new XmlDecodeError(`${ref.name} must be a number, not '${text}'`);
      return n;
    }
    case "boolean": {
      const t = text.trim().toLowerCase();
      if (t !== "true" && t !== "false") throw new XmlDecodeError(`${ref.name} must be true or false, not '${text}'`);
      return t === "true";
    }
    case "timestamp": {
      const ms = Date.parse(text.trim());
      if (Number.isNaN(ms)) throw new XmlDecodeError(`${ref.name} must be a timestamp, not '${text}'`);
      return new Date(ms);
    }
    case "blob":
      return Buffer.from(text, "base64");
    default:
      return text;
  }
}
