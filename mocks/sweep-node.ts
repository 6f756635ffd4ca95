/**
 * A GraphQL `Sweep`, as `Project.sweep(sweepName:)` answers it: its state in W&B's uppercase, its
 * configuration as the YAML text W&B stores, and the count of its runs.
 */
import { globalId } from "./ids.js";
import { toWireTime } from "./time.js";
import type { MockSweep } from "./types.js";

/** The YAML W&B would store for a sweep described without a config. */
export function defaultSweepConfig(method: string): string {
  return [
    `method: ${method}`,
    "metric:",
    "  goal: minimize",
    "  name: val_loss",
    "parameters:",
    "  learning_rate:",
    "    values:",
    "    - 0.001",
    "    - 0.01",
    "    - 0.1",
    "",
  ].join("\n");
}

/** One sweep of a project. */
export class SweepNode {
  readonly __typename = "Sweep";
  readonly id: string;
  readonly name: string;
  readonly displayName: string | null;
  readonly method: string;
  readonly state: string;
  readonly description: string | null;
  readonly bestLoss: number | null;
  readonly config: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
  readonly runCountExpected: number | null;

  constructor(
    description: MockSweep,
    private readonly countRuns: () => number,
  ) {
    const path = `${description.entity}/${description.project}/${description.name}`;
    this.id = globalId(`Sweep:${path}`);
    this.name = description.name;
    this.displayName = description.displayName ?? null;
    this.method = description.method ?? "random";
    this.state = description.state ?? "FINISHED";
    this.description = description.description ?? null;
    this.bestLoss = description.bestLoss ?? null;
    this.config = description.config ?? defaultSweepConfig(this.method);
    this.createdAt = toWireTime(description.createdAt ?? "2024-01-01T00:00:00", `${path} createdAt`).wire;
    this.updatedAt = this.createdAt;
    this.runCountExpected = description.runCountExpected ?? null;
  }

  get runCount(): number {
    return this.countRuns();
  }
}
