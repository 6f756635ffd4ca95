/**
 * JSON as W&B writes it into JSONString fields: standard JSON plus bare `NaN`, `Infinity` and
 * `-Infinity` tokens (wandb-core's extended JSON) and raw control characters inside strings
 * (Python retries with `strict=False`). Plain `JSON.parse` rejects all three.
 */

/** A parsed JSON value; numbers include `NaN`, `Infinity` and `-Infinity`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A parsed JSON object. */
export type JsonObject = { [key: string]: JsonValue };

export interface TolerantJsonOptions {
  /**
   * Also turn the strings `"NaN"`, `"Infinity"` and `"-Infinity"` into numbers, wherever they sit
   * as values. W&B's Python client writes non-finite metrics that way; in summaries and history
   * rows they mean numbers, in a config they stay strings.
   */
  specialStrings?: boolean;
}

/**
 * Parses W&B's JSON text. Accepts everything `JSON.parse` accepts, with the same result, plus the
 * extensions above. Throws a `SyntaxError` naming the offset on anything else.
 */
export function parseTolerantJson(text: string, options: TolerantJsonOptions = {}): JsonValue {
  // Two native substring scans rule out most texts before any scan of ours runs.
  const mentionsNonFinite = text.includes("NaN") || text.includes("Infinity");
  if (mentionsNonFinite && hasBareToken(text)) {
    if (options.specialStrings) {
      // With specialStrings a bare token and its string form mean the same number, so quoting the
      // bare tokens lets the engine's JSON.parse do the work (measured: about 1.5x the throughput
      // of the tolerant parser on a 5 MB summary, bench/RESULTS.md). Exact: see parseQuotedTokens.
      const quoted = parseQuotedTokens(text);
      if (quoted !== undefined) return replaceSpecialStrings(quoted);
    }
    // JSON.parse would fail only where it meets the token, possibly after parsing megabytes.
    const value = parseExtendedJson(text);
    return options.specialStrings && mayHoldSpecialStrings(text) ? replaceSpecialStrings(value) : value;
  }
  let value: JsonValue;
  try {
    // The fast path: most fields are valid JSON, and the engine's parser is the fastest there is.
    value = JSON.parse(text) as JsonValue;
  } catch {
    // Raw control characters in strings, or text that is not JSON at all (the tolerant parser
    // then names the offset).
    value = parseExtendedJson(text);
  }
  return options.specialStrings && mentionsNonFinite && mayHoldSpecialStrings(text)
    ? replaceSpecialStrings(value)
    : value;
}

/**
 * @internal Whether `text` holds `NaN` or `Infinity` outside every string literal: exactly the
 * texts where JSON.parse would meet a bare token (or other non-JSON), found by jumping from quote
 * to quote with the engine's `indexOf` rather than reading every character. A name or a note that
 * merely mentions NaN (`"loss_is_NaN"`) stays on JSON.parse. An unterminated string counts as no
 * token: JSON.parse then throws and the tolerant parser reads the text.
 */
export function hasBareToken(text: string): boolean {
  // Each token's next place is looked up again only once the scan has passed it, so a text of many
  // strings that mention one token and never the other is still read once, not once a string.
  let nan = text.indexOf("NaN");
  let infinity = text.indexOf("Infinity");
  let pos = 0;
  while (nan >= 0 || infinity >= 0) {
    const token = nan < 0 ? infinity : infinity < 0 ? nan : Math.min(nan, infinity);
    const open = text.indexOf('"', pos);
    if (open < 0 || open > token) return true;
    let close = text.indexOf('"', open + 1);
    while (close >= 0 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close < 0) return false;
    pos = close + 1;
    if (nan >= 0 && nan < pos) nan = text.indexOf("NaN", pos);
    if (infinity >= 0 && infinity < pos) infinity = text.indexOf("Infinity", pos);
  }
  return false;
}

/** Whether the quote at `index` is escaped: an odd run of backslashes right before it. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === Char.Backslash) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * @internal The slow path on its own: strict JSON plus bare non-finite tokens and raw control
 * characters in strings. Exported for the tests that hold it to `JSON.parse`.
 */
export function parseExtendedJson(text: string): JsonValue {
  return new TolerantParser(text).parseDocument();
}

// A substring scan is far cheaper than walking the parsed tree, so the walk only runs when the
// text could hold a special string at all.
function mayHoldSpecialStrings(text: string): boolean {
  return text.includes('"NaN"') || text.includes('Infinity"');
}

