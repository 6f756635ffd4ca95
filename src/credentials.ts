/**
 * Where the API key comes from when the caller passes none: `WANDB_API_KEY`, else the netrc entry
 * whose machine is the base URL's host[:port] (`$NETRC`, else `~/.netrc`), as W&B's own client
 * looks it up.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The key, or why there is none (a sentence naming every place looked in). */
export type ApiKeyLookup = { key: string } | { missing: string };

/** Where the lookup reads besides the caller's options. Tests pass their own. */
export interface CredentialSources {
  env: Record<string, string | undefined>;
  home: string;
}

/** Looks the key up in the environment, then in netrc; never throws. */
export function lookUpApiKey(baseUrl: URL, sources: CredentialSources): ApiKeyLookup {
  const fromEnv = sources.env.WANDB_API_KEY?.trim();
  if (fromEnv) return { key: fromEnv };
  const netrcPath = sources.env.NETRC?.trim() || join(sources.home, ".netrc");
  // netrc machines are the base URL's netloc: host plus the port when the URL names one.
  const machine = baseUrl.host;
  const netrc = readNetrcPassword(netrcPath, machine);
  if ("password" in netrc) return { key: netrc.password };
  return {
    missing:
      `no W&B API key: set WANDB_API_KEY, pass apiKey, or add "machine ${machine}" with a password ` +
      `to the netrc file (${netrcPath}: ${netrc.problem})`,
  };
}

/** Reads the password of `machine` from a netrc file; never throws. */
export function readNetrcPassword(path: string, machine: string): { password: string } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { problem: "no such file" };
    return { problem: `could not be read (${code ?? "error"}), ignored` };
  }
  const password = parseNetrc(text).get(machine);
  return password ? { password } : { problem: `no entry with a password for machine ${machine}` };
}

/** machine -> password. Follows the netrc grammar: tokens, quoted tokens, comments, macdef bodies. */
export function parseNetrc(text: string): Map<string, string> {
  const tokens = tokenizeNetrc(text);
  const passwords = new Map<string, string>();
  let machine: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === "machine") {
      machine = tokens[++i];
    } else if (token === "default") {
      // A default entry is meant for any host; the SDK never sends it to W&B.
      machine = undefined;
    } else if (token === "password" && machine !== undefined) {
      const password = tokens[++i];
      if (password && !passwords.has(machine)) passwords.set(machine, password);
    } else if (token === "login" || token === "account" || token === "password") {
      i++;
    }
  }
  return passwords;
}

function tokenizeNetrc(text: string): string[] {
  const tokens: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] as string;
    if (line.trimStart().startsWith("#")) continue;
    const lineTokens = line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    for (const raw of lineTokens) {
      tokens.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw);
      if (raw === "macdef") {
        // A macro body runs to the next empty line and holds no netrc tokens.
        while (lineIndex + 1 < lines.length && (lines[lineIndex + 1] as string).trim() !== "") lineIndex++;
        break;
      }
    }
  }
  return tokens;
}
