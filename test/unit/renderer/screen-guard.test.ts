import { describe, expect, it } from 'vitest';
import { createStationStore } from '../../../src-renderer/state/store';

const store = () => createStationStore({ locale: 'en', volume: 0.8 });

describe('the leave guard in the store', () => {
  it('goes straight to another screen when nothing is unsaved, clearing the scan notice', () => {
    const s = store();
    s.getState().setScreen('settings');
    s.getState().setScanNotice({ kind: 'ignored', code: 'SO-1' });
    s.getState().requestScreen('pack');
    expect(s.getState()).toMatchObject({ screen: 'pack', pendingScreen: null, scanNotice: null });
  });

  it('asks first when a screen registered unsaved edits: stay keeps the screen, leave goes and forgets them', () => {
    const s = store();
    s.getState().setScreen('settings');
    s.getState().setDirty('settings', true);
    s.getState().requestScreen('queue');
    expect(s.getState()).toMatchObject({ screen: 'settings', pendingScreen: 'queue' });
    s.getState().resolveLeave(false);
    expect(s.getState()).toMatchObject({ screen: 'settings', pendingScreen: null });
    expect(s.getState().dirty).toEqual({ settings: true });

    s.getState().requestScreen('printers');
    s.getState().resolveLeave(true);
    expect(s.getState()).toMatchObject({ screen: 'printers', pendingScreen: null, dirty: {} });
  });

  it('does not ask for a click on the screen already shown, nor once the edits are saved', () => {
    const s = store();
    s.getState().setScreen('templates');
    s.getState().setDirty('templates', true);
    s.getState().requestScreen('templates');
    expect(s.getState().pendingScreen).toBeNull();
    s.getState().setDirty('templates', false);
    s.getState().requestScreen('pack');
    expect(s.getState().screen).toBe('pack');
  });

  it('ignores a leave answer when no question is open', () => {
    const s = store();
    s.getState().resolveLeave(true);
    expect(s.getState().screen).toBe('pack');
  });
});
