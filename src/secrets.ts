/**
 * The credentials this process has handed to a client, and the scrubbing every error goes through
 * before anyone can see it. A hostile or buggy server may echo the Authorization header in any
 * spelling (raw, Basic, base64 with or without padding, URL-encoded, inside a longer base64 text),
 * a user's `fetch` may quote it in its own error, and a body may be cut in the middle of it: none
 * of that may reach a message, a stack, a cause, `data`, `toJSON` or `util.inspect`.
 */

// Every spelling of every registered secret, longest first, so that a long form (the whole Basic
// header) is replaced before a form it contains (the base64 core of the key).
let spellings: string[] = [];
const registered = new Set<string>();

const marker = "[redacted]";
/** A secret shorter than this is not a credential W&B issues; scrubbing it would mangle text. */
const minSecretLength = 4;
/** A text ending in this many characters of a secret's start is treated as the secret cut short. */
const minPartialLength = 6;

/** @internal Every way `secret` could be spelled back to us. Exported for the tests. */
export function secretSpellings(secret: string): string[] {
  const basic = Buffer.from(`api:${secret}`).toString("base64");
  const whole = [secret, basic, basic.replace(/=+$/, ""), `Basic ${basic}`];
  const forms = new Set<string>();
  for (const form of [...whole, ...base64Cores(secret)]) {
    forms.add(form);
    forms.add(form.replace(/\//g, "\\/")); // JSON writers that escape "/"
    for (const encoded of percentEncodings(form)) forms.add(encoded);
  }
  return [...forms].filter((form) => form.length >= minSecretLength);
}

/**
 * The base64 characters that depend on `secret` alone, in each of the three alignments it can
 * have inside a longer base64 text (`api:KEY`, `user:api:KEY`, …), in the standard and the URL
 * alphabet. Any base64 text that holds the secret holds one of these.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    // Groups of 3 bytes make 4 characters; keep only the groups made of the secret's bytes.
    const start = Math.ceil(shift / 3) * 4;
    const end = Math.floor((shift + bytes.length) / 3) * 4;
    if (end - start < 8) continue;
    const core = encoded.slice(start, end);
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** `form` URL-encoded, with upper- and lower-case hex digits, when encoding changes it. */
function percentEncodings(form: string): string[] {
  const upper = encodeURIComponent(form);
  if (upper === form) return [];
  return [upper, upper.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase())];
}

/** @internal Registers a credential: from now on no error shows it in any spelling. */
export function registerSecret(secret: string): void {
  if (secret.length < minSecretLength || registered.has(secret)) return;
  registered.add(secret);
  const all = new Set([...spellings, ...secretSpellings(secret)]);
  spellings = [...all].sort((a, b) => b.length - a.length);
}

/** @internal Whether any secret is registered (nothing needs scrubbing before the first request). */
export function hasSecrets(): boolean {
  return spellings.length > 0;
}

/** @internal `text` with every spelling of every registered secret replaced. */
export function scrubSecrets(text: string): string {
  let clean = text;
  for (const spelling of spellings) {
    if (clean.includes(spelling)) clean = clean.split(spelling).join(marker);
  }
  return clean;
}

/** @internal Whether `text` spells a registered secret. */
export function containsSecret(text: string): boolean {
  for (const spelling of spellings) if (text.includes(spelling)) return true;
  return false;
}

/**
 * @internal At most `maxChars` characters of `text`, scrubbed first (so a cut never falls inside a
 * whole secret), and without a tail that is the start of a secret (a body cut short in the middle
 * of one). With `oneLine` (the default), whitespace runs become one space.
 */
export function excerpt(text: string, maxChars: number, { oneLine = true } = {}): string {
  // Only the start is shown; scrubbing a little more than that keeps the cost bounded for a huge
  // body while still catching a secret that straddles the cut.
  const window = text.slice(0, maxChars + longestSpelling() + 1);
  let clean = scrubSecrets(window);
  if (oneLine) clean = clean.replace(/\s+/g, " ").trim();
  const cut = clean.length > maxChars || window.length < text.length;
  if (clean.length > maxChars) clean = clean.slice(0, maxChars);
  clean = withoutPartialSecret(clean);
  return cut ? `${clean}…` : clean;
}

function longestSpelling(): number {
  return spellings[0]?.length ?? 0;
}

function withoutPartialSecret(text: string): string {
  for (const spelling of spellings) {
    // The header's "Basic " is no secret; the value after it is a spelling of its own.
    if (spelling.startsWith("Basic")) continue;
    for (let length = Math.min(spelling.length - 1, text.length); length >= minPartialLength; length--) {
      if (text.endsWith(spelling.slice(0, length))) return `${text.slice(0, -length)}${marker}`;
    }
  }
  return text;
}

/** Deeper than this, data a server sent is not walked (and so not kept): W&B's answers nest ~15. */
export const maxDataDepth = 1000;

class Unwalkable extends Error {}

/**
 * @internal `value` with every secret scrubbed from its strings and keys; the same reference when
 * nothing needed scrubbing; `undefined` when it cannot be walked to the end (nested deeper than
 * {@link maxDataDepth}, a cycle, a getter that throws), since what cannot be checked is not kept.
 */
export function scrubData<T>(value: T): T | undefined {
  if (value === undefined || spellings.length === 0) return value;
  try {
    return scrubNode(value, 0, new Set()) as T;
  } catch (error) {
    if (error instanceof Unwalkable || error instanceof RangeError) return undefined;
    throw error;
  }
}

function scrubNode(value: unknown, depth: number, path: Set<object>): unknown {
  if (typeof value === "string") return containsSecret(value) ? scrubSecrets(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (depth >= maxDataDepth || path.has(value)) throw new Unwalkable();
  path.add(value);
  try {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = scrubNode(value[i], depth + 1, path);
        if (item !== value[i]) {
          copy ??= value.slice();
          copy[i] = item;
        }
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = scrubNode(record[key], depth + 1, path);
      const cleanKey = containsSecret(key) ? scrubSecrets(key) : key;
      if (item !== record[key] || cleanKey !== key) {
        copy ??= { ...record };
        if (cleanKey !== key) delete copy[key];
        Object.defineProperty(copy, cleanKey, {
          value: item,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    return copy ?? value;
  } finally {
    path.delete(value);
  }
}

/** Longest message a cause may keep as it is; a longer one is cut to an excerpt. */
const maxCauseText = 2000;
/** How many links of a cause chain are kept when a cause has to be rebuilt. */
const maxCauseChain = 4;

/**
 * @internal A cause fit to hang on an error: the original when nothing in it (own properties,
 * hidden ones included, all the way down) spells a secret or holds a huge text; otherwise a
 * plain `Error` rebuilt from it, with a scrubbed excerpt of its message, its `code`, and its own
 * cause rebuilt the same way. A cause that cannot be walked is rebuilt too.
 */
export function safeCause(cause: unknown, chain = 0): unknown {
  if (cause === undefined) return undefined;
  if (isClean(cause)) return cause;
  if (chain >= maxCauseChain) return new Error("(further causes left out)");
  let name = "Error";
  let message = "";
  let code: unknown;
  let inner: unknown;
  try {
    if (cause instanceof Error) {
      name = String(cause.name);
      message = String(cause.message);
      code = (cause as { code?: unknown }).code;
      inner = cause.cause;
    } else {
      name = typeof cause;
      message = typeof cause === "string" ? cause : "(a value that could not be shown safely)";
    }
  } catch {
    message = "(a value that could not be inspected)";
  }
  const rebuilt = new Error(excerpt(`${name}: ${message}`, maxCauseText), {
    cause: safeCause(inner, chain + 1),
  });
  if (inner === undefined) delete (rebuilt as { cause?: unknown }).cause;
  if (typeof code === "string" && code.length <= 64) Object.assign(rebuilt, { code: scrubSecrets(code) });
  return rebuilt;
}

function isClean(cause: unknown): boolean {
  try {
    return walkClean(cause, 0, new Set());
  } catch {
    return false;
  }
}

// Own property names, the hidden ones too (an Error's message, stack and cause are not
// enumerable, and util.inspect with showHidden prints them).
function walkClean(value: unknown, depth: number, seen: Set<object>): boolean {
  if (typeof value === "string") return value.length <= maxCauseText * 4 && !containsSecret(value);
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return true;
  if (seen.has(value)) return true;
  if (depth > 8 || seen.size > 1000) return false;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "string" && containsSecret(key)) return false;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    if (descriptor.get || descriptor.set) return false;
    if (!walkClean(descriptor.value, depth + 1, seen)) return false;
  }
  return true;
}
