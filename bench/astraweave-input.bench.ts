/**
 * astraweave-input benchmarks. Groups and names follow the Rust original's benches; each benchmark of ours
 * has a budget with a one-line reason. Inputs are built outside the measured functions and every
 * result goes to `consume`.
 *
 * @module
 */

import { sum } from "@astraweave/input";
import { benchCrate, consume, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-input");

// 1,000 additions: about a microsecond, hundreds of times the harness floor, so the result
// measures the work and not the harness.
const values = Float64Array.from({ length: 1_000 }, (_, i) => i * 0.5);

bench({
  group: "example",
  name: "example/sum_1000",
  budget: us(20, "1,000 elements in 1/833 of a 60 FPS frame"),
  throughput: { elements: values.length },
  fn: () => consume(sum(values)),
});
