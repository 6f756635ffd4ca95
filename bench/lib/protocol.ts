/** The IPC messages between a benchmark and the mock server process it forks. */
import type { MockFaults } from "../../mocks/types.js";
import type { DatasetSpec } from "./datasets.js";

/** What the server process is asked to serve. */
export interface ServerSetup {
  dataset: DatasetSpec;
  faults?: MockFaults;
  apiKey: string;
}

/** The server's own account of the requests since its last reset. */
export interface ServerStats {
  requests: number;
  /** Sum of `handlerMs` over those requests: time its thread spent answering (latency excluded). */
  handlerMs: number;
  /** CPU time (user + system) of the whole server process since the reset, in milliseconds. */
  cpuMs: number;
  /** Response body bytes. */
  bytesOut: number;
  /** Requests per operation name. */
  operations: Record<string, number>;
  /** Requests answered with a status other than 200. */
  failures: number;
  /** Requests to the storage host (file bytes, Range requests included). */
  fileRequests: number;
  /** Body bytes the storage host sent. */
  fileBytes: number;
}

/** Parent to server. */
export type ServerCommand =
  | { type: "setup"; setup: ServerSetup }
  | { type: "reset"; id: number }
  | { type: "stats"; id: number }
  | { type: "close" };

/** Server to parent. */
export type ServerReply =
  | { type: "ready"; url: string; buildMs: number; runs: number }
  | { type: "reset"; id: number }
  | { type: "stats"; id: number; stats: ServerStats }
  | { type: "error"; message: string };
