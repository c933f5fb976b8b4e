import { useCallback, useRef, useState } from 'react';

/** Edits closer together than this, with the same key (one drag, one typed word), undo as one step. */
const COALESCE_MS = 700;
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

/** The editor's undo/redo over the template model: what `present` is, and how to change it. */
export interface TemplateHistory<T> {
  present: T | null;
  canUndo: boolean;
  canRedo: boolean;
  /** A model edit: `update` gets the current value; `key` groups quick repeated edits (a drag) into one step. */
  edit(update: (current: T) => T, key?: string): void;
  undo(): void;
  redo(): void;
  /** Starts over with `value` (a template loaded or restored): nothing to undo. */
  reset(value: T | null): void;
}

/** Undo/redo state for the template editor (model edits only; loading a template starts a new history). */
export function useTemplateHistory<T>(): TemplateHistory<T> {
  const [history, setHistory] = useState<History<T> | null>(null);
  const last = useRef<{ key: string; at: number } | null>(null);

  const edit = useCallback((update: (current: T) => T, key?: string) => {
    const now = Date.now();
    const coalesce = key !== undefined && last.current?.key === key && now - last.current.at < COALESCE_MS;
    last.current = key === undefined ? null : { key, at: now };
    setHistory((h) => (h ? pushStep(h, update(h.present), coalesce) : h));
  }, []);
  const undo = useCallback(() => {
    last.current = null;
    setHistory((h) => (h ? undoStep(h) : h));
  }, []);
  const redo = useCallback(() => {
    last.current = null;
    setHistory((h) => (h ? redoStep(h) : h));
  }, []);
  const reset = useCallback((value: T | null) => {
    last.current = null;
    setHistory(value === null ? null : { past: [], present: value, future: [] });
  }, []);

  return {
    present: history?.present ?? null,
    canUndo: (history?.past.length ?? 0) > 0,
    canRedo: (history?.future.length ?? 0) > 0,
    edit,
    undo,
    redo,
    reset,
  };
}
