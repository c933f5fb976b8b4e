import { useCallback, useEffect, useState } from 'react';
import type { BatchProgress, CommandOutput, OrderStandingView } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import { formatNumber } from '../../lib/format';
import { BatchPanel } from './batch-panel';
import { OrderDetailPanel } from './order-detail';
import { standingKey } from './standing';
import './orders.css';

type Page = CommandOutput<'orders:search'>;

const PAGE_SIZE = 50;
const STANDINGS: readonly OrderStandingView[] = ['pending', 'attention', 'packing', 'printed', 'shipped', 'cancelled'];

/**
 * Supervisors' Orders screen: search the station's orders (order number, tracking number, the phone's last 4
 * digits, receiver name), filter by where they stand, open one for its shipment history and labels, and print the
 * waybills of selected orders as one batch (批量打单).
 */
export function OrdersScreen() {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<OrderStandingView | null>(null);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchProgress | null>(null);
  const [reloads, setReloads] = useState(0);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    // Typing waits a moment before it searches: one query per pause, not per key.
    const timer = setTimeout(() => {
      controller
        .invoke('orders:search', { query, status, limit: PAGE_SIZE, offset })
        .then((found) => {
          if (!live) return;
          setPage(found);
          setProblem(null);
        })
        .catch((error: unknown) => live && setProblem(failureText(locale, error)));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [controller, query, status, offset, reloads, locale]);

  useEffect(() => {
    let live = true;
    void controller
      .invoke('print:batchStatus', {})
      .then((latest) => live && setBatch((current) => current ?? latest))
      .catch(() => undefined);
    const off = controller.on?.('batch:changed', (progress) => {
      setBatch(progress);
      // Printed orders change their standing: the list follows once the batch has ended.
      if (progress.state !== 'running') reload();
    });
    return () => {
      live = false;
      off?.();
    };
  }, [controller, reload]);

  const toggle = (orderNo: string) => {
    const next = new Set(selected);
    if (next.has(orderNo)) next.delete(orderNo);
    else next.add(orderNo);
    setSelected(next);
  };
  const pageOrders = page?.items.map((o) => o.orderNo) ?? [];
  const allOnPage = pageOrders.length > 0 && pageOrders.every((o) => selected.has(o));
  const togglePage = () => {
    const next = new Set(selected);
    for (const orderNo of pageOrders) {
      if (allOnPage) next.delete(orderNo);
      else next.add(orderNo);
    }
    setSelected(next);
  };

  const printBatch = async () => {
    setProblem(null);
    try {
      setBatch(await controller.invoke('print:batch', { orderNos: [...selected] }));
      setSelected(new Set());
    } catch (error) {
      setProblem(failureText(locale, error));
    }
  };

  const counts = page?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const chip = (value: OrderStandingView | null, label: string, count: number) => (
    <button
      key={value ?? 'all'}
      type="button"
      className={status === value ? 'chip active' : 'chip'}
      aria-pressed={status === value}
      data-testid={`orders-filter-${value ?? 'all'}`}
      onClick={() => {
        setStatus(value);
        setOffset(0);
      }}
    >
      {t('orders.filter.count', { label, count: formatNumber(locale, count) })}
    </button>
  );

  return (
    <div className={open ? 'orders with-detail' : 'orders'}>
      <div className="orders-main">
        <div className="orders-toolbar">
          <label className="orders-search">
            <span className="visually-hidden">{t('orders.search.label')}</span>
            <input
              type="search"
              data-testid="orders-search"
              placeholder={t('orders.search.placeholder')}
              value={query}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setQuery(e.currentTarget.value);
                setOffset(0);
              }}
            />
          </label>
          <div className="orders-filters" role="group" aria-label={t('orders.col.status')}>
            {chip(null, t('orders.filter.all'), all)}
            {STANDINGS.map((s) => chip(s, t(standingKey(s)), counts?.[s] ?? 0))}
          </div>
        </div>
        <div className="orders-batchbar">
          <span data-testid="orders-selected" data-count={selected.size}>
            {t('orders.selected', { count: formatNumber(locale, selected.size) })}
          </span>
          <button
            type="button"
            className="primary"
            data-testid="batch-print"
            disabled={selected.size === 0 || batch?.state === 'running'}
            onClick={() => void printBatch()}
          >
            {t('orders.batch.print', { count: formatNumber(locale, selected.size) })}
          </button>
          {selected.size > 0 && (
            <button type="button" className="link" onClick={() => setSelected(new Set())}>
              {t('orders.batch.clear')}
            </button>
          )}
        </div>
        {problem && (
          <p className="notice bad" role="alert" data-testid="orders-problem">
            {problem}
          </p>
        )}
        {batch && <BatchPanel batch={batch} />}
        <div className="orders-table-wrap">
          <table className="orders-table" data-testid="orders-list" data-total={page?.total ?? 0}>
            <thead>
              <tr>
                <th className="pick">
                  <input
                    type="checkbox"
                    aria-label={t('orders.selectPage')}
                    data-testid="orders-select-page"
                    checked={allOnPage}
                    onChange={togglePage}
                  />
                </th>
                <th>{t('orders.col.order')}</th>
                <th>{t('orders.col.status')}</th>
                <th>{t('orders.col.receiver')}</th>
                <th>{t('orders.col.phone')}</th>
                <th>{t('orders.col.city')}</th>
                <th className="num">{t('orders.col.units')}</th>
                <th>{t('orders.col.tracking')}</th>
              </tr>
            </thead>
            <tbody>
              {!page && (
                <tr>
                  <td colSpan={8}>{t('orders.loading')}</td>
                </tr>
              )}
              {page && page.items.length === 0 && (
                <tr>
                  <td colSpan={8} data-testid="orders-empty">
                    {t('orders.empty')}
                  </td>
                </tr>
              )}
              {page?.items.map((order) => (
                <tr
                  key={order.orderNo}
                  data-testid="order-row"
                  data-order={order.orderNo}
                  data-status={order.status}
                  className={order.orderNo === open ? 'open' : undefined}
                  onClick={() => setOpen(order.orderNo)}
                >
                  <td className="pick" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={t('orders.select', { orderNo: order.orderNo })}
                      data-testid="order-select"
                      checked={selected.has(order.orderNo)}
                      onChange={() => toggle(order.orderNo)}
                    />
                  </td>
                  <td className="mono">
                    <button type="button" className="order-link" onClick={() => setOpen(order.orderNo)}>
                      {order.orderNo}
                    </button>
                  </td>
                  <td>
                    <span className={`standing standing-${order.status}`}>{t(standingKey(order.status))}</span>
                  </td>
                  {/* Names are data: React renders them as text. */}
                  <td className="wrap">{order.receiverName}</td>
                  <td className="mono" data-testid="order-phone">
                    {order.phoneMasked}
                  </td>
                  <td className="wrap">{order.city}</td>
                  <td className="num">{formatNumber(locale, order.units)}</td>
                  <td className="mono">{order.trackingNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {page && page.total > 0 && (
          <div className="orders-pager">
            <span>
              {t('orders.page', {
                from: formatNumber(locale, offset + 1),
                to: formatNumber(locale, Math.min(offset + PAGE_SIZE, page.total)),
                total: formatNumber(locale, page.total),
              })}
            </span>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {t('orders.prev')}
            </button>
            <button
              type="button"
              disabled={offset + PAGE_SIZE >= page.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              {t('orders.next')}
            </button>
          </div>
        )}
      </div>
      {open && <OrderDetailPanel key={open} orderNo={open} onClose={() => setOpen(null)} refreshKey={reloads} />}
    </div>
  );
}
