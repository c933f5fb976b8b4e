import { useState } from 'react';
import type { PackState } from '../../../src-main/contract';
import { useStation, useT } from '../../app/station-context';
import { shownError } from '../../state/store';
import { ErrorPanel } from './error-panel';
import { LabelPreview } from './label-preview';
import { PrintIssuePanel } from './print-issue-panel';
import { PackLines } from './pack-lines';
import { PackPrompt } from './pack-prompt';
import { ScanInput } from './scan-input';
import { QuantityPrompt } from './quantity-prompt';
import { ReprintLast } from './reprint-last';
import { PreprintedNote } from './preprinted-note';

type Order = NonNullable<PackState['order']>;

/**
 * The packer's screen, top to bottom: any error and print problem (in the flow, never over anything), the order
 * being packed (or the idle prompt), and the manual-entry footer, which always stays visible.
 */
export function PackScreen() {
  const pack = useStation((s) => s.pack);
  const hasError = useStation((s) => s.localError !== null || (s.pack?.error ?? null) !== null);
  const phase = pack?.phase ?? 'idle';
  return (
    <div className={`pack phase-${phase}${hasError ? ' has-error' : ''}`}>
      <span data-testid="pack-phase" data-phase={phase} hidden>
        {phase}
      </span>
      <div className="pack-alerts">
        <ErrorPanel />
        <PrintIssuePanel />
        <QuantityPrompt />
        <PackPrompt />
      </div>
      <div className="pack-body">
        {!pack || phase === 'idle' || !pack.order ? <Idle pack={pack} /> : <Working pack={pack} order={pack.order} />}
      </div>
      <footer className="pack-footer" data-testid="pack-footer">
        <ScanInput />
        <LastScan pack={pack} />
      </footer>
    </div>
  );
}

function Idle({ pack }: { pack: PackState | null }) {
  const t = useT();
  const shipped = pack?.lastShipped ?? null;
  return (
    <div className="idle">
      {shipped && (
        <div className={shipped.queued ? 'shipped queued' : 'shipped'} data-testid="last-shipped" role="status">
          <div className="shipped-main">
            <span aria-hidden="true">✓</span>{' '}
            {t('pack.shipped', { orderNo: shipped.orderNo, trackingNumber: shipped.trackingNumber })}
          </div>
          {shipped.queued && (
            <div className="shipped-note">
              <span aria-hidden="true">⚠</span> {t('pack.shippedQueued')}
            </div>
          )}
        </div>
      )}
      <ReprintLast />
      <div className="idle-prompt">
        <div className="barcode-glyph" aria-hidden="true" />
        <h1>{t('pack.idle.prompt')}</h1>
        <p>{t('pack.idle.hint')}</p>
      </div>
    </div>
  );
}

/** What the packer does next, from the order's progress and whether the label came out. */
type NextStep = 'scan-item' | 'printing' | 'print-failed' | 'confirm';

function nextStep(pack: PackState, allScanned: boolean, failed: boolean): NextStep {
  if (pack.phase === 'printed') return 'confirm';
  if (!allScanned) return 'scan-item';
  // Every item is in and no label is out: after a failed attempt that is the thing to fix, not "printing".
  return failed ? 'print-failed' : 'printing';
}

/**
 * Whether an attempt to print this order's label failed: a print problem or an error is shown now, or was while
 * the label was still missing (an acknowledged "could not render" leaves nothing else behind in the state).
 */
function usePrintFailed(pack: PackState, orderNo: string, unprinted: boolean): boolean {
  const hasError = useStation((s) => shownError(s) !== null);
  const [failedOrder, setFailedOrder] = useState<string | null>(null);
  const failed = unprinted && (Boolean(pack.printIssue) || hasError || failedOrder === orderNo);
  const remembered = failed ? orderNo : null;
  if (remembered !== failedOrder) setFailedOrder(remembered);
  return failed;
}

const NEXT_TEXT = {
  'scan-item': 'pack.next.scanItem',
  printing: 'pack.next.printing',
  'print-failed': 'pack.next.printFailed',
  confirm: 'pack.next.confirm',
} as const;
const NEXT_ICON = { 'scan-item': '▶', printing: '⎙', 'print-failed': '⚠', confirm: '⏎' } as const;

function Working({ pack, order }: { pack: PackState; order: Order }) {
  const t = useT();
  const total = order.lines.reduce((n, l) => n + l.quantity, 0);
  const done = order.lines.reduce((n, l) => n + Math.min(l.scanned, l.quantity), 0);
  const allScanned = done >= total;
  const failed = usePrintFailed(pack, order.orderNo, allScanned && pack.phase === 'packing');
  const step = nextStep(pack, allScanned, failed);
  const receiver = order.receiver;
  const label = pack.phase === 'printed' ? pack.label : null;
  return (
    <div className={label ? 'working with-label' : 'working'}>
      <div className="work-main">
        <header className="order-head">
          <div className="order-no" data-testid="order-no">
            {order.orderNo}
          </div>
          <div className="receiver">
            <span className="receiver-name">{receiver.name}</span>
            <span className="receiver-city">
              {[receiver.province, receiver.city, receiver.district].filter(Boolean).join(' ')}
            </span>
          </div>
          <div className="progress">{t('pack.progress', { done, total })}</div>
        </header>
        <div className={`next-action ${step}`} role="status" data-testid="next-action" data-next={step}>
          <span aria-hidden="true">{NEXT_ICON[step]}</span> {t(NEXT_TEXT[step])}
        </div>
        {order.note && <div className="order-note">{t('pack.note', { note: order.note })}</div>}
        <PreprintedNote />
        <PackLines orderNo={order.orderNo} lines={order.lines} compact={label !== null} />
      </div>
      {label && <LabelPreview label={label} />}
    </div>
  );
}

function LastScan({ pack }: { pack: PackState | null }) {
  const t = useT();
  const scan = pack?.lastScan;
  if (!scan) return <div className="last-scan" data-testid="last-scan" />;
  const key =
    scan.verdict === 'accepted'
      ? 'pack.lastScan.accepted'
      : scan.verdict === 'refused'
        ? 'pack.lastScan.refused'
        : 'pack.lastScan.command';
  return (
    <div className={`last-scan verdict-${scan.verdict}`} data-testid="last-scan" data-verdict={scan.verdict}>
      <span aria-hidden="true">{scan.verdict === 'refused' ? '✕' : '✓'}</span> {t(key, { code: scan.code })}
    </div>
  );
}
