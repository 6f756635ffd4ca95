/**
 * A measurement taken in a fresh Node process (`--expose-gc`, so it can collect before it samples):
 * the child prints one JSON object on stdout and exits 0. Killed when it passes `limitMs`, so a
 * stuck child cannot hold the benchmark run.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs `script` (a URL, as `new URL("./x.js", import.meta.url)` gives) with `args`; resolves to what it printed. */
export function runMeasuringChild<T>(script: URL, args: readonly string[], limitMs: number): Promise<T> {
  const path = fileURLToPath(script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", path, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill(), limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0)
        reject(new Error(`${args.length > 0 ? `${path} ${args[0]}` : path} exited with ${code}`));
      else resolve(JSON.parse(out) as T);
    });
  });
}
