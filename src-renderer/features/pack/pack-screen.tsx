import type { PackState } from '../../../src-main/contract';
import { useStation, useT } from '../../app/station-context';
import { ErrorPanel } from './error-panel';
import { PrintIssuePanel } from './print-issue-panel';
import { PackLines } from './pack-lines';
import { PackPrompt } from './pack-prompt';
import { ScanInput } from './scan-input';
import { QuantityPrompt } from './quantity-prompt';
import { ReprintLast } from './reprint-last';
import { PreprintedNote } from './preprinted-note';

type Order = NonNullable<PackState['order']>;

/** The packer's screen: idle prompt, order being packed, printed label to check, and any error on top. */
export function PackScreen() {
  const pack = useStation((s) => s.pack);
  const hasError = useStation((s) => s.localError !== null || (s.pack?.error ?? null) !== null);
  const phase = pack?.phase ?? 'idle';
  return (
    <div className={`pack phase-${phase}${hasError ? ' has-error' : ''}`}>
      <span data-testid="pack-phase" data-phase={phase} hidden>
        {phase}
      </span>
      <ErrorPanel />
      <PrintIssuePanel />
      <QuantityPrompt />
      <PackPrompt />
      <div className="pack-body">
        {!pack || phase === 'idle' || !pack.order ? <Idle pack={pack} /> : <Working pack={pack} order={pack.order} />}
      </div>
      <footer className="pack-footer">
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

function Working({ pack, order }: { pack: PackState; order: Order }) {
  const t = useT();
  const total = order.lines.reduce((n, l) => n + l.quantity, 0);
  const done = order.lines.reduce((n, l) => n + Math.min(l.scanned, l.quantity), 0);
  const allScanned = done >= total;
  const next =
    pack.phase === 'printed' ? t('pack.next.confirm') : allScanned ? t('pack.next.printing') : t('pack.next.scanItem');
  const receiver = order.receiver;
  const label = pack.phase === 'printed' ? pack.label : null;
  return (
    <div className="working">
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
      <div
        className={
          pack.phase === 'printed' ? 'next-action confirm' : allScanned ? 'next-action printing' : 'next-action'
        }
        role="status"
      >
        <span aria-hidden="true">{pack.phase === 'printed' ? '⏎' : allScanned ? '⎙' : '▶'}</span> {next}
      </div>
      {order.note && <div className="order-note">{t('pack.note', { note: order.note })}</div>}
      <PreprintedNote />
      <div className={label ? 'work-area with-label' : 'work-area'}>
        <PackLines lines={order.lines} compact={label !== null} />
        {label && (
          <figure className="label">
            <figcaption>{t('pack.label.title', { trackingNumber: label.trackingNumber })}</figcaption>
            <img
              data-testid="label-preview"
              data-tracking={label.trackingNumber}
              src={label.previewPng}
              alt={t('pack.label.alt', { trackingNumber: label.trackingNumber })}
            />
            <div className="label-meta">
              {t('pack.label.printer', { printer: label.printer, width: label.widthMm, height: label.heightMm })}
            </div>
          </figure>
        )}
      </div>
    </div>
  );
}

function LastScan({ pack }: { pack: PackState | null }) {
  const t = useT();
  const scan = pack?.lastScan;
  if (!scan) return <div className="last-scan" />;
  const key =
    scan.verdict === 'accepted'
      ? 'pack.lastScan.accepted'
      : scan.verdict === 'refused'
        ? 'pack.lastScan.refused'
        : 'pack.lastScan.command';
  return (
    <div className={`last-scan verdict-${scan.verdict}`}>
      <span aria-hidden="true">{scan.verdict === 'refused' ? '✕' : '✓'}</span> {t(key, { code: scan.code })}
    </div>
  );
}
