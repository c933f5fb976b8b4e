import { useLayoutEffect, useRef, useState } from 'react';
import type { PackLine } from '../../../src-main/contract';
import { useT } from '../../app/station-context';
import { currentLine, nextExpectedLine, sameMemory, type LineMemory } from './current-line';
import { keepInView } from './keep-in-view';

/**
 * The order lines as large rows: the full name (wrapped, never cut), SKU, barcode and `scanned / quantity`;
 * complete rows turn green with a ✓. The list scrolls inside its own area and keeps the current line (the one
 * just scanned, else the next one expected) in view, with the next line to scan below it where it fits.
 */
export function PackLines({
  orderNo,
  lines,
  compact,
}: {
  orderNo: string;
  lines: readonly PackLine[];
  compact: boolean;
}) {
  const t = useT();
  const listRef = useRef<HTMLOListElement>(null);
  // The counts shown last, kept as state so the next state of the order can tell which line its scan went to.
  const [memory, setMemory] = useState<LineMemory | null>(null);
  const now = currentLine(memory, orderNo, lines);
  if (!sameMemory(memory, now)) setMemory(now);
  const current = now.current;
  const upNext = nextExpectedLine(lines);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || current === null) return;
    const show = () => {
      const item = list.querySelector<HTMLElement>(`[data-line-no="${current}"]`);
      const also = upNext === null ? null : list.querySelector<HTMLElement>(`[data-line-no="${upNext}"]`);
      if (item) keepInView(list, item, also);
    };
    show();
    // The list changes size when an error panel, a print panel or the label preview comes or goes.
    const observer = new ResizeObserver(show);
    observer.observe(list);
    return () => observer.disconnect();
  }, [current, upNext, compact, lines]);

  return (
    <ol ref={listRef} className={compact ? 'lines compact' : 'lines'} data-testid="pack-lines">
      {lines.map((line) => {
        const complete = line.scanned >= line.quantity;
        const missing = Math.max(0, line.quantity - line.scanned);
        const isCurrent = line.lineNo === current;
        const state = complete ? 'line complete' : line.scanned > 0 ? 'line partial' : 'line';
        return (
          <li
            key={line.lineNo}
            className={isCurrent ? `${state} current` : state}
            data-testid={`line-${line.lineNo}`}
            data-line-no={line.lineNo}
            data-scanned={line.scanned}
            data-quantity={line.quantity}
            data-current={isCurrent ? 'true' : undefined}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="line-mark" aria-hidden="true">
              {complete ? '✓' : '○'}
            </span>
            <span className="line-main">
              <span className="line-name" data-testid="line-name">
                {line.name}
              </span>
              <span className="line-codes">
                <span>{t('pack.line.sku', { sku: line.sku })}</span>
                <span>{t('pack.line.barcode', { barcode: line.barcode })}</span>
              </span>
            </span>
            <span className="line-count">
              <span className="line-scanned">{line.scanned}</span>
              <span className="line-sep">/</span>
              <span className="line-quantity">{line.quantity}</span>
              <span className="line-status">
                {complete ? t('pack.line.done') : t('pack.line.missing', { count: missing })}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
