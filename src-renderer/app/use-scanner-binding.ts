import { useEffect, useMemo } from 'react';
import { bindScanner, type KeyEventSource, type KeydownLike, type ScanMode } from '../lib/scanner';
import { scannerOptionsOf } from '../lib/scanner-settings';
import { SCAN_SCREENS, type Screen } from '../state/store';
import type { StationController } from './station-controller';
import { useStation, useStationStore } from './station-context';

function isTextField(target: unknown): target is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  if (target instanceof HTMLInputElement) {
    const textTypes = ['text', 'search', 'number', 'tel', 'url', 'email', 'password', ''];
    return textTypes.includes(target.type) && !target.readOnly && !target.disabled;
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * True for a field that takes scans as the screen does (the pack screen's manual entry, the handover field): marked
 * with `data-scan-field`. The capture keeps working there, so a scan into it is a scan, never typing.
 */
function isScanField(target: unknown): boolean {
  return target instanceof HTMLElement && target.dataset.scanField !== undefined;
}

/**
 * Where a key goes. A text field (other than a scan field) types for itself on every screen, so fast typing such as
 * a password manager's auto-type stays in the field. Otherwise the pack and handover screens capture scans, and
 * every other screen swallows a burst and says "scan ignored", so a scan cannot leave it or touch its form.
 */
export function scanModeFor(screen: Screen, target: unknown): ScanMode {
  if (!isScanField(target) && (isTextField(target) || target instanceof HTMLSelectElement)) return 'pass';
  return SCAN_SCREENS.includes(screen) ? 'capture' : 'ignore';
}

/** Gives typing the capture held back to the field it was meant for, through the editing pipeline (undo, React). */
function replay(target: unknown, text: string): void {
  if (!isTextField(target)) return;
  if (document.activeElement !== target) target.focus();
  // execCommand keeps undo history and fires `input` so React's onChange sees the text.
  if (
    !document.execCommand('insertText', false, text) &&
    (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)
  ) {
    target.setRangeText(
      text,
      target.selectionStart ?? target.value.length,
      target.selectionEnd ?? target.value.length,
      'end',
    );
    target.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * Binds the global scan capture to the window for the page's lifetime: scans go to `pack:scan` (or the handover
 * list), IME bursts are refused, plain Enter/Escape/Space drive confirm, cancel and acknowledge, and slow keys are
 * taken or shown as the scanner settings say. The settings in the store apply at once: a change rebinds.
 */
export function useScannerBinding(controller: StationController): void {
  const store = useStationStore();
  const settings = useStation((s) => s.scanner);
  const options = useMemo(() => scannerOptionsOf(settings), [settings]);
  useEffect(() => {
    const bound = bindScanner(
      window as unknown as KeyEventSource,
      {
        onScan: (code) => void controller.scan(code),
        onReject: (reason) => controller.rejectScan(reason),
        onIgnoredScan: (code) => controller.ignoredScan(code),
        onSlowBurst: (burst) => controller.slowBurst(burst),
        modeFor: (target) => scanModeFor(store.getState().screen, target),
        onPlainKey: (event: KeydownLike) => {
          const target = event.target;
          // Enter/Space in the manual entry box with text in it belong to that box.
          if (
            (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
            isScanField(target) &&
            target.value.trim() !== '' &&
            event.key !== 'Escape'
          )
            return;
          if (event.key === ' ' && isTextField(target)) return;
          // An open dialog (the label zoom) handles its own keys: Escape closes it, never the order.
          if (target instanceof Element && target.closest('[role="dialog"]')) return;
          if (controller.plainKey(event.key)) event.preventDefault();
        },
        isTextField,
        replay,
      },
      options,
    );
    return () => bound.dispose();
  }, [controller, options, store]);
}