function specialNumber(value: string): number | undefined {
  if (value.length > 9) return undefined;
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return undefined;
}

// A bare token in value position: after `:`, `,` or `[` and JSON whitespace, before whitespace
// and `,`, `]` or `}`.
const bareToken = /([:,[][ \t\n\r]*)(NaN|-?Infinity)(?=[ \t\n\r]*[,\]}])/g;

/**
 * `text` parsed by `JSON.parse` after wrapping each bare token in quotes, or `undefined` when that
 * text is not JSON. Exact: a quote inserted inside a string literal would end the literal right
 * before `N`, `I` or `-`, which JSON never allows after a string, so the rewrite parses only when
 * every change fell outside strings and every bare token was quoted. What it gives is then the
 * tolerant parser's value with the bare tokens as their string forms.
 */
function parseQuotedTokens(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text.replace(bareToken, '$1"$2"')) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * Turns the special strings into numbers everywhere in a value parsed here, in place (it belongs to
 * nobody else yet); keys are left alone. For a value someone else holds, {@link withSpecialNumbers}.
 */
export function replaceSpecialStrings(value: JsonValue): JsonValue {
  if (typeof value === "string") return specialNumber(value) ?? value;
  if (value !== null && typeof value === "object") replaceInContainer(value);
  return value;
}

// Containers only, and primitives handled inline: a 5 MB summary holds hundreds of thousands of
// values, and a call per value doubled the cost of the walk.
function replaceInContainer(container: JsonObject | JsonValue[]): void {
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const item = container[i] as JsonValue;
      if (typeof item === "string") {
        const number = specialNumber(item);
        if (number !== undefined) container[i] = number;
      } else if (item !== null && typeof item === "object") {
        replaceInContainer(item);
      }
    }
    return;
  }
  for (const key of Object.keys(container)) {
    const item = container[key] as JsonValue;
    if (typeof item === "string") {
      const number = specialNumber(item);
      // "__proto__" is an own key here (as JSON.parse makes it); assignment would hit the setter.
      if (number !== undefined)
        Object.defineProperty(container, key, {
          value: number,
          writable: true,
          enumerable: true,
          configurable: true,
        });
    } else if (item !== null && typeof item === "object") {
      replaceInContainer(item);
    }
  }
}

/**
 * `value` with the special strings turned into numbers, `value` itself left as it is: a container
 * is copied only when something in it changes, so a value without special strings comes back as
 * it is. For values the caller did not parse here (an object a server sent already parsed).
 */
export function withSpecialNumbers(value: JsonValue): JsonValue {
  if (typeof value === "string") return specialNumber(value) ?? value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as JsonValue;
      const next = withSpecialNumbers(item);
      if (Object.is(next, item)) continue;
      copy ??= value.slice();
      copy[i] = next;
    }
    return copy ?? value;
  }
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key] as JsonValue;
    const next = withSpecialNumbers(item);
    if (Object.is(next, item)) continue;
    // Spread keeps an own "__proto__" key an own key; defining it does too, where assigning would not.
    copy ??= { ...value };
    Object.defineProperty(copy, key, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return copy ?? value;
}

