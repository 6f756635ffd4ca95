/** A small project whose runs differ in every field the filters and order read. */
import { mockRun } from "../../mocks/run-helpers.js";
import type { MockRun } from "../../mocks/types.js";

const utc = (text: string) => new Date(`${text}Z`);

export const fixtureRuns: MockRun[] = [
  mockRun({
    project: "lab",
    id: "a1",
    displayName: "bert-small",
    state: "finished",
    createdAt: utc("2024-01-05T00:00:00"),
    tags: ["baseline", "bert"],
    group: "g1",
    jobType: "train",
    user: { username: "alice", name: "Alice" },
    config: { learning_rate: 0.001, batch_size: 32, optimizer: "adam", model: { depth: 12, act: "gelu" } },
    summary: { "train/loss": 0.2, accuracy: 0.91, eval: { f1: 0.8 } },
  }),
  mockRun({
    project: "lab",
    id: "b2",
    displayName: "bert-large",
    state: "running",
    createdAt: utc("2024-01-20T00:00:00"),
    tags: ["bert"],
    group: "g1",
    jobType: "eval",
    user: { username: "bob" },
    config: { learning_rate: 0.05, batch_size: 64, optimizer: "sgd", model: { depth: 24, act: "relu" } },
    summary: { "train/loss": 0.5, accuracy: 0.7, eval: { f1: 0.6 } },
  }),
  mockRun({
    project: "lab",
    id: "c3",
    displayName: "resnet",
    state: "crashed",
    createdAt: utc("2024-02-01T00:00:00"),
    tags: [],
    jobType: null,
    user: null,
    config: { learning_rate: 0.01, batch_size: 128 },
    summary: { "train/loss": Number.NaN, accuracy: 0.5 },
  }),
  mockRun({
    project: "lab",
    id: "d4",
    displayName: null,
    state: "failed",
    createdAt: "2024-02-15T12:00:00.500000",
    tags: null,
    jobType: "sweep",
    sweepName: "sw1",
    user: { username: "alice" },
  }),
  mockRun({
    project: "lab",
    id: "e5",
    displayName: "vit",
    state: "finished",
    createdAt: utc("2024-03-01T00:00:00"),
    tags: ["broken", "vit"],
    jobType: "train",
    user: { username: "carol" },
    config: { learning_rate: 0.0003, batch_size: 32, optimizer: "adamw" },
    summary: { accuracy: 0.95, "train/loss": 0.1, eval: { f1: 0.9 }, "a.b": 3 },
  }),
  // Another project: no filter on acme/lab may ever see it.
  mockRun({ project: "elsewhere", id: "z9", displayName: "bert-elsewhere", tags: ["bert"] }),
];
