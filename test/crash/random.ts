/**
 * A small seeded generator (sfc32), so a crash run's choices — when to kill, which
 * figure to save, what to write — come back the same from the same seed. Each client and
 * the kill schedule draw from their own stream, so one client's pace does not shift
 * another's choices. (How far the server got when the kill lands still depends on timing.)
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [low, high]. */
  int(low: number, high: number): number;
  pick<T>(items: readonly T[]): T;
  /** Bytes for file contents. */
  bytes(count: number): Buffer;
}

/** A fresh 32-bit seed (the one thing in a run that is not derived from its seed). */
export function newSeed(): number {
  return (Math.random() * 0x1_0000_0000) >>> 0;
}

/** The generator for one stream of a run: the run's seed and the stream's name. */
export function createRandom(seed: number, stream = ""): Random {
  let a = seed >>> 0;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  for (const char of stream) {
    b = Math.imul(b ^ char.charCodeAt(0), 0x85ebca6b) >>> 0;
    c = (c + b) >>> 0;
  }
  const next32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Let the mixed-in stream name spread through the state before anything is drawn.
  for (let i = 0; i < 15; i++) next32();
  const random: Random = {
    next: () => next32() / 0x1_0000_0000,
    int: (low, high) => low + Math.floor(random.next() * (high - low + 1)),
    pick: (items) => items[Math.floor(random.next() * items.length)]!,
    bytes: (count) => {
      const out = Buffer.alloc(count);
      for (let i = 0; i < count; i++) out[i] = next32() & 0xff;
      return out;
    },
  };
  return random;
}
