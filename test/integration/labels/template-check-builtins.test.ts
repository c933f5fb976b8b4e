import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TEMPLATE_NAMES,
  CHECK_ORDERS,
  createLabelRenderer,
  loadBuiltInTemplate,
  type TemplateProblem,
} from '../../../src-main/labels';
import { SAMPLE_ORDER } from '../../../src-main/station';
import { variedOrders } from '../../fixtures/varied-orders';
import { assetsDir } from '../../helpers/paths';

// No built-in template may print a waybill that lacks (or cuts) the receiver's name, phone or address, the tracking
// barcode or the sender, for any of the 240 varied orders the label tests render, nor for the station's own
// check orders: these are the templates a new station packs with.

const orders = variedOrders();
const now = new Date(2025, 10, 20, 9, 5);
const renderer = createLabelRenderer({ assetsDir, now: () => now });

const describeProblem = (p: TemplateProblem) =>
  `${p.code} ${p.requiredField ?? ''} ${p.elementId ?? ''} ${p.orderNo ?? ''} ${JSON.stringify(p.params)}`;

describe.each(BUILT_IN_TEMPLATE_NAMES)('built-in template %s', (name) => {
  it(`prints every required field whole for all ${orders.length} varied orders`, async () => {
    expect(orders.length).toBe(240);
    const check = await renderer.check({ template: name, samples: orders });
    expect(check.samples).toBe(240);
    expect(check.problems.filter((p) => p.blocking).map(describeProblem)).toEqual([]);
    expect(check.passes).toBe(true);
  });

  it('passes the station check (sample order and check orders), so it can be used for packing', async () => {
    const samples = [{ order: SAMPLE_ORDER, trackingNumber: 'DS000000000017' }, ...CHECK_ORDERS];
    const check = await renderer.check({ template: name, samples });
    expect(check.problems.filter((p) => p.blocking).map(describeProblem)).toEqual([]);
    expect(check.passes).toBe(true);
  });

  it('is refused once the receiver phone is no longer printed', async () => {
    const template = loadBuiltInTemplate(assetsDir, name);
    const withoutPhone = {
      ...template,
      elements: template.elements.map((el) =>
        el.type === 'text' ? { ...el, value: el.value.replace(/\{receiver\.phone(\|[^}]*)?\}/g, '') || 'x' } : el,
      ),
    };
    const check = await renderer.check({ template: withoutPhone, samples: CHECK_ORDERS });
    expect(check.passes).toBe(false);
    expect(check.problems[0]).toMatchObject({ code: 'missing-field', requiredField: 'receiverPhone', blocking: true });
  });
});
