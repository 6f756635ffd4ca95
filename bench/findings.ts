/**
 * What the figures mean, written next to them in RESULTS.md: what was changed in the SDK for a
 * benchmark, and why a target is missed. A note about a miss is only written when the run missed.
 */
import type { BenchResult, Row } from "./lib/result.js";

function row(result: BenchResult, metric: string, index = 0): Row | undefined {
  return result.rows.filter((candidate) => candidate.metric === metric)[index];
}

function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? "?" : value.toFixed(digits);
}

const changes: Record<string, string[]> = {
  "client-cost": [
    "SDK changes made for this benchmark, earlier: each answer's body is read once, by graphql-request, whose JSON serializer also counts its bytes; the batch selects nothing no operation reads; zone-less timestamps are read without a regular expression. The transport stays on graphql-request, as the foundation issue asks: posting with plain fetch instead measured about 6% less CPU per round.",
    "Then, from profiles of these rounds (node --cpu-prof, and V8's sampling heap profiler with collected objects counted), each change kept only where A/B rounds of the two builds, interleaved against one server, measured it: graphql-request no longer parses every query's text again to find its operation name (the transport sends the known name itself: about 6% of client CPU); the planner does not widen a coverage that already asks for everything once per load (about 4%); one promise per call (the load's own, handed out by the operation unchanged, light operations picking their value inside the load: about 3%); the loader's DataLoader and its per-load promise chain replaced by the dispatcher's queue; after the answer checks of the hardening work landed (about 26% more CPU per round), field paths for error messages built only when an error asks for one, and the planner taking a run that asks no capped field as it is and looking at no more waiting runs than the free slots can carry (together 19% less, back to the figure before those checks). Dropped, because it did not measure: cleaning configs and summaries in place instead of copying them (the deleted keys slow the later copies as much as the copy cost).",
    "Later, each kept only where it measured: the transport reads an answer's body itself, under maxResponseBytes, and hands graphql-request the text, where it wrapped the body in a second web stream and a Response that undici then read and decoded again; the depth check every answer passes recurses (never deeper than its 1,000 levels) instead of walking with an array allocated per object; artifact versions and light fields name the field each check is about as a step from their source, spelled out only when a value is wrong. Together: 25.1 to 22.4 MB allocated per round (V8's sampling heap profiler, 10 rounds), main-thread busy time 4.7% lower (CPU profiles, 30 rounds of each build), client CPU per round 4% lower (medians of 120 rounds per build, 8 processes alternating between the builds; interquartile ranges ±12%, so the smaller figure is the safer one). Tried and not kept: posting through node:http under graphql-request when the client has Node's own fetch (6% less CPU per round, but fetch's error messages, refused ports, compression and dispatcher settings would change for every request, which is more than a speed change should decide).",
  ],
  artifacts: [
    "SDK change made for this benchmark: with Node's own fetch (no `fetch` given to createClient, `globalThis.fetch` not replaced, undici's global dispatcher its plain Agent), file bytes come through node:http / node:https instead of fetch (src/files/http-get.ts): undici's web streams cost more CPU per byte than the MD5 the SDK checks them with. Every guarantee stays (streaming MD5, temporary name then rename, retries, expired URLs asked again, credentials on the W&B host only, redirects followed hop by hop, `signal`, encoded bodies decoded as fetch decodes them), and no byte past the expected size reaches the disk. Before it: 0.72–0.73x the control's throughput, 6,152–6,570 ms of client CPU per GiB against the control's 4,421–5,205. Tried and dropped: write buffers of 256 or 512 KiB instead of 1 MiB (in interleaved runs of 6–8 downloads per build, peak RSS 6–8 MB lower in most runs but not all, throughput 7–12% lower on 16 files of 16 MiB and up to 12% higher on 4 files of 256 MiB: too close to call, so the buffer stays), chunks gathered into 256 KiB or 1 MiB writes through a file handle (more CPU), hashing on a worker thread (more CPU per GiB and more RSS).",
  ],
  spread: [
    "SDK change made for this benchmark: batching at send time (src/loaders/dispatcher.ts, batch-plan.ts). Loads wait in the client while every request slot is busy and are planned into the slot that frees, instead of one request per tick queueing behind the slots. Before it, the same arrivals cost 1,021–1,072 requests (8.4–8.8 operations a request) and the last answer came 6.7–7.0 s after the last arrival (issue #13).",
  ],
  streaming: [
    "SDK change made for this benchmark: the IDs a listing has yielded (kept to drop a run W&B repeats on a later page) are packed: W&B's 8-character IDs exactly as base-37 numbers in an open-addressing table of 6 bytes a slot, about 8 bytes an ID instead of about 58 in a Set of strings (src/ops/seen-ids.ts). Before it, heap growth after GC was 5.22 MB at 20,000 runs and 9.67 MB at 100,000 (1.85x). Flatness is held on the heap in use after a full GC with V8's code space left out: JIT code grows as V8 optimizes more functions over a longer listing (about 0.8 MB at 20,000 runs, 1.3 MB at 100,000 in a profile of these children), which is the runtime's, like RSS; both are reported beside it.",
  ],
  json: [
    "SDK change made for this benchmark: with `specialStrings` (summaries, history rows) parseTolerantJson quotes the bare tokens and lets JSON.parse read the text, then turns the special strings into numbers (src/wire/json.ts). Exact: a quote inserted inside a string literal would leave a letter or `-` right after a string, which JSON.parse always rejects, so the rewrite parses only when every change was outside strings; otherwise the tolerant parser reads the original text. Before it, the summary with bare tokens read at 0.35–0.45x of JSON.parse on this machine.",
  ],
};

