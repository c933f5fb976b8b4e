import { useEffect } from 'react';
import { bindScanner, type KeyEventSource, type KeydownLike, type ScannerOptions } from '../lib/scanner';
import type { StationController } from './station-controller';

function isTextField(target: unknown): target is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  if (target instanceof HTMLInputElement) {
    const textTypes = ['text', 'search', 'number', 'tel', 'url', 'email', 'password', ''];
    return textTypes.includes(target.type) && !target.readOnly && !target.disabled;
  }
  return target instanceof HTMLElement && target.isContentEditable;
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
 * Binds the global scan capture to the window for the page's lifetime: scans go to `pack:scan`, IME bursts are
 * refused, and plain Enter/Escape/Space drive confirm and acknowledge.
 */
export function useScannerBinding(controller: StationController, options: Partial<ScannerOptions>): void {
  useEffect(() => {
    const bound = bindScanner(
      window as unknown as KeyEventSource,
      {
        onScan: (code) => void controller.scan(code),
        onReject: (reason) => controller.rejectScan(reason),
        onPlainKey: (event: KeydownLike) => {
          const target = event.target;
          // Enter/Space in the manual entry box with text in it belong to that box.
          if (
            target instanceof HTMLInputElement &&
            target.dataset.testid === 'scan-input' &&
            target.value.trim() !== '' &&
            event.key !== 'Escape'
          )
            return;
          if (event.key === ' ' && isTextField(target)) return;
          if (controller.plainKey(event.key)) event.preventDefault();
        },
        isTextField,
        replay,
      },
      options,
    );
    return () => bound.dispose();
  }, [controller, options]);
}
