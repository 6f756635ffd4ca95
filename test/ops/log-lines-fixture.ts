// Log lines that tell where they come from: line i is "out i", every 7th from 3 on is stderr.
import { expect } from "vitest";
import type { MockLogLine } from "../../mocks/index.js";
import type { LogLine } from "../../src/index.js";

export const created = Date.UTC(2025, 2, 1, 12, 0, 0);

export const logs = (count: number): MockLogLine[] =>
  Array.from({ length: count }, (_, i) =>
    i % 7 === 3 ? { line: `err ${i}`, level: "error", label: "rank1" } : `out ${i}`,
  );

export async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** Lines 0 to count - 1, each once, in order, with the text `logs()` gave it. */
export function expectWhole(lines: readonly LogLine[], count: number): void {
  expect(lines.map((line) => line.number)).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(lines.map((line) => line.text)).toEqual(
    Array.from({ length: count }, (_, i) => (i % 7 === 3 ? `err ${i}` : `out ${i}`)),
  );
}
