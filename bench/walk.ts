// `npm run bench -- walk`: the graph layer alone, on 100,000 no-op vertices: build (graphlib), cycle check,
// and the parallel walk (p-limit, concurrency 10) of a chain and of independent vertices.
import { Graph, findCycles, walk } from "../src/graph/index.js";

function time<T>(label: string, f: () => T): T {
  const t = performance.now();
  const r = f();
  console.log(`${label.padEnd(34)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  return r;
}

async function timeAsync(label: string, f: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await f();
  console.log(`${label.padEnd(34)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
}

export async function run(): Promise<void> {
  const n = 100_000;
  const chain = time(`build chain of ${n}`, () => {
    const g = new Graph<number>();
    for (let i = 0; i < n; i++) g.add(`v${i}`, i);
    for (let i = 1; i < n; i++) g.connect(`v${i}`, `v${i - 1}`);
    return g;
  });
  time("cycle check (chain)", () => findCycles(chain));
  await timeAsync("walk chain (no-op vertices)", () => walk(chain, () => undefined));
  const wide = time(`build ${n} independent`, () => {
    const g = new Graph<number>();
    for (let i = 0; i < n; i++) g.add(`v${i}`, i);
    return g;
  });
  await timeAsync("walk independent (no-op, c=10)", () => walk(wide, () => undefined));
  console.log(`peak rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}
