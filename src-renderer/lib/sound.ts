/**
 * Feedback tones generated with Web Audio (no files, works offline): accepted = short high beep, refused = low
 * buzz, done = two rising beeps. The volume can be turned down but never below {@link MIN_VOLUME}.
 */

import { clampVolume, type SoundName, type SoundPlayer } from './volume';

export { MIN_VOLUME, clampVolume, type SoundName, type SoundPlayer } from './volume';

interface Tone {
  freq: number;
  type: OscillatorType;
  startS: number;
  durationS: number;
}

const TONES: Record<SoundName, readonly Tone[]> = {
  accepted: [{ freq: 1800, type: 'sine', startS: 0, durationS: 0.08 }],
  refused: [{ freq: 180, type: 'square', startS: 0, durationS: 0.4 }],
  done: [
    { freq: 1200, type: 'sine', startS: 0, durationS: 0.09 },
    { freq: 1800, type: 'sine', startS: 0.13, durationS: 0.12 },
  ],
};

/** Creates a player; the AudioContext is made on first use (after a key press, so autoplay rules allow it). */
export function createSoundPlayer(initialVolume: number): SoundPlayer {
  let ctx: AudioContext | null = null;
  let volume = clampVolume(initialVolume);

  const context = (): AudioContext | null => {
    if (ctx) return ctx;
    if (typeof AudioContext === 'undefined') return null;
    ctx = new AudioContext();
    return ctx;
  };

  return {
    play(name) {
      const ac = context();
      if (!ac) return;
      if (ac.state === 'suspended') void ac.resume();
      const now = ac.currentTime;
      for (const tone of TONES[name]) {
        const osc = ac.createOscillator();
        const gain = ac.createGain();
        osc.type = tone.type;
        osc.frequency.value = tone.freq;
        // Square waves are much louder than sines at the same gain; scale them down. Short ramps avoid clicks.
        const peak = volume * (tone.type === 'square' ? 0.25 : 0.6);
        const start = now + tone.startS;
        const end = start + tone.durationS;
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(peak, start + 0.005);
        gain.gain.setValueAtTime(peak, end - 0.01);
        gain.gain.linearRampToValueAtTime(0, end);
        osc.connect(gain).connect(ac.destination);
        osc.start(start);
        osc.stop(end + 0.01);
      }
    },
    setVolume(v) {
      volume = clampVolume(v);
    },
    volume: () => volume,
  };
}
