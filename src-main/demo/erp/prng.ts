/** A deterministic source of numbers in [0, 1): the same seed gives the same sequence on every machine. */
export type Prng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for demo data and fully reproducible (never Math.random).
 * @param seed - any integer; it is reduced to 32 bits
 */
export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Prng, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Prng, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick needs a non-empty list');
  return item;
}

/** A string of `count` random decimal digits. */
export function randomDigits(random: Prng, count: number): string {
  let digits = '';
  for (let i = 0; i < count; i++) digits += String(Math.floor(random() * 10));
  return digits;
}
