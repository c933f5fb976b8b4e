import { useCallback, useRef, useState } from 'react';
import { pushStep, redoStep, undoStep, type History } from './history-steps';

/** Edits closer together than this, with the same key (one drag, one typed word), undo as one step. */
const COALESCE_MS = 700;

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
