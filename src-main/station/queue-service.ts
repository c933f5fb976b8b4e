import type { CommandInput, CommandOutput, OutboxItemDetail, OutboxItemView, QueueSettings } from '../contract';
import type { NumberPools } from '../carriers';
import type { Outbox, OutboxItem, OutboxSupervision, SettingsRepository } from '../store';
import { parkedItemAdvice } from './parked-item-advice';
import { StationError } from './station-error';

/** Setting keys of the queue and their defaults. */
export const QUEUE_SETTING_DEFAULTS: QueueSettings = { alertAfterMin: 30, retentionDays: 30, lowWater: 100 };
const SETTING_KEYS: Record<keyof QueueSettings, string> = {
  alertAfterMin: 'queue.alertAfterMin',
  retentionDays: 'outbox.retentionDays',
  lowWater: 'pools.lowWater',
};

/** Supervisor work on the outbox and the tracking-number pools: list, drill down, resolve, add ranges. */
export interface QueueService {
  list(input: CommandInput<'queue:list'>): CommandOutput<'queue:list'>;
  detail(id: number): OutboxItemDetail;
  retry(input: CommandInput<'queue:retry'>): OutboxItemDetail;
  editAndRetry(input: CommandInput<'queue:editRetry'>): OutboxItemDetail;
  discard(input: CommandInput<'queue:discard'>): OutboxItemDetail;
  settings(changes?: Partial<QueueSettings>): QueueSettings;
  pools(): CommandOutput<'pool:list'>;
  addRange(input: CommandInput<'pool:add'>): CommandOutput<'pool:add'>;
  /** Carriers at or below the low-water mark. */
  lowPools(): { carrier: string; remaining: number; lowWater: number }[];
  /** Deletes archived items older than the retention period; returns how many. */
  purgeExpired(): number;
}

/** The parcel an item is about: shipments, statuses and fees name it; a handover item carries its one parcel. */
function trackingOf(payload: unknown): string | null {
  const fields = payload as { trackingNumber?: unknown; parcels?: { trackingNumber?: unknown }[] } | null;
  if (typeof fields?.trackingNumber === 'string') return fields.trackingNumber;
  const first = Array.isArray(fields?.parcels) ? fields.parcels[0]?.trackingNumber : undefined;
  return typeof first === 'string' ? first : null;
}

const view = (item: OutboxItem): OutboxItemView => ({
  id: item.id,
  orderNo: item.aggregate,
  kind: item.kind,
  state: item.state,
  idempotencyKey: item.idempotencyKey,
  attempts: item.attempts,
  createdAt: item.createdAt,
  nextAttemptAt: item.nextAttemptAt,
  closedAt: item.closedAt,
  lastError: item.lastError,
  trackingNumber: trackingOf(item.payload),
  advice: parkedItemAdvice(item),
});

function itemNotFound(id: number): StationError {
  return new StationError('outbox-item-not-found', `outbox item ${id} not found`, { id });
}

/** Creates the queue service. `onChanged` runs after every change a supervisor makes (queue status event). */
export function createQueueService({
  outbox,
  supervision,
  pools,
  settings,
  clock,
  onChanged,
}: {
  outbox: Outbox;
  supervision: OutboxSupervision;
  /** The carriers' offline pools; the queue adds the low-water setting and announces changes. */
  pools: NumberPools;
  settings: SettingsRepository;
  clock: () => Date;
  onChanged: () => void;
}): QueueService {
  const readSettings = (): QueueSettings => {
    const read = (key: keyof QueueSettings) => {
      const value = Number(settings.get(SETTING_KEYS[key]));
      return Number.isInteger(value) && value >= 0 && settings.get(SETTING_KEYS[key]) !== null
        ? value
        : QUEUE_SETTING_DEFAULTS[key];
    };
    return { alertAfterMin: read('alertAfterMin'), retentionDays: read('retentionDays'), lowWater: read('lowWater') };
  };

  const detail = (id: number): OutboxItemDetail => {
    const item = outbox.get(id);
    if (!item) throw itemNotFound(id);
    return {
      ...view(item),
      payload: item.payload,
      response: item.response,
      discardReason: item.discardReason,
      audit: supervision.audit(id).map(({ action, actor, at, reason, previousState, previousError, changes }) => ({
        action,
        actor,
        at,
        reason,
        previousState,
        previousError,
        changes,
      })),
    };
  };

  const acted = (id: number): OutboxItemDetail => {
    onChanged();
    return detail(id);
  };

  return {
    list({ state, limit, offset }) {
      return { items: outbox.list(state, limit ?? 50, offset ?? 0).map(view), counts: outbox.counts() };
    },
    detail,
    retry({ id, by, reason }) {
      supervision.retry(id, by, reason ?? null);
      return acted(id);
    },
    editAndRetry({ id, by, reason, changes }) {
      const item = outbox.get(id);
      if (!item) throw itemNotFound(id);
      // Only the whitelisted fields change; the contract validated their values.
      const payload = { ...(item.payload as Record<string, unknown>), ...changes };
      supervision.editAndRetry(id, by, payload, reason ?? null);
      return acted(id);
    },
    discard({ id, by, reason }) {
      supervision.discard(id, by, reason);
      return acted(id);
    },
    settings(changes = {}) {
      for (const [key, value] of Object.entries(changes) as [keyof QueueSettings, number | undefined][]) {
        if (value !== undefined) settings.set(SETTING_KEYS[key], String(value));
      }
      if (Object.keys(changes).length > 0) onChanged();
      return readSettings();
    },
    pools() {
      return pools.overview();
    },
    addRange({ by, ...range }) {
      const added = pools.addRange({ ...range, addedBy: by });
      onChanged();
      return added;
    },
    lowPools() {
      return pools.low(readSettings().lowWater);
    },
    purgeExpired() {
      const cutoff = new Date(clock().getTime() - readSettings().retentionDays * 86_400_000).toISOString();
      return outbox.purgeArchived(cutoff);
    },
  };
}
