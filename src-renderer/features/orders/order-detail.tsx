import { useEffect, useState } from 'react';
import type { CommandOutput, OrderDetail, OrderPrint } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { standingKey } from './standing';

type Label = CommandOutput<'orders:label'>;

/** One order with its shipment history: the parcel shipped here, every print job, and each label as it printed. */
export function OrderDetailPanel({
  orderNo,
  onClose,
  refreshKey,
}: {
  orderNo: string;
  onClose: () => void;
  /** Changes when the list reloads (a batch ended): the history is read again. */
  refreshKey: number;
}) {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void controller
      .invoke('orders:detail', { orderNo })
      .then((loaded) => live && setDetail(loaded))
      .catch((error: unknown) => live && setProblem(failureText(locale, error)));
    return () => {
      live = false;
    };
  }, [controller, orderNo, locale, refreshKey]);

  const receiver = detail?.receiver;
  return (
    <aside
      className="order-detail"
      data-testid="order-detail"
      data-order={orderNo}
      aria-labelledby="order-detail-title"
    >
      <header>
        <h2 id="order-detail-title" className="mono">
          {orderNo}
        </h2>
        {detail && <span className={`standing standing-${detail.status}`}>{t(standingKey(detail.status))}</span>}
        <button type="button" className="close" data-testid="order-detail-close" onClick={onClose}>
          {t('orders.detail.close')}
        </button>
      </header>
      {problem && <p className="notice bad">{problem}</p>}
      {detail && receiver && (
        <>
          <p className="receiver-line">
            {receiver.name} · <span className="mono">{receiver.phoneMasked}</span>
            <br />
            {[receiver.province, receiver.city, receiver.district, receiver.address].filter(Boolean).join(' ')}
          </p>
          <h3>{t('orders.detail.lines')}</h3>
          <ul className="detail-lines">
            {detail.lines.map((line) => (
              <li key={line.lineNo}>
                {t('orders.detail.line', { quantity: line.quantity, name: line.name })}{' '}
                <span className="mono sub">{line.sku}</span>
              </li>
            ))}
          </ul>
          {detail.issues.length > 0 && (
            <>
              <h3>{t('orders.detail.issues')}</h3>
              <ul className="detail-issues">
                {detail.issues.map((issue) => (
                  <li key={`${issue.code}:${issue.field}`}>{issue.message}</li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('orders.detail.history')}</h3>
          {detail.shipment && (
            <div className="history-shipment" data-testid="history-shipment">
              ✓{' '}
              {t('orders.detail.shipped', {
                time: formatDateTime(locale, detail.shipment.shippedAt),
                carrier: detail.shipment.carrier,
                trackingNumber: detail.shipment.trackingNumber,
              })}
              {detail.shipment.queued && <div className="sub">{t('orders.detail.queued')}</div>}
            </div>
          )}
          {detail.prints.length === 0 && <p className="sub">{t('orders.detail.noHistory')}</p>}
          <ol className="history" data-testid="history">
            {detail.prints.map((print) => (
              <HistoryEntry key={print.jobId} orderNo={detail.orderNo} print={print} />
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}

function HistoryEntry({ orderNo, print }: { orderNo: string; print: OrderPrint }) {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const [label, setLabel] = useState<Label | null>(null);
  const [shown, setShown] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const kind = print.batchId
    ? t('orders.detail.print.batch')
    : print.reprintOf
      ? t('orders.detail.print.copy')
      : t('orders.detail.print.first');

  const toggle = () => {
    if (shown) return setShown(false);
    setShown(true);
    if (label) return;
    void controller
      .invoke('orders:label', { orderNo, jobId: print.jobId })
      .then(setLabel)
      .catch((error: unknown) => setProblem(failureText(locale, error)));
  };

  return (
    <li className={`history-entry state-${print.state}`} data-testid="history-entry" data-job={print.jobId}>
      <div className="history-head">
        <strong>{kind}</strong> <span className="mono">{print.trackingNumber}</span>{' '}
        <span className={`job-state ${print.state}`}>{t(`orders.detail.print.state.${print.state}`)}</span>
      </div>
      <div className="sub">
        {formatDateTime(locale, print.sentAt ?? print.createdAt)} ·{' '}
        {t('orders.detail.print.job', {
          jobId: print.jobId.slice(0, 8),
          printer: print.printer,
          template: print.template,
        })}
      </div>
      {print.reason && (
        <div className="sub" data-testid="history-reason">
          {t('orders.detail.print.by', { who: print.requestedBy ?? '—', reason: print.reason })}
        </div>
      )}
      <button type="button" className="link" data-testid="history-view-label" onClick={toggle}>
        {shown ? t('orders.detail.hideLabel') : t('orders.detail.viewLabel')}
      </button>
      {problem && <p className="notice bad">{problem}</p>}
      {shown && label && (
        <figure className="history-label">
          <img
            src={label.png}
            data-testid="history-label"
            data-tracking={label.trackingNumber}
            alt={t('orders.detail.labelAlt', { trackingNumber: label.trackingNumber })}
          />
          <figcaption className="sub">
            {t('orders.detail.labelMeta', { template: label.template, dpi: label.dpi })}
          </figcaption>
        </figure>
      )}
    </li>
  );
}
