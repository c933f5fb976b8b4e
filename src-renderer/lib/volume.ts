/** Sound names and the volume rule, free of DOM types so Node tests can import them. */

/** The sounds the station makes. */
export type SoundName = 'accepted' | 'refused' | 'done';

/** Lowest volume a packer can set: feedback must stay audible in a noisy hall. */
export const MIN_VOLUME = 0.2;

/** Clamps a volume to [MIN_VOLUME, 1]; non-numbers fall back to 0.8. */
export function clampVolume(v: number): number {
  if (!Number.isFinite(v)) return 0.8;
  return Math.min(1, Math.max(MIN_VOLUME, v));
}

/** A player of the station's tones (the Web Audio one is in `sound.ts`). */
export interface SoundPlayer {
  play(name: SoundName): void;
  setVolume(v: number): void;
  volume(): number;
}
