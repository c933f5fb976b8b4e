import { useSyncExternalStore } from 'react';

/**
 * Whether the template editor holds unsaved edits, readable outside the editor (a guard that asks before leaving
 * the screen can register it). The editor writes it; it is false while the editor is not shown.
 */
let dirty = false;
const listeners = new Set<() => void>();

/** Sets the editor's unsaved-edits flag (the editor calls this). */
export function setTemplateEditorDirty(value: boolean): void {
  if (value === dirty) return;
  dirty = value;
  for (const listener of listeners) listener();
}

/** The editor's unsaved-edits flag now. */
export function isTemplateEditorDirty(): boolean {
  return dirty;
}

/** Subscribes to the editor's unsaved-edits flag; returns the unsubscribe function. */
export function subscribeTemplateEditorDirty(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while the template editor holds unsaved edits (re-renders when that changes). */
export function useEditorDirty(): boolean {
  return useSyncExternalStore(subscribeTemplateEditorDirty, isTemplateEditorDirty, isTemplateEditorDirty);
}
