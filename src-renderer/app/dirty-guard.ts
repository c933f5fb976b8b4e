import { useEffect } from 'react';
import { useStation } from './station-context';

/**
 * Registers a screen's unsaved edits under `key` while it is shown: a nav click then opens the leave dialog
 * ("Leave without saving?") instead of dropping them. The flag clears when the screen unmounts.
 */
export function useDirtyGuard(key: string, dirty: boolean): void {
  const setDirty = useStation((s) => s.setDirty);
  useEffect(() => {
    setDirty(key, dirty);
  }, [key, dirty, setDirty]);
  useEffect(() => () => setDirty(key, false), [key, setDirty]);
}
