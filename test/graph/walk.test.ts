import { describe, expect, it } from "vitest";
import { error, warning } from "../../src/diag/diagnostic.js";
import { Graph, findCycles, walk } from "../../src/graph/index.js";

const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

function graphOf(edges: [string, string][], extra: string[] = []): Graph<string> {
  const g = new Graph<string>();
  for (const [a, b] of edges) {
    g.add(a, a).add(b, b);
  }
  for (const k of extra) g.add(k, k);
  for (const [a, b] of edges) g.connect(a, b);
  return g;
}

describe("walk", () => {
  it("starts a vertex only after all its dependencies finished, and runs independent ones in parallel", async () => {
    // d depends on b and c, which depend on a; e is independent.
    const g = graphOf([["b", "a"], ["c", "a"], ["d", "b"], ["d", "c"]], ["e"]);
    const events: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const r = await walk(g, async (v) => {
      events.push(`start ${v}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick(5);
      inFlight--;
      events.push(`end ${v}`);
    });
    expect(r.counts).toEqual({ succeeded: 5, failed: 0, "upstream-failed": 0, stopped: 0 });
    for (const [a, b] of g.edges()) expect(events.indexOf(`end ${b}`)).toBeLessThan(events.indexOf(`start ${a}`));
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it("never runs more than `concurrency` vertices at once", async () => {
    const g = new Graph<number>();
    for (let i = 0; i < 50; i++) g.add(String(i), i);
    let inFlight = 0;
    let max = 0;
    await walk(
      g,
      async () => {
        max = Math.max(max, ++inFlight);
        await tick(1);
        inFlight--;
      },
      { concurrency: 3 },
    );
    expect(max).toBe(3);
  });

  it("marks descendants of a failed vertex upstream-failed and drops their diagnostics; other branches run", async () => {
    // a <- b <- c ; a <- d ; x <- y (independent)
    const g = graphOf([["b", "a"], ["c", "b"], ["d", "a"], ["y", "x"]]);
    const ran: string[] = [];
    const r = await walk(g, (v) => {
      ran.push(v);
      if (v === "b") return [error("Boom", "b failed", undefined, { address: "b" }), warning("Careful")];
      if (v === "y") return [warning("Deprecated")];
      return [];
    });
    expect(Object.fromEntries(r.status)).toEqual({ a: "succeeded", b: "failed", c: "upstream-failed", d: "succeeded", x: "succeeded", y: "succeeded" });
    expect(ran.sort()).toEqual(["a", "b", "d", "x", "y"]);
    expect(r.diagnostics.items.map((d) => d.summary)).toEqual(["Careful", "Deprecated", "Boom"]);
  });

  it("turns a thrown exception into an error diagnostic for that vertex", async () => {
    const g = graphOf([["b", "a"]]);
    const r = await walk(g, (v) => {
      if (v === "a") throw new Error("kaput");
    });
    expect(r.status.get("b")).toBe("upstream-failed");
    expect(r.diagnostics.items).toHaveLength(1);
    expect(r.diagnostics.items[0]!.detail).toContain("kaput");
    expect(r.diagnostics.items[0]!.address).toBe("a");
  });

  it("runs tolerant vertices despite failed dependencies", async () => {
    const g = graphOf([["save", "a"], ["next", "a"]]);
    const r = await walk(g, (v) => (v === "a" ? [error("no")] : []), { tolerant: (v) => v === "save" });
    expect(r.status.get("save")).toBe("succeeded");
    expect(r.status.get("next")).toBe("upstream-failed");
  });

  it("after the stop signal, lets running vertices finish and starts nothing new", async () => {
    const g = new Graph<number>();
    for (let i = 0; i < 20; i++) g.add(`w${i}`, i);
    g.add("after", -1);
    for (let i = 0; i < 20; i++) g.connect("after", `w${i}`);
    const stop = new AbortController();
    const started: number[] = [];
    const finished: number[] = [];
    const r = await walk(
      g,
      async (i) => {
        started.push(i);
        if (started.length === 4) stop.abort();
        await tick(5);
        finished.push(i);
      },
      { concurrency: 4, signal: stop.signal },
    );
    expect(started).toHaveLength(4);
    expect(finished.sort()).toEqual(started.sort());
    expect(r.counts.succeeded).toBe(4);
    expect(r.counts.stopped).toBe(17);
    expect(r.status.get("after")).toBe("stopped");
  });

  it("sorts diagnostics the same way whatever the timing", async () => {
    const g = new Graph<number>();
    for (let i = 0; i < 30; i++) g.add(`v${String(i).padStart(2, "0")}`, i);
    const once = async () =>
      (
        await walk(g, async (i) => {
          await tick(Math.floor(Math.random() * 4));
          return [i % 2 ? error(`E${i}`) : warning(`W${i}`)];
        })
      ).diagnostics.items.map((d) => d.summary);
    const first = await once();
    expect(await once()).toEqual(first);
    expect(first.slice(0, 15).every((s) => s.startsWith("W"))).toBe(true);
  });

  it("walks 100,000 vertices in a chain and 100,000 independent ones (counts, O(N+E))", { timeout: 300_000 }, async () => {
    const n = 100_000;
    const chain = new Graph<number>();
    for (let i = 0; i < n; i++) chain.add(`c${i}`, i);
    for (let i = 1; i < n; i++) chain.connect(`c${i}`, `c${i - 1}`);
    let last = -1;
    let ordered = true;
    const r1 = await walk(chain, (i) => {
      if (i !== last + 1) ordered = false;
      last = i;
    });
    expect(r1.counts.succeeded).toBe(n);
    expect(ordered).toBe(true);

    // A failure at the head of the chain marks the other 99,999 upstream-failed without deep recursion.
    const r2 = await walk(chain, (i) => (i === 0 ? [error("head")] : []));
    expect(r2.counts).toEqual({ succeeded: 0, failed: 1, "upstream-failed": n - 1, stopped: 0 });

    const wide = new Graph<number>();
    for (let i = 0; i < n; i++) wide.add(`w${i}`, i);
    let visits = 0;
    const r3 = await walk(wide, () => void visits++, { concurrency: 10 });
    expect(r3.counts.succeeded).toBe(n);
    expect(visits).toBe(n);
  });
});

describe("dynamic expansion", () => {
  type V = { name: string; expandTo?: string[]; fail?: boolean };
  const vertexGraph = (vs: V[], edges: [string, string][] = []) => {
    const g = new Graph<V>();
    for (const v of vs) g.add(v.name, v);
    for (const [a, b] of edges) g.connect(a, b);
    return g;
  };
  const visitor = (log: string[]) => async (v: V) => {
    log.push(`start ${v.name}`);
    await tick(1);
    log.push(`end ${v.name}`);
    if (v.fail) return [error(`failed ${v.name}`)];
    if (v.expandTo) return { expand: vertexGraph(v.expandTo.map((name) => ({ name, fail: name.endsWith("!") }))) };
    return undefined;
  };

  it("walks the subgraph before the expanded vertex's dependents, even at concurrency 1", async () => {
    const g = vertexGraph([{ name: "web (expand)", expandTo: ["web[0]", "web[1]", "web[2]"] }, { name: "lb" }], [["lb", "web (expand)"]]);
    const log: string[] = [];
    const r = await walk(g, visitor(log), { concurrency: 1 });
    expect(r.counts.succeeded).toBe(5);
    for (const i of [0, 1, 2]) expect(log.indexOf(`end web[${i}]`)).toBeLessThan(log.indexOf("start lb"));
  });

  it("a failed instance fails its expansion and stops the dependents, reporting only the root cause", async () => {
    const g = vertexGraph([{ name: "web (expand)", expandTo: ["web[0]", "web[1]!"] }, { name: "lb" }], [["lb", "web (expand)"]]);
    const r = await walk(g, visitor([]));
    expect(Object.fromEntries(r.status)).toEqual({
      "web (expand)": "failed",
      "web[0]": "succeeded",
      "web[1]!": "failed",
      lb: "upstream-failed",
    });
    expect(r.diagnostics.items.map((d) => d.summary)).toEqual(["failed web[1]!"]);
  });

  it("expansions nest", async () => {
    const g = new Graph<V>();
    g.add("module (expand)", { name: "module (expand)" });
    const log: string[] = [];
    const r = await walk(g, async (v) => {
      log.push(v.name);
      if (v.name === "module (expand)") return { expand: vertexGraph([{ name: "m[0] (expand)" }]) };
      if (v.name === "m[0] (expand)") return { expand: vertexGraph([{ name: "m[0].x" }, { name: "m[0].y" }], [["m[0].y", "m[0].x"]]) };
      return undefined;
    });
    expect(log).toEqual(["module (expand)", "m[0] (expand)", "m[0].x", "m[0].y"]);
    expect(r.counts.succeeded).toBe(4);
  });
});

describe("completions", () => {
  it("release the vertex's slot at once; the vertex settles, and its dependents start, when the completion does", async () => {
    // b depends on a; c is independent. At concurrency 1, c runs while a's completion is pending.
    const g = graphOf([["b", "a"]], ["c"]);
    const events: string[] = [];
    let release!: () => void;
    const pending = new Promise<void>((r) => (release = r));
    const r = await walk(
      g,
      (v) => {
        events.push(`run ${v}`);
        if (v === "a") return { completion: pending.then(() => (events.push("a complete"), [warning("Late", "from a's completion")])) };
        if (v === "c") release();
        return undefined;
      },
      { concurrency: 1 },
    );
    expect(r.counts).toEqual({ succeeded: 3, failed: 0, "upstream-failed": 0, stopped: 0 });
    expect(events.indexOf("run c")).toBeLessThan(events.indexOf("a complete"));
    expect(events.indexOf("a complete")).toBeLessThan(events.indexOf("run b"));
    expect(r.diagnostics.items.map((d) => d.summary)).toEqual(["Late"]);
  });

  it("a completion that fails or throws fails its vertex and stops the dependents", async () => {
    const g = graphOf([["b", "a"], ["d", "c"]]);
    const r = await walk(g, (v) => {
      if (v === "a") return { completion: Promise.resolve([error("Boom", "a's record failed")]) };
      if (v === "c") return { completion: Promise.reject(new Error("disk full")) };
      return undefined;
    });
    expect(Object.fromEntries(r.status)).toEqual({ a: "failed", b: "upstream-failed", c: "failed", d: "upstream-failed" });
    expect(r.diagnostics.items.map((d) => d.detail)).toEqual(["a's record failed", "c: disk full"]);
  });
});

describe("cycles", () => {
  it("names every member of each cycle, deterministically", () => {
    const g = graphOf([["a", "c"], ["b", "a"], ["c", "b"], ["x", "y"], ["y", "x"], ["z", "a"], ["s", "s"]]);
    expect(findCycles(g)).toEqual([["a", "b", "c"], ["s"], ["x", "y"]]);
  });

  it("refuses to walk a cyclic graph, with Terraform's error", async () => {
    const g = graphOf([["terraform_data.a", "terraform_data.b"], ["terraform_data.b", "terraform_data.a"]], ["ok"]);
    let visited = 0;
    const r = await walk(g, () => void visited++);
    expect(visited).toBe(0);
    expect(r.diagnostics.items.map((d) => d.summary)).toEqual(["Cycle: terraform_data.a, terraform_data.b"]);
  });

  it("finds a cycle through a 100,000-vertex chain without overflowing the stack", { timeout: 300_000 }, () => {
    const g = new Graph<null>();
    const n = 100_000;
    for (let i = 0; i < n; i++) g.add(`v${i}`, null);
    for (let i = 1; i < n; i++) g.connect(`v${i}`, `v${i - 1}`);
    expect(findCycles(g)).toEqual([]);
    g.connect("v0", `v${n - 1}`);
    const cycles = findCycles(g);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
    expect(cycles[0]!.slice(0, 3)).toEqual(["v0", "v1", "v2"]);
  });
});

describe("graph", () => {
  it("selects dependencies and dependents transitively, and reverses for destroy", () => {
    const g = graphOf([["b", "a"], ["c", "b"], ["d", "x"]]);
    expect([...g.withDependencies(["c"])].sort()).toEqual(["a", "b", "c"]);
    expect([...g.withDependents(["a"])].sort()).toEqual(["a", "b", "c"]);
    const r = g.reversed();
    expect(r.dependencies("a")).toEqual(["b"]);
    expect(g.subgraph(new Set(["a", "b", "d"])).edges()).toEqual([["b", "a"]]);
  });
});
