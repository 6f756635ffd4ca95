/**
 * JSON as W&B writes it into JSONString fields: standard JSON plus bare `NaN`, `Infinity` and
 * `-Infinity` tokens (wandb-core's extended JSON) and raw control characters inside strings
 * (Python retries with `strict=False`). Plain `JSON.parse` rejects all three.
 */
/**
 * Parses W&B's JSON text. Accepts everything `JSON.parse` accepts, with the same result, plus the
 * extensions above. Throws a `SyntaxError` naming the offset on anything else.
 */
export function parseTolerantJson(text, options = {}) {
    let value;
    const mentionsNonFinite = text.includes("NaN") || text.includes("Infinity");
    if (mentionsNonFinite) {
        // A bare token makes JSON.parse fail only where it meets it, possibly after parsing megabytes;
        // going straight to the tolerant parser saves that wasted pass.
        value = parseExtendedJson(text);
    }
    else {
        try {
            // The fast path: most fields are valid JSON, and the engine's parser is the fastest there is.
            value = JSON.parse(text);
        }
        catch {
            value = parseExtendedJson(text);
        }
    }
    if (options.specialStrings && mentionsNonFinite && mayHoldSpecialStrings(text)) {
        value = replaceSpecialStrings(value);
    }
    return value;
}
/**
 * @internal The slow path on its own: strict JSON plus bare non-finite tokens and raw control
 * characters in strings. Exported for the tests that hold it to `JSON.parse`.
 */
