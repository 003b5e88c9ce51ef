// aws_vpc_security_group_ingress_rule / _egress_rule and the aws_subnets / aws_security_group lookups.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1" });
});
afterEach(async () => h.close());

describe("one-rule resources and lookups", () => {
  it("ingress and egress rules with their own ids, updated in place, seen by lookups", async () => {
    const vpc = String((await h.data("aws_vpc", { default: true })).obj!.id);
    const sg = await h.apply("aws_security_group", h.nullState("aws_security_group"), { name: "app", vpc_id: vpc });
    const sgId = String(sg.obj!.id);
    expect(sg.obj!.egress).toEqual([]);
    const ing = await h.apply("aws_vpc_security_group_ingress_rule", h.nullState("aws_vpc_security_group_ingress_rule"), {
      security_group_id: sgId,
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "10.0.0.0/8",
      description: "https",
    });
    expect(ing.errors).toEqual([]);
    expect(ing.obj).toMatchObject({ id: expect.stringMatching(/^sgr-/), from_port: 443, cidr_ipv4: "10.0.0.0/8", description: "https" });
    const moved = await h.apply("aws_vpc_security_group_ingress_rule", ing.state, { security_group_id: sgId, ip_protocol: "tcp", from_port: 8443, to_port: 8443, cidr_ipv4: "10.0.0.0/8", description: "https" });
    expect(moved.errors).toEqual([]);
    expect(moved.replace).toEqual([]);
    expect(moved.obj).toMatchObject({ id: ing.obj!.id, from_port: 8443 });
    const eg = await h.apply("aws_vpc_security_group_egress_rule", h.nullState("aws_vpc_security_group_egress_rule"), { security_group_id: sgId, ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" });
    expect(eg.errors).toEqual([]);
    expect(eg.obj).toMatchObject({ ip_protocol: "-1", from_port: null });
    // The inline view of the group sees both (drift for a group that also declares inline rules).
    const seen = (await h.read("aws_security_group", sg.state)).obj!;
    expect((seen.ingress as { from_port: number }[]).map((r) => r.from_port)).toEqual([8443]);

    expect((await h.data("aws_security_group", { name: "app", vpc_id: vpc })).obj!.id).toBe(sgId);
    const subnets = (await h.data("aws_subnets", { filter: [{ name: "vpc-id", values: [vpc] }] })).obj!.ids as string[];
    expect(subnets.length).toBeGreaterThan(0);

    expect((await h.apply("aws_vpc_security_group_ingress_rule", moved.state, null)).errors).toEqual([]);
    expect((await h.read("aws_vpc_security_group_ingress_rule", moved.state)).obj).toBeNull();
    expect((await h.apply("aws_vpc_security_group_egress_rule", eg.state, null)).errors).toEqual([]);
    expect((await h.apply("aws_security_group", sg.state, null)).errors).toEqual([]);
  });
});

describe("aws_security_group_rule", () => {
  it("adds one rule to a group, finds it by its permission, and revokes it", async () => {
    const vpc = String((await h.data("aws_vpc", { default: true })).obj!.id);
    const sg = await h.apply("aws_security_group", h.nullState("aws_security_group"), { name: "legacy", vpc_id: vpc });
    const cfg = { type: "ingress", security_group_id: sg.obj!.id, protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/8"] };
    const r = await h.apply("aws_security_group_rule", h.nullState("aws_security_group_rule"), cfg);
    expect(r.errors).toEqual([]);
    expect(r.obj!.id).toMatch(/^sgrule-\d+$/);
    expect((await h.read("aws_security_group_rule", r.state)).obj).not.toBeNull();
    expect((await h.plan("aws_security_group_rule", r.state, { ...cfg, to_port: 23 })).replace).toEqual(["to_port"]);
    expect((await h.apply("aws_security_group_rule", r.state, null)).errors).toEqual([]);
    expect((await h.read("aws_security_group_rule", r.state)).obj).toBeNull();
  });
});
