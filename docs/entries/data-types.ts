/**
 * What the run operations return: W&B's values parsed once, at the edge, into plain types.
 * JSON values include the numbers `NaN`, `Infinity` and `-Infinity`; timestamps are `Date`s read
 * as UTC; integers beyond 2^53 lose precision.
 *
 * @module data-types
 */
export type {
  ArtifactVersion,
  ConfigDict,
  DictOf,
  HistoryColumn,
  HistoryColumns,
  HistoryKeyInfo,
  HistoryKeys,
  HistoryRow,
  HistoryRowOf,
  JsonObject,
  JsonValue,
  LogLine,
  NumberColumn,
  RunState,
  RunSweep,
  SummaryDict,
  SystemMetricsRow,
  UsedArtifactVersion,
  User,
  ValueColumn,
  XAxisOf,
} from "../../src/index.js";
