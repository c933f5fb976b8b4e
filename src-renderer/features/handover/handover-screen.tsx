import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { ApiError } from '../../lib/api';
import { failureText } from '../../lib/error-text';
import { formatNumber, formatTime } from '../../lib/format';
import './handover.css';

type Parcel = CommandOutput<'handover:check'>;
type Recent = CommandOutput<'handover:list'>;

type Shown =
  | { kind: 'error'; code: string; text: string }
  | { kind: 'done'; text: string }
  | { kind: 'info'; text: string }
  | null;

/**
 * The courier's pickup at the bench (已揽收): scan each parcel's waybill onto the list, then hand them all over in
 * one go. Every scan is checked at once (shipped here, not handed over, same courier), so a wrong parcel stops the
 * line with colour and sound before the courier leaves with it.
 */
export function HandoverScreen() {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const [parcels, setParcels] = useState<Parcel[]>([]);
  const [shown, setShown] = useState<Shown>(null);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<Recent>([]);
  const [typed, setTyped] = useState('');
  // The list as the scan handler sees it: scans arrive faster than React renders, so it must not wait for one.
  const parcelsRef = useRef<Parcel[]>([]);
  const replaceParcels = useCallback((list: Parcel[]) => {
    parcelsRef.current = list;
    setParcels(list);
  }, []);

  const loadRecent = useCallback(() => {
    void controller
      .invoke('handover:list', {})
      .then(setRecent)
      .catch(() => setRecent([]));
  }, [controller]);

  const refuse = useCallback(
    (code: string, text: string) => {
      setShown({ kind: 'error', code, text });
      controller.play('refused');
    },
    [controller],
  );

  const add = useCallback(
    async (raw: string) => {
      const code = raw.trim();
      if (!code) return;
      const current = parcelsRef.current;
      if (current.some((p) => p.trackingNumber === code)) {
        refuse('duplicate', t('handover.error.duplicate', { tracking: code }));
        return;
      }
      try {
        const parcel = await controller.invoke('handover:check', { trackingNumber: code });
        const carrier = current[0]?.carrier;
        if (carrier && parcel.carrier !== carrier) {
          refuse('parcel-other-carrier', t('handover.error.otherCarrier', { tracking: code, carrier }));
          return;
        }
        // The order number of a parcel already on the list names the same parcel: refused like a second scan.
        if (parcelsRef.current.some((p) => p.trackingNumber === parcel.trackingNumber)) {
          refuse('duplicate', t('handover.error.duplicate', { tracking: parcel.trackingNumber }));
          return;
        }
        replaceParcels([parcel, ...parcelsRef.current]);
        // Scanned by its order number: say which parcel that was, so the packer checks the label is on it.
        setShown(
          parcel.matchedBy === 'order'
            ? {
                kind: 'info',
                text: t('handover.byOrderNo', { orderNo: parcel.orderNo, tracking: parcel.trackingNumber }),
              }
            : null,
        );
        controller.play('accepted');
      } catch (error) {
        refuse(error instanceof ApiError ? error.code : 'internal', failureText(locale, error));
      }
    },
    [controller, refuse, replaceParcels, t, locale],
  );

  useEffect(() => {
    controller.setScanHandler((code) => void add(code));
    return () => controller.setScanHandler(null);
  }, [controller, add]);
  useEffect(loadRecent, [loadRecent]);

  const confirm = async () => {
    if (parcels.length === 0 || busy) return;
    setBusy(true);
    try {
      const result = await controller.invoke('handover:confirm', {
        carrier: parcels[0]!.carrier,
        trackingNumbers: parcels.map((p) => p.trackingNumber),
      });
      replaceParcels([]);
      setShown({
        kind: 'done',
        text: t(result.toErp ? 'handover.done' : 'handover.doneLocal', {
          count: formatNumber(locale, result.parcels),
          carrier: result.carrier,
        }),
      });
      controller.play('done');
      loadRecent();
    } catch (error) {
      refuse(error instanceof ApiError ? error.code : 'internal', failureText(locale, error));
    } finally {
      setBusy(false);
    }
  };

  const carrier = parcels[0]?.carrier;
  const batches = groupByHandover(recent);
  return (
    <div className={shown?.kind === 'error' ? 'handover has-error' : 'handover'} data-testid="handover-screen">
      <header className="handover-head">
        <div>
          <h1>{t('handover.title')}</h1>
          <p className="handover-prompt">{carrier ? t('handover.promptMore', { carrier }) : t('handover.prompt')}</p>
        </div>
        <button
          type="button"
          className="handover-confirm"
          data-testid="handover-confirm"
          disabled={parcels.length === 0 || busy}
          onClick={() => void confirm()}
        >
          {parcels.length === 0
            ? t('handover.confirmEmpty')
            : t('handover.confirm', { count: formatNumber(locale, parcels.length), carrier: carrier ?? '' })}
        </button>
      </header>
      {shown && (
        <div
          className={shown.kind === 'error' ? 'handover-banner bad' : 'handover-banner good'}
          role={shown.kind === 'error' ? 'alert' : 'status'}
          data-testid={`handover-${shown.kind}`}
          data-code={shown.kind === 'error' ? shown.code : undefined}
        >
          <span className="handover-banner-icon" aria-hidden="true">
            {shown.kind === 'error' ? '✕' : '✓'}
          </span>
          {shown.text}
        </div>
      )}
      <form
        className="handover-entry"
        onSubmit={(e) => {
          e.preventDefault();
          void add(typed);
          setTyped('');
        }}
      >
        <input
          data-testid="handover-input"
          data-scan-field
          value={typed}
          placeholder={t('handover.typeHint')}
          aria-label={t('handover.typeHint')}
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
      </form>
      <div className="handover-body">
        <section className="handover-list" aria-label={t('handover.listTitle')}>
          <h2>
            {t('handover.listTitle')} <span className="count">{formatNumber(locale, parcels.length)}</span>
          </h2>
          {parcels.length === 0 ? (
            <p className="empty">{t('handover.empty')}</p>
          ) : (
            <ol>
              {parcels.map((parcel) => (
                <li key={parcel.trackingNumber} data-testid="handover-row" data-tracking={parcel.trackingNumber}>
                  <span className="mark" aria-hidden="true">
                    ✓
                  </span>
                  <span className="mono">{parcel.trackingNumber}</span>
                  <span className="sub">{parcel.orderNo}</span>
                  <button
                    type="button"
                    className="remove"
                    aria-label={t('handover.remove', { tracking: parcel.trackingNumber })}
                    onClick={() =>
                      replaceParcels(parcelsRef.current.filter((p) => p.trackingNumber !== parcel.trackingNumber))
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="handover-recent" data-testid="handover-recent" aria-label={t('handover.recentTitle')}>
          <h2>{t('handover.recentTitle')}</h2>
          {batches.length === 0 ? (
            <p className="empty">{t('handover.recentEmpty')}</p>
          ) : (
            <table>
              <tbody>
                {batches.map((batch) => (
                  <tr key={batch.handoverId}>
                    <td>{formatTime(locale, batch.handedOverAt)}</td>
                    <td>{batch.carrier}</td>
                    <td>{t('handover.parcels', { count: formatNumber(locale, batch.count) })}</td>
                    <td className="sub">{batch.queued ? t('handover.toErp') : t('handover.localOnly')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

/** One row per handover (the list holds one row per parcel). */
function groupByHandover(recent: Recent) {
  const batches = new Map<
    string,
    { handoverId: string; carrier: string; handedOverAt: string; count: number; queued: boolean }
  >();
  for (const parcel of recent) {
    const batch = batches.get(parcel.handoverId);
    if (batch) batch.count++;
    else batches.set(parcel.handoverId, { ...parcel, count: 1 });
  }
  return [...batches.values()];
}
