import { useEffect, useRef, type KeyboardEvent } from 'react';
import { isMessageKey } from '../i18n';
import { useStation, useT } from './station-context';

/**
 * "Leave without saving?": shown when a nav click would leave a screen with unsaved edits. Stay has the focus (the
 * safe answer), Escape stays, Tab moves between the two buttons only; focus goes back where it was afterwards.
 */
export function LeaveGuardDialog() {
  const t = useT();
  const pending = useStation((s) => s.pendingScreen);
  const screen = useStation((s) => s.screen);
  const resolve = useStation((s) => s.resolveLeave);
  const stay = useRef<HTMLButtonElement | null>(null);
  const leave = useRef<HTMLButtonElement | null>(null);
  const before = useRef<Element | null>(null);

  useEffect(() => {
    if (!pending) return;
    before.current = document.activeElement;
    stay.current?.focus();
    return () => {
      const back = before.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [pending]);

  if (!pending) return null;
  const navKey = `nav.${screen}`;
  const screenName = isMessageKey(navKey) ? t(navKey) : screen;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      resolve(false);
    } else if (e.key === 'Tab') {
      // Keep the focus inside the dialog: it is modal.
      e.preventDefault();
      (document.activeElement === stay.current ? leave.current : stay.current)?.focus();
    }
  };

  return (
    <div className="leave-guard-backdrop">
      <div
        className="leave-guard"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="leave-guard-title"
        aria-describedby="leave-guard-text"
        data-testid="leave-guard"
        onKeyDown={onKeyDown}
      >
        <h2 id="leave-guard-title">{t('guard.title')}</h2>
        <p id="leave-guard-text">{t('guard.text', { screen: screenName })}</p>
        <div className="leave-guard-actions">
          <button
            ref={stay}
            type="button"
            className="primary"
            data-testid="leave-guard-stay"
            onClick={() => resolve(false)}
          >
            {t('guard.stay')}
          </button>
          <button ref={leave} type="button" data-testid="leave-guard-leave" onClick={() => resolve(true)}>
            {t('guard.leave')}
          </button>
        </div>
      </div>
    </div>
  );
}
