import type { PackLine } from '../../../src-main/contract';
import { useT } from '../../app/station-context';

/** The order lines as large rows: name, SKU, barcode and `scanned / quantity`; complete rows turn green with a ✓. */
export function PackLines({ lines, compact }: { lines: readonly PackLine[]; compact: boolean }) {
  const t = useT();
  return (
    <ol className={compact ? 'lines compact' : 'lines'}>
      {lines.map((line) => {
        const complete = line.scanned >= line.quantity;
        const missing = Math.max(0, line.quantity - line.scanned);
        return (
          <li
            key={line.lineNo}
            className={complete ? 'line complete' : line.scanned > 0 ? 'line partial' : 'line'}
            data-testid={`line-${line.lineNo}`}
            data-scanned={line.scanned}
            data-quantity={line.quantity}
          >
            <span className="line-mark" aria-hidden="true">
              {complete ? '✓' : '○'}
            </span>
            <span className="line-main">
              <span className="line-name">{line.name}</span>
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
