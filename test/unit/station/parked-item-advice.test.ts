import { describe, expect, it } from 'vitest';
import { parkedReasonSchema } from '../../../src-main/contract';
import { parkedItemAdvice } from '../../../src-main/station/parked-item-advice';
import { en } from '../../../src-renderer/i18n/en';

// The words a supervisor reads for a parked item come from the ERP's stored answer: the REST contract's error code
// first, Tryton's wording otherwise, and a plain retry is offered only where it can succeed.

const conflict = (lastError: string, kind = 'shipment.confirm') =>
  parkedItemAdvice({ kind, state: 'conflict', lastError });

describe('parked item advice', () => {
  it('reads a cancellation from the REST answer and says a retry cannot help', () => {
    expect(conflict('POST /shipments answered 409: order SO-100004 is cancelled (order-cancelled)')).toEqual({
      reason: 'order-cancelled',
      retryCanHelp: false,
      detail: 'order SO-100004 is cancelled',
    });
  });

  it("reads Tryton's wording, which carries no code", () => {
    expect(conflict('shipment SO-7 is cancelled in Tryton; do not ship it')?.reason).toBe('order-cancelled');
    expect(conflict('shipment SO-7 is already done in Tryton with tracking number X')?.reason).toBe('order-shipped');
    expect(conflict('shipment SO-7 is claimed by another station (b2)')?.reason).toBe('order-claimed');
  });

  it('maps the other codes of the contract, keeping the ERP detail', () => {
    expect(conflict('POST /shipments answered 409: order SO-1 is at version 3 (version-conflict)')).toMatchObject({
      reason: 'order-changed',
      retryCanHelp: false,
    });
    expect(
      conflict('POST /handovers answered 409: parcels[0]: order SO-1 is pending, not shipped (order-not-shipped)'),
    ).toMatchObject({ reason: 'shipment-missing', retryCanHelp: true });
    expect(
      parkedItemAdvice({
        kind: 'shipment.confirm',
        state: 'rejected',
        lastError: 'POST /shipments answered 422: weightKg: must be more than 0 (invalid)',
      }),
    ).toEqual({ reason: 'invalid', retryCanHelp: false, detail: 'weightKg: must be more than 0' });
  });

  it('falls back without inventing a reason, and says nothing for items that wait for nobody', () => {
    expect(conflict('something new')).toEqual({ reason: 'other', retryCanHelp: true, detail: 'something new' });
    expect(parkedItemAdvice({ kind: 'fee.post', state: 'rejected', lastError: null })).toMatchObject({
      reason: 'invalid',
      detail: null,
    });
    expect(parkedItemAdvice({ kind: 'shipment.confirm', state: 'pending', lastError: 'fetch failed' })).toBeNull();
    expect(parkedItemAdvice({ kind: 'shipment.confirm', state: 'acked', lastError: null })).toBeNull();
    // A discarded item still says what happened; nothing can be retried any more.
    expect(
      parkedItemAdvice({
        kind: 'shipment.confirm',
        state: 'discarded',
        lastError: 'POST answered 409: x (order-cancelled)',
      }),
    ).toEqual({ reason: 'order-cancelled', retryCanHelp: false, detail: 'x' });
    expect(parkedItemAdvice({ kind: 'shipment.confirm', state: 'discarded', lastError: null })).toBeNull();
  });

  it('has a short line, what happened and what to do on screen for every reason', () => {
    for (const reason of parkedReasonSchema.options) {
      for (const part of ['short', 'what', 'todo'])
        expect(Object.hasOwn(en, `queue.advice.${reason}.${part}`), `${reason}.${part}`).toBe(true);
    }
  });
});
