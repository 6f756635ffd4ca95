/**
 * The run IDs a listing has yielded, so a run W&B repeats on a later page is dropped (SPEC §2).
 * The set must hold every ID of the listing, so it is kept packed: an ID of up to 12 characters
 * of `[0-9a-z]` (W&B generates 8 of them) is encoded exactly into two 32-bit numbers in an
 * open-addressing table, 8 bytes a slot at a load of at most 0.8, instead of a string and a Set
 * entry (about 58 bytes an ID). Any other ID goes to a plain Set beside it.
 */

/** How full the table may get before it doubles; linear probing stays short below this. */
const maxLoad = 0.8;
const initialSlots = 1024;
/** 37^6 < 2^32: six base-37 digits fit one 32-bit half. */
const digitsPerHalf = 6;

export class SeenIds {
  private slots = new Uint32Array(initialSlots * 2);
  private used = 0;
  private others: Set<string> | undefined;

  /** Adds `id`; returns false when it was there already. */
  add(id: string): boolean {
    const packable = id.length > 0 && id.length <= 2 * digitsPerHalf;
    const high = packable ? packHalf(id, 0) : -1;
    const low = high > 0 ? packHalf(id, digitsPerHalf) : -1;
    if (low < 0) {
      this.others ??= new Set();
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    if (!insert(this.slots, high, low)) return false;
    this.used++;
    if (this.used > (this.slots.length / 2) * maxLoad) this.grow();
    return true;
  }

  /** IDs held. */
  get size(): number {
    return this.used + (this.others?.size ?? 0);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let index = 0; index < old.length; index += 2) {
      const high = old[index] as number;
      if (high !== 0) insert(this.slots, high, old[index + 1] as number);
    }
  }
}

/**
 * Characters `from` to `from + 5` of `id` as six base-37 digits: `0`–`9` are 1–10, `a`–`z` 11–36,
 * and 0 stands for "past the end", so IDs of different lengths never meet. -1 when a character is
 * outside `[0-9a-z]`. A non-empty ID's first half is never 0, which marks an empty slot.
 */
function packHalf(id: string, from: number): number {
  let value = 0;
  for (let index = from; index < from + digitsPerHalf; index++) {
    let digit = 0;
    if (index < id.length) {
      const code = id.charCodeAt(index);
      if (code >= 48 && code <= 57) digit = code - 47;
      else if (code >= 97 && code <= 122) digit = code - 86;
      else return -1;
    }
    value = value * 37 + digit;
  }
  return value;
}

/** Puts the pair into the table unless it is there; returns whether it was put. */
function insert(slots: Uint32Array, high: number, low: number): boolean {
  const mask = slots.length / 2 - 1;
  let hash = Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const at = slot * 2;
    const existing = slots[at] as number;
    if (existing === 0) {
      slots[at] = high;
      slots[at + 1] = low;
      return true;
    }
    if (existing === high && slots[at + 1] === low) return false;
  }
}
