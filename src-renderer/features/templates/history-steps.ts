/** The undo/redo stacks of the template editor as plain data (no React), so they can be tested alone. */

/** Steps kept; older ones are dropped. */
const MAX_STEPS = 200;

/** The undo/redo stacks around the value being edited. */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** Records `next` as a new step; an edit with the same `key` soon after the last one replaces that step. */
export function pushStep<T>(h: History<T>, next: T, coalesce: boolean): History<T> {
  if (next === h.present) return h;
  const past = coalesce ? h.past : [...h.past, h.present].slice(-MAX_STEPS);
  return { past, present: next, future: [] };
}

/** One step back (the same history when there is none). */
export function undoStep<T>(h: History<T>): History<T> {
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
}

/** One step forward again (the same history when there is none). */
export function redoStep<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}