function missNotes(result: BenchResult, all: readonly BenchResult[]): string[] {
  const notes: string[] = [];
  if (result.id === "batching") {
    const wall = row(result, "wall time");
    const busy0 = row(result, "mock server busy (sum of handlerMs)");
    if (wall?.pass === false && wall.baseline) {
      notes.push(
        `MISS: the SDK's round took ${fixed(wall.ours.median, 0)} ms against ${fixed(wall.baseline.value.median, 0)} ms for the Python client's pattern (${fixed(wall.ratio)}x). With 100x fewer requests, the SDK's round is bound by CPU, the client's ("client CPU per round", benchmark 5) and the server's (busy ${fixed(busy0?.ours.median, 0)} ms), which share this machine's 2 cores with any other work (see the load average above); the Python pattern's round is 2,000 round trips of latency, which load barely moves. The ratio therefore falls as the machine gets busier.`,
      );
    }
    const replay = result.rows.find((candidate) => candidate.metric.startsWith("wall time, steady state"));
    const cost = all.find((candidate) => candidate.id === "client-cost");
    const cpu = cost?.rows.find((candidate) =>
      candidate.metric.startsWith("client CPU per run operation, steady"),
    );
    if (replay?.pass === false && replay.baseline && cpu?.baseline) {
      const operations = result.facts?.operations ?? 4000;
      const extraCpu = ((cpu.ours.median - cpu.baseline.value.median) * operations) / 1000;
      const extraWall = replay.ours.median - replay.baseline.value.median;
      notes.push(
        `MISS: in steady state a round takes ${fixed(replay.ours.median, 0)} ms of wall time against ${fixed(replay.baseline.value.median, 0)} ms for the plain-fetch replay of the same requests at the same concurrency (${fixed(replay.ratio, 2)}x). The replay sends the same bytes and waits the same latency; the SDK spends about ${fixed(extraCpu, 0)} ms more CPU per round (benchmark 5), which accounts for that much of the ${fixed(extraWall, 0)} ms: the client's CPU is on the path of every answer (an answer's runs are read before the next request of that slot goes out), and with the mock server on the same 2 cores the two take turns. Until 2026-12-06 the children forced a full GC before every half-round, which made the SDK re-optimize its hot path every round (benchmark 5's notes); measured that way on a quiet machine the ratio was 1.38x, and 1.77x at a load average of 15–27. The figure moves between runs: in bench/ab.ts the same build read 1.19x (4 fresh processes) and 1.11x (8) the same hour. Tried and not kept: sending the loads that wait for a slot the moment a slot frees, before the answer that freed it is read (the next request then leaves 0.1 ms after the answer instead of 0.6–2 ms later), which measured 1.106x against 1.097x (8 processes per build): the mock server, which answers one request at a time, sets the pace.`,
      );
    }
  }
  if (result.id === "client-cost") {
    const steady = result.rows.find((candidate) =>
      candidate.metric.startsWith("client CPU per run operation, steady"),
    );
    const round2 = result.rows.find((candidate) =>
      candidate.metric.startsWith("client CPU per run operation, round 2"),
    );
    if (steady?.pass === false && steady.baseline) {
      notes.push(
        `MISS: in steady state the SDK spends ${fixed(steady.ours.median)} µs of client CPU per operation, ${fixed(steady.ratio, 2)}x the replay's ${fixed(steady.baseline.value.median)} µs, which fetches and parses the same answers (JSON.parse of the bodies and of the JSONString fields) and then drops them. Where the main thread's time goes, from CPU profiles of 10 steady rounds of each (node:inspector at 100 µs, 1,000 runs x 4 operations a round, taken on 2026-12-06 at a load average of about 1; milliseconds of samples per round, the profiler's own cost included): the SDK 191 ms, the replay 86. Of the 105 ms between them, the SDK's own modules outside the two parsers hold 39 (spread over some 30 functions of 0.5–3 ms each: the run loader, the planner, the field-group readers, toArtifactVersion, readLightFields, sendWaiting), garbage collection 27 (30 against 3: the SDK keeps what it read, 1,000 configs, summaries, users and 2,000 artifact versions a round, until the round's promises resolve, so every scavenge copies them, where the replay drops each answer at once), parseAnswer and parseTolerantJson 12 (the depth walk over every answer, the answer's shape checks, non-finite summary values), undici, Node's internals and native code 25 (graphql-request's request objects, an AbortSignal per request). Found and fixed in this session: (1) the children forced a full GC (global.gc()) before every half-round; a forced full collection reduces memory, dropping the maps and objects the optimizing compiler embedded in its code, so every round deoptimized some 40 of the SDK's functions for "weak objects" (--trace-deopt) and optimized them again on background threads, about 70 ms of CPU a round that no service pays (measured per thread from /proc: background threads 60–110 ms a round with the forced GC, 0–80 without). The children now collect the young generation only (gc({ type: "minor" })): on a quiet machine steady CPU / replay went from 2.5–2.7x to 1.6–1.65x, with the SDK unchanged. (2) A Run handle kept its context in a WeakMap beside the class, an ephemeron entry per handle; it is now a private field (bench/ab.ts, 4 fresh processes per build alternating: steady CPU per round 152 -> 135 ms, CPU / replay 1.65x -> 1.45x; streaming above). Not done: "fewer and smaller functions" on the batched path, since no function there holds more than 2% of the samples; the GC share would need the SDK to hand out less, or lazier, data.`,
      );
    }
    if (round2?.pass === false && round2.baseline && steady) {
      notes.push(
        `MISS: in round 2 of a fresh process the SDK spends ${fixed(round2.ours.median)} µs per operation, ${fixed(round2.ratio, 2)}x the replay's ${fixed(round2.baseline.value.median)} µs in the same round (${fixed(round2.ours.median / steady.ours.median, 2)}x its own steady state). process.cpuUsage counts every thread, and in round 2 V8 is still compiling the SDK's hot path on its background threads, which the replay (a few small functions) hardly needs: read per thread from /proc on 2026-12-06 (quiet machine), round 2 of the SDK took 130–150 ms on the main thread and 70–110 ms on V8's worker threads, the replay 70–90 and 20–40 (four fresh processes, 10 ms ticks); with concurrent recompilation off (--no-concurrent-recompilation) the background share moved onto the main thread.`,
      );
    }
  }
  if (result.id === "streaming") {
    const throughput = result.rows.find((candidate) => candidate.metric.startsWith("listing throughput"));
    if (throughput?.pass === false && throughput.baseline) {
      notes.push(
        `MISS: the SDK lists at ${fixed(throughput.ratio, 2)}x the throughput of the control, which fetches and JSON.parse's the same ListRuns pages and does nothing else (${fixed(throughput.ours.median, 0)} against ${fixed(throughput.baseline.value.median, 0)} runs/s). Per run the SDK also reads the light fields at the edge (readLightFields, two timestamps parsed), makes a Run handle primed with them (its page URL encoded), checks the ID against the set of IDs already yielded, and the child awaits runName(run) on every run. A CPU profile of one 100,000-run listing (2026-12-06, quiet machine) put most of the difference in garbage collection (+230 ms over the listing), the listing's own loop (125 ms), Run handles (75 ms, before the change below), the seen-ID set (37 ms), timestamps (35 ms) and page URLs (30 ms). Changed in this session: the throughput now comes from children that force no GC (before, the memory children forced two full GCs every 1,000 runs and their listing time was read as the throughput: each forced GC makes V8 optimize the SDK's listing path again); and a Run keeps its context in a private field instead of a WeakMap entry per handle (interleaved children, 5 each: 4,953 -> 4,385 ms for 100,000 runs, control 3,860).`,
      );
    }
  }
  if (result.id === "dataloader") {
    const figure = (scenario: string, name: string) =>
      result.rows.find(
        (candidate) => candidate.metric.startsWith(scenario) && candidate.metric.endsWith(name),
      );
    const parts: string[] = [];
    for (const scenario of ["same-tick", "spread", "burst"]) {
      const requests = figure(scenario, "HTTP requests");
      const cpu = figure(scenario, "client CPU");
      const wall = figure(scenario, "wall time");
      if (!requests?.baseline || !cpu?.baseline || !wall?.baseline) continue;
      parts.push(
        `${scenario}: ${fixed(requests.ours.median, 0)} against ${fixed(requests.baseline.value.median, 0)} requests, client CPU ${fixed(cpu.ratio, 2)}x and wall ${fixed(wall.ratio, 2)}x DataLoader's`,
      );
    }
    const burst = figure("burst", "HTTP requests");
    const dispatcherAhead = burst?.ratio !== undefined && burst.ratio < 1;
    notes.push(
      dispatcherAhead
        ? `The dispatcher against DataLoader in this run (ours first): ${parts.join("; ")}. Why the burst differs: DataLoader closes a batch when it leaves, and its batch function must plan every load of the batch at once, so the requests beyond the free slots wait in the transport already built; summaries asked one macrotask later cannot join them and go out in requests of their own. The dispatcher keeps loads that find no free slot as loads, so later asks for the same runs merge into them and leave in the same requests. Keeping that join with DataLoader needed re-queueing a batch's loads (issue #22's prototype), which is quadratic in promises. The SDK keeps the dispatcher; DataLoader stays the measured baseline here (a dev dependency only).`
        : `DataLoader measured as good as the dispatcher on the burst in this run (${parts.join("; ")}): the choice in CONTRIBUTING is to be measured again.`,
    );
  }
  if (result.id === "spread") {
    const perRequest = row(result, "operations per request");
    const tail = row(result, "last answer after last arrival");
    const cpu = row(result, "client CPU over the round");
    const wall = row(result, "first call to last answer");
    const busy = row(result, "mock server busy (sum of handlerMs)");
    if (perRequest?.pass === false || tail?.pass === false) {
      const share = cpu && wall ? (cpu.ours.median / wall.ours.median) * 100 : undefined;
      notes.push(
        `MISS: ${fixed(perRequest?.ours.median)} operations per request, the last answer ${fixed(tail?.ours.median)} ms after the last arrival (spread ${fixed(tail?.ours.min)}–${fixed(tail?.ours.max)} ms). The client's CPU over a round was ${fixed(cpu?.ours.median)} ms of ${fixed(wall?.ours.median)} ms from first call to last answer (${fixed(share, 0)}% of one core), the server's handlers busy ${fixed(busy?.ours.median)} ms. When the client's share nears a core, or other work on this 2-core machine takes the core, the client answers behind the arrivals and the tail grows with the backlog; the requests then fill up (many operations each), which is why the two figures move in opposite directions. Read with the run's load average.`,
      );
    }
  }
  if (result.id === "streaming") {
    const flat = result.rows.find((candidate) =>
      candidate.metric.startsWith("peak heap growth after GC (JIT"),
    );
    if (flat?.pass === false && flat.baseline) {
      const large = flat.ours.median;
      const small = flat.baseline.value.median;
      const perRun =
        ((large - small) * 1024 * 1024) / ((result.facts?.runs ?? 0) - (result.facts?.smallRuns ?? 0));
      notes.push(
        `MISS: heap growth after GC at the larger N is ${fixed(flat.ratio, 2)}x the growth at the smaller (${fixed(small, 2)} to ${fixed(large, 2)} MB, about ${fixed(perRun, 0)} bytes a run). The set of yielded IDs must hold every ID of the listing (SPEC §2); its table doubles, so between two sizes it holds 6 bytes a slot at a load between 0.4 and 0.8. The rest of the growth is the runtime's (see the control row).`,
      );
    }
  }
  if (result.id === "artifacts") {
    const speed = row(result, "download throughput");
    const cpu = row(result, "client CPU per GiB downloaded");
    if (speed?.pass === false && cpu?.baseline) {
      notes.push(
        `MISS: the SDK downloads at ${fixed(speed.ratio, 2)}x the control's throughput, spending ${fixed(cpu.ours.median, 0)} ms of client CPU per GiB against the control's ${fixed(cpu.baseline.value.median, 0)}. The SDK verifies the MD5 of every byte as it passes (OpenSSL's MD5 runs at about 700 MB/s on one core of this machine when idle, 1.5 s per GiB), on the thread that receives the bytes; the control, piping bytes unverified, does not. Reading storage bytes through node:http (above) pays for most of the hash; a fresh process also spends about 100 ms of CPU before the first byte (its three GraphQL requests and the manifest, and loading the modules they use) against the control's one request. With other work on this machine's two cores the client, the server and the other work share them, and the ratio swings from run to run.`,
      );
    }
    const large = result.rows.find((candidate) => candidate.metric.startsWith("download throughput, "));
    if (large?.baseline && large.ours.median / large.baseline.value.median < 0.9) {
      notes.push(
        `Of the large artifact (four files at once, row "${large.metric}"), the SDK downloads at ${fixed(large.ours.median / large.baseline.value.median, 2)}x the control's throughput. One thread receives, hashes and hands every byte to the disk (MD5 is 40% of that thread's time in a profile of one such download); in separate interleaved runs of this artifact the SDK spent 5.4–5.6 s of CPU per GiB and the control, which hashes nothing and leaves its writes to Node's thread pool, 4.1 s, and with the server on the same two cores the difference is throughput. Hashing on other threads would take the hash off that thread at the cost of CPU and memory (tried before: see above).`,
      );
    }
    const memory = result.rows.find(
      (candidate) => candidate.metric.startsWith("peak RSS growth") && candidate.target,
    );
    if (memory?.pass === false) {
      notes.push(
        `MISS: peak RSS grows ${fixed(memory.ours.median)} MB while downloading; the control, plain fetch piping the same files to disk, grows ${fixed(memory.baseline?.value.median)} MB in the same run. The SDK holds at most a 1 MiB write buffer and a chunk per file in flight; the rest is the runtime's. Each 64 KiB chunk a socket delivers is a new buffer outside V8's heap, freed only when V8 collects the object that holds it, which V8 schedules by its own external-memory heuristics (dead chunks seen at a peak: 4 to 47 MB); and a fresh process loads and compiles the modules of its first requests (about 12 MB of RSS before the first byte). The same download a second time in one process grows RSS by about 13 MB, and the growth is the same for the 256 MiB and the 1 GiB artifact (the row "flat in size"): memory does not grow with the download.`,
      );
    }
  }
  if (result.id === "json") {
    for (const candidate of result.rows) {
      if (candidate.pass === false) {
        notes.push(
          `MISS: "${candidate.metric}" against ${candidate.baseline?.label}: ${fixed(candidate.ratio, 2)}x, target ${candidate.target}. Spreads on this machine are wide (other work shares its 2 cores); see the spread columns.`,
        );
      }
    }
  }
  return notes;
}

/** Notes for one benchmark's result. */
export function notesFor(result: BenchResult, all: readonly BenchResult[] = [result]): string[] {
  const notes = [...(changes[result.id] ?? []), ...missNotes(result, all)];
  const wide = result.rows.filter((candidate) => candidate.ours.wide || candidate.baseline?.value.wide);
  if (wide.length > 0) {
    const names = [...new Set(wide.map((candidate) => candidate.metric))].join("; ");
    notes.push(`Wide spread (max/min > 1.5) in: ${names}. Read those medians with care.`);
  }
  return notes;
}