enum Char {
  Tab = 9,
  Newline = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  UpperI = 73,
  UpperN = 78,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerB = 98,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

const escapes: Record<number, string> = {
  [Char.Quote]: '"',
  [Char.Backslash]: "\\",
  [Char.Slash]: "/",
  [Char.LowerB]: "\b",
  [Char.LowerF]: "\f",
  [Char.LowerN]: "\n",
  [Char.LowerR]: "\r",
  [Char.LowerT]: "\t",
};

// Strict JSON (RFC 8259) plus the two W&B extensions. Used only when JSON.parse has refused the
// text, so it favours being exact over being clever.
class TolerantParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail("unexpected text after the JSON value");
    return value;
  }

  private fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${this.pos} of ${this.text.length}`);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== Char.Space && c !== Char.Newline && c !== Char.CarriageReturn && c !== Char.Tab) break;
      pos++;
    }
    this.pos = pos;
  }

  private parseValue(): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case Char.OpenBrace:
        return this.parseObject();
      case Char.OpenBracket:
        return this.parseArray();
      case Char.Quote:
        return this.parseString();
      case Char.LowerT:
        return this.parseWord("true", true);
      case Char.LowerF:
        return this.parseWord("false", false);
      case Char.LowerN:
        return this.parseWord("null", null);
      case Char.UpperN:
        return this.parseWord("NaN", Number.NaN);
      case Char.UpperI:
        return this.parseWord("Infinity", Number.POSITIVE_INFINITY);
      case Char.Minus:
        if (this.text.charCodeAt(this.pos + 1) === Char.UpperI) {
          this.pos++;
          return this.parseWord("Infinity", Number.NEGATIVE_INFINITY);
        }
        return this.parseNumber();
      default:
        if (c >= Char.Zero && c <= Char.Nine) return this.parseNumber();
        return this.fail(Number.isNaN(c) ? "unexpected end of input" : "unexpected character");
    }
  }

  private parseWord<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected ${word}`);
    this.pos += word.length;
    return value;
  }

  private parseNumber(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    const negative = text.charCodeAt(pos) === Char.Minus;
    if (negative) pos++;
    // Digits are accumulated as an integer mantissa on the way; see the fast path below.
    let mantissa = 0;
    let significantDigits = 0;
    let fractionDigits = 0;
    const firstDigit = text.charCodeAt(pos);
    if (firstDigit === Char.Zero) {
      pos++;
    } else if (firstDigit > Char.Zero && firstDigit <= Char.Nine) {
      for (let c = firstDigit; isDigit(c); c = text.charCodeAt(++pos)) {
        mantissa = mantissa * 10 + (c - Char.Zero);
        significantDigits++;
      }
    } else {
      this.pos = pos;
      this.fail("expected a digit");
    }
    if (text.charCodeAt(pos) === Char.Dot) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail("expected a digit after the decimal point");
      }
      for (let c = text.charCodeAt(pos); isDigit(c); c = text.charCodeAt(++pos)) {
        mantissa = mantissa * 10 + (c - Char.Zero);
        if (mantissa !== 0) significantDigits++;
        fractionDigits++;
      }
    }
    const e = text.charCodeAt(pos);
    let hasExponent = false;
    if (e === Char.LowerE || e === Char.UpperE) {
      hasExponent = true;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Char.Plus || sign === Char.Minus) pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail("expected a digit in the exponent");
      }
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    // Clinger's fast path: an integer mantissa below 2^53 divided by an exact power of ten
    // (10^0 to 10^22) is one correctly rounded IEEE division, so the result equals what
    // Number() gives for the same text. Everything else takes Number() itself.
    if (!hasExponent && significantDigits <= 15 && fractionDigits <= 22) {
      const magnitude = fractionDigits === 0 ? mantissa : mantissa / (powersOfTen[fractionDigits] as number);
      return negative ? -magnitude : magnitude;
    }
    return Number(text.slice(start, pos));
  }

  private parseString(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let chunkStart = pos;
    let result = "";
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Char.Quote) {
        result += text.slice(chunkStart, pos);
        this.pos = pos + 1;
        return result;
      }
      if (c === Char.Backslash) {
        result += text.slice(chunkStart, pos);
        const next = text.charCodeAt(pos + 1);
        if (next === Char.LowerU) {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos;
            this.fail("bad \\u escape");
          }
          result += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          const escaped = escapes[next];
          if (escaped === undefined) {
            this.pos = pos;
            this.fail("bad escape");
          }
          result += escaped;
          pos += 2;
        }
        chunkStart = pos;
        continue;
      }
      if (Number.isNaN(c)) {
        this.pos = pos;
        this.fail("unterminated string");
      }
      // Raw control characters (c < 0x20) are kept as they are: W&B lets them through.
      pos++;
    }
  }

  private parseArray(): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBracket) {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue());
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.Comma) continue;
      if (c === Char.CloseBracket) return items;
      this.pos--;
      this.fail("expected , or ]");
    }
  }

  private parseObject(): JsonObject {
    const object: JsonObject = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBrace) {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Char.Quote) this.fail("expected a string key");
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Char.Colon) this.fail("expected :");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue();
      if (key === "__proto__") {
        // JSON.parse makes "__proto__" an own property; assignment would replace the prototype.
        Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        object[key] = value;
      }
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.Comma) continue;
      if (c === Char.CloseBrace) return object;
      this.pos--;
      this.fail("expected , or }");
    }
  }
}

const powersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}