export function parseExtendedJson(text) {
    return new TolerantParser(text).parseDocument();
}
// A substring scan is far cheaper than walking the parsed tree, so the walk only runs when the
// text could hold a special string at all.
function mayHoldSpecialStrings(text) {
    return text.includes('"NaN"') || text.includes('Infinity"');
}
function specialNumber(value) {
    if (value === "NaN")
        return Number.NaN;
    if (value === "Infinity")
        return Number.POSITIVE_INFINITY;
    if (value === "-Infinity")
        return Number.NEGATIVE_INFINITY;
    return undefined;
}
/** Turns the special strings into numbers everywhere in a parsed value; keys are left alone. */
export function replaceSpecialStrings(value) {
    if (typeof value === "string")
        return specialNumber(value) ?? value;
    if (value === null || typeof value !== "object")
        return value;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
            value[i] = replaceSpecialStrings(value[i]);
        return value;
    }
    for (const key of Object.keys(value)) {
        const item = value[key];
        const replaced = replaceSpecialStrings(item);
        if (replaced !== item)
            value[key] = replaced;
    }
    return value;
}
var Char;
(function (Char) {
    Char[Char["Tab"] = 9] = "Tab";
    Char[Char["Newline"] = 10] = "Newline";
    Char[Char["CarriageReturn"] = 13] = "CarriageReturn";
    Char[Char["Space"] = 32] = "Space";
    Char[Char["Quote"] = 34] = "Quote";
    Char[Char["Plus"] = 43] = "Plus";
    Char[Char["Comma"] = 44] = "Comma";
    Char[Char["Minus"] = 45] = "Minus";
    Char[Char["Dot"] = 46] = "Dot";
    Char[Char["Slash"] = 47] = "Slash";
    Char[Char["Zero"] = 48] = "Zero";
    Char[Char["Nine"] = 57] = "Nine";
    Char[Char["Colon"] = 58] = "Colon";
    Char[Char["UpperE"] = 69] = "UpperE";
    Char[Char["UpperI"] = 73] = "UpperI";
    Char[Char["UpperN"] = 78] = "UpperN";
    Char[Char["OpenBracket"] = 91] = "OpenBracket";
    Char[Char["Backslash"] = 92] = "Backslash";
    Char[Char["CloseBracket"] = 93] = "CloseBracket";
    Char[Char["LowerB"] = 98] = "LowerB";
    Char[Char["LowerE"] = 101] = "LowerE";
    Char[Char["LowerF"] = 102] = "LowerF";
    Char[Char["LowerN"] = 110] = "LowerN";
    Char[Char["LowerR"] = 114] = "LowerR";
    Char[Char["LowerT"] = 116] = "LowerT";
    Char[Char["LowerU"] = 117] = "LowerU";
    Char[Char["OpenBrace"] = 123] = "OpenBrace";
    Char[Char["CloseBrace"] = 125] = "CloseBrace";
})(Char || (Char = {}));
const escapes = {
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
    text;
    pos = 0;
    constructor(text) {
        this.text = text;
    }
    parseDocument() {
        this.skipWhitespace();
        const value = this.parseValue();
        this.skipWhitespace();
        if (this.pos < this.text.length)
            this.fail("unexpected text after the JSON value");
        return value;
    }
    fail(what) {
        throw new SyntaxError(`${what} at offset ${this.pos} of ${this.text.length}`);
    }
    skipWhitespace() {
        const text = this.text;
        let pos = this.pos;
        while (pos < text.length) {
            const c = text.charCodeAt(pos);
            if (c !== Char.Space && c !== Char.Newline && c !== Char.CarriageReturn && c !== Char.Tab)
                break;
            pos++;
        }
        this.pos = pos;
    }
    parseValue() {
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
                if (c >= Char.Zero && c <= Char.Nine)
                    return this.parseNumber();
                return this.fail(Number.isNaN(c) ? "unexpected end of input" : "unexpected character");
        }
    }
    parseWord(word, value) {
        if (!this.text.startsWith(word, this.pos))
            this.fail(`expected ${word}`);
        this.pos += word.length;
        return value;
    }
    parseNumber() {
        const text = this.text;
        const start = this.pos;
        let pos = start;
        const negative = text.charCodeAt(pos) === Char.Minus;
        if (negative)
            pos++;
        // Digits are accumulated as an integer mantissa on the way; see the fast path below.
        let mantissa = 0;
        let significantDigits = 0;
        let fractionDigits = 0;
        const firstDigit = text.charCodeAt(pos);
        if (firstDigit === Char.Zero) {
            pos++;
        }
        else if (firstDigit > Char.Zero && firstDigit <= Char.Nine) {
            for (let c = firstDigit; isDigit(c); c = text.charCodeAt(++pos)) {
                mantissa = mantissa * 10 + (c - Char.Zero);
                significantDigits++;
            }
        }
        else {
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
                if (mantissa !== 0)
                    significantDigits++;
                fractionDigits++;
            }
        }
        const e = text.charCodeAt(pos);
        let hasExponent = false;
        if (e === Char.LowerE || e === Char.UpperE) {
            hasExponent = true;
            pos++;
            const sign = text.charCodeAt(pos);
            if (sign === Char.Plus || sign === Char.Minus)
                pos++;
            if (!isDigit(text.charCodeAt(pos))) {
                this.pos = pos;
                this.fail("expected a digit in the exponent");
            }
            while (isDigit(text.charCodeAt(pos)))
                pos++;
        }
        this.pos = pos;
        // Clinger's fast path: an integer mantissa below 2^53 divided by an exact power of ten
        // (10^0 to 10^22) is one correctly rounded IEEE division, so the result equals what
        // Number() gives for the same text. Everything else takes Number() itself.
        if (!hasExponent && significantDigits <= 15 && fractionDigits <= 22) {
            const magnitude = fractionDigits === 0 ? mantissa : mantissa / powersOfTen[fractionDigits];
            return negative ? -magnitude : magnitude;
        }
        return Number(text.slice(start, pos));
    }
    parseString() {
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
                }
                else {
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
    parseArray() {
        const items = [];
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
            if (c === Char.Comma)
                continue;
            if (c === Char.CloseBracket)
                return items;
            this.pos--;
            this.fail("expected , or ]");
        }
    }
    parseObject() {
        const object = {};
        this.pos++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) === Char.CloseBrace) {
            this.pos++;
            return object;
        }
        for (;;) {
            this.skipWhitespace();
            if (this.text.charCodeAt(this.pos) !== Char.Quote)
                this.fail("expected a string key");
            const key = this.parseString();
            this.skipWhitespace();
            if (this.text.charCodeAt(this.pos) !== Char.Colon)
                this.fail("expected :");
            this.pos++;
            this.skipWhitespace();
            const value = this.parseValue();
            if (key === "__proto__") {
                // JSON.parse makes "__proto__" an own property; assignment would replace the prototype.
                Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
            }
            else {
                object[key] = value;
            }
            this.skipWhitespace();
            const c = this.text.charCodeAt(this.pos);
            this.pos++;
            if (c === Char.Comma)
                continue;
            if (c === Char.CloseBrace)
                return object;
            this.pos--;
            this.fail("expected , or }");
        }
    }
}
const powersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
function isDigit(c) {
    return c >= Char.Zero && c <= Char.Nine;
}
//# sourceMappingURL=json.js.map