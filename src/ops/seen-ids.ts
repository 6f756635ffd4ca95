/**
 * The run IDs a listing has yielded, so a run W&B repeats on a later page is dropped (SPEC §2).
 * The set must hold every ID of the listing, so it is kept packed: an ID of up to 9 characters of
 * `[0-9a-z]` (W&B generates 8) is encoded exactly as a base-37 number below 2^48 and kept in an
 * open-addressing table of 6 bytes a slot (a 16-bit and a 32-bit half) at a load of at most 0.8,
 * about 8 bytes an ID instead of a string and a Set entry (about 58). Any other ID goes to a plain
 * Set beside it.
 */

/** How full the table may get before it doubles; linear probing stays short below this. */
const maxLoad = 0.8;
const initialSlots = 1024;
/** 37^9 < 2^48: nine base-37 digits fit a 16-bit and a 32-bit half. */
const maxPackedLength = 9;
const twoTo32 = 2 ** 32;

export class SeenIds {
  private high = new Uint16Array(initialSlots);
  private low = new Uint32Array(initialSlots);
  private used = 0;
  private others: Set<string> | undefined;

  /** Adds `id`; returns false when it was there already. */
  add(id: string): boolean {
    const packed = pack(id);
    if (packed === undefined) {
      this.others ??= new Set();
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    const high = Math.floor(packed / twoTo32);
    const low = packed >>> 0;
    if (!insert(this.high, this.low, high, low)) return false;
    this.used++;
    if (this.used > this.high.length * maxLoad) this.grow();
    return true;
  }

  /** IDs held. */
  get size(): number {
    return this.used + (this.others?.size ?? 0);
  }

  private grow(): void {
    const [oldHigh, oldLow] = [this.high, this.low];
    this.high = new Uint16Array(oldHigh.length * 2);
    this.low = new Uint32Array(oldLow.length * 2);
    for (let slot = 0; slot < oldHigh.length; slot++) {
      const high = oldHigh[slot] as number;
      const low = oldLow[slot] as number;
      if (high !== 0 || low !== 0) insert(this.high, this.low, high, low);
    }
  }
}

/**
 * `id` as a base-37 number: `0`–`9` are digits 1–10, `a`–`z` 11–36, and 0 fills the places past
 * the end, so IDs of different lengths never meet; a non-empty ID is never 0, which marks an empty
 * slot. `undefined` when the ID is empty, longer than 9 characters, or has another character.
 */
function pack(id: string): number | undefined {
  if (id.length === 0 || id.length > maxPackedLength) return undefined;
  let value = 0;
  for (let index = 0; index < maxPackedLength; index++) {
    let digit = 0;
    if (index < id.length) {
      const code = id.charCodeAt(index);
      if (code >= 48 && code <= 57) digit = code - 47;
      else if (code >= 97 && code <= 122) digit = code - 86;
      else return undefined;
    }
    value = value * 37 + digit;
  }
  return value;
}

/** Puts the pair into the table unless it is there; returns whether it was put. */
function insert(highs: Uint16Array, lows: Uint32Array, high: number, low: number): boolean {
  const mask = highs.length - 1;
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const existingHigh = highs[slot] as number;
    const existingLow = lows[slot] as number;
    if (existingHigh === 0 && existingLow === 0) {
      highs[slot] = high;
      lows[slot] = low;
      return true;
    }
    if (existingHigh === high && existingLow === low) return false;
  }
}
