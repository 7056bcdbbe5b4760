/**
 * A seeded PRNG (mulberry32) for fuzz and crash tests: the same seed gives the
 * same numbers in [0, 1), so a failing run can be replayed from its seed.
 */
export function createSeededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
