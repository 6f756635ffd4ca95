/** Numbers and names as the charts print them. */

/** A number in at most `digits` significant digits, without trailing zeros: 0.1235, 1.5e+6. */
export function shortNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  return String(Number(value.toPrecision(digits)));
}

/**
 * A number in plain decimal notation, never with an exponent (Mermaid's chart grammar reads
 * `2e-3` as a word and rejects the chart), rounded to `digits` significant digits.
 */
export function plainDecimal(value: number, digits = 6): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const rounded = Number(value.toPrecision(digits));
  if (rounded === 0) return "0";
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  const [mantissa = "", exponentText = "0"] = text.toLowerCase().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole = "", fraction = ""] = mantissa.replace("-", "").split(".");
  const digitsOnly = whole + fraction;
  const point = whole.length + exponent;
  const body =
    point <= 0
      ? `0.${"0".repeat(-point)}${digitsOnly}`
      : point >= digitsOnly.length
        ? digitsOnly + "0".repeat(point - digitsOnly.length)
        : `${digitsOnly.slice(0, point)}.${digitsOnly.slice(point)}`;
  return negative ? `-${body}` : body;
}

/**
 * Text from data made safe for a terminal: C0 and C1 control characters (ESC, CR, BEL, …) and DEL
 * shown as `\xNN` escapes, so a key cannot move the cursor, retitle the window or redraw a line.
 * (Swap for the shared terminal escaping when it lands.)
 */
export function visibleText(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\x${code.toString(16).padStart(2, "0")}` : char;
  }
  return out;
}
