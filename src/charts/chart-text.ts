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
