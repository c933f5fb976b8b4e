import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createLabelRenderer, loadBuiltInTemplate } from '../../../src-main/labels';
import { assetsDir } from '../../../src-main/platform';
import { createTemplatesService, SAMPLE_ORDER_NO, StationError } from '../../../src-main/station';
import {
  createOrdersRepository,
  createSettingsRepository,
  createTemplatesRepository,
  loadMigrations,
  migrate,
} from '../../../src-main/store';
import { chineseOrder } from '../../fixtures/orders';

const assets = assetsDir();
const renderer = createLabelRenderer({ assetsDir: assets, now: () => new Date('2025-11-20T10:00:00Z') });

function service() {
  const db = new Database(':memory:');
  migrate(db, loadMigrations());
  const orders = createOrdersRepository(db);
  const templates = createTemplatesService({
    repository: createTemplatesRepository(db),
    settings: createSettingsRepository(db),
    assetsDir: assets,
    labels: renderer,
    orders,
    clock: () => new Date('2025-11-20T10:00:00Z'),
    stationId: 'bench-1',
  });
  return { db, orders, templates };
}

const generic = () => structuredClone(loadBuiltInTemplate(assets, 'generic-100x150'));

describe('templates service', () => {
  it('lists the built-ins as version 1 and the default packing template', () => {
    const { templates } = service();
    const list = templates.list();
    expect(list.templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['cn-76x130', 'cn-100x180', 'generic-100x150', 'intl-4x6-sscc', 'a6-on-a4']),
    );
    expect(list.templates.find((t) => t.name === 'generic-100x150')).toMatchObject({
      version: 1,
      versions: 1,
      builtIn: true,
      widthMm: 100,
      heightMm: 150,
      active: true,
    });
    expect(list.active).toEqual({ name: 'generic-100x150', version: 1 });
    expect(list.fields).toContain('receiver.name');
  });

  it('saves new versions (a built-in name continues at 2), never overwriting, and gets any of them', async () => {
    const { templates } = service();
    const edited = generic();
    edited.elements[0] = { ...edited.elements[0]!, x: 2 } as (typeof edited.elements)[number];
    expect(templates.save({ template: edited, note: 'moved the border' })).toEqual({
      name: 'generic-100x150',
      version: 2,
    });
    expect(templates.save({ template: edited })).toEqual({ name: 'generic-100x150', version: 3 });
    expect((await templates.get('generic-100x150', 1)).builtIn).toBe(true);
    expect(await templates.get('generic-100x150', 2)).toMatchObject({ builtIn: false, note: 'moved the border' });
    expect((await templates.get('generic-100x150')).version).toBe(3);
    expect(templates.list().templates.find((t) => t.name === 'generic-100x150')).toMatchObject({
      version: 3,
      versions: 3,
    });
    // A new name starts at 1.
    expect(templates.save({ template: edited, name: 'shop-a' })).toEqual({ name: 'shop-a', version: 1 });
    await expect(templates.get('shop-a', 7)).rejects.toMatchObject({ code: 'template-not-found' });
    await expect(templates.get('nope')).rejects.toBeInstanceOf(StationError);
  });

  it('refuses an invalid template with a message naming the problem', () => {
    const { templates } = service();
    const broken = generic();
    (broken.elements[0] as { x: number }).x = 500;
    expect(() => templates.save({ template: broken })).toThrow(/elements\.0: element lies outside the label/);
    try {
      templates.save({ template: { name: 'x' } });
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad-template' });
    }
  });

  it('previews an unsaved template with the sample order or a local order: a 1-bit PNG at the dpi', async () => {
    const { templates, orders } = service();
    const unsaved = generic();
    unsaved.elements.push({
      type: 'text',
      id: 'unsaved-marker',
      x: 60,
      y: 145.5,
      w: 38,
      h: 3.5,
      value: 'UNSAVED',
      fontSize: 7,
      lineHeight: 1.2,
      align: 'left',
      valign: 'top',
      wrap: true,
      inverse: false,
    } as (typeof unsaved.elements)[number]);
    const preview = await templates.preview({ template: unsaved });
    expect(preview.png).toMatch(/^data:image\/png;base64,/);
    expect(preview).toMatchObject({ widthMm: 100, heightMm: 150, dpi: 203, orderNo: SAMPLE_ORDER_NO });
    expect(preview.widthDots).toBe(Math.round((100 * 203) / 25.4));
    expect(Array.isArray(preview.warnings)).toBe(true);
    // Nothing was saved by previewing.
    expect(templates.list().templates.find((t) => t.name === 'generic-100x150')?.versions).toBe(1);

    await expect(templates.preview({ template: unsaved, orderNo: chineseOrder.orderNo })).rejects.toMatchObject({
      code: 'preview-order-not-found',
    });
    orders.upsert(chineseOrder, [], '2025-11-20T10:00:00Z');
    const withOrder = await templates.preview({ template: unsaved, orderNo: chineseOrder.orderNo, dpi: 300 });
    expect(withOrder).toMatchObject({ orderNo: chineseOrder.orderNo, dpi: 300 });
    expect(withOrder.png).not.toBe(preview.png);
  });

  it('exports a version as JSON and imports it back as a new version of its name', async () => {
    const { templates } = service();
    const edited = generic();
    edited.description = 'round trip';
    templates.save({ template: edited, name: 'shop-b' });
    const file = await templates.exportJson('shop-b');
    expect(file.fileName).toBe('shop-b.v1.json');
    expect(JSON.parse(file.json)).toMatchObject({ name: 'shop-b', description: 'round trip' });

    const other = service().templates;
    expect(other.importJson(file.json)).toEqual({ name: 'shop-b', version: 1 });
    expect((await other.get('shop-b')).template).toEqual((await templates.get('shop-b')).template);
    // A name clash is a new version, not an overwrite.
    expect(templates.importJson(file.json, 'again')).toEqual({ name: 'shop-b', version: 2 });
    expect((await templates.get('shop-b', 1)).note).toBeNull();
    expect((await templates.get('shop-b', 2)).note).toBe('again');
    expect(() => templates.importJson('{not json')).toThrow(/not valid JSON/);
  });

  it('sets the packing template to a version (the newest when none is given) and resolves it', async () => {
    const { templates } = service();
    templates.save({ template: generic(), name: 'shop-c' });
    templates.save({ template: generic(), name: 'shop-c' });
    expect(await templates.setActive({ name: 'shop-c' })).toEqual({ name: 'shop-c', version: 2 });
    expect(await templates.setActive({ name: 'shop-c', version: 1 })).toEqual({ name: 'shop-c', version: 1 });
    const resolved = await templates.resolveActive();
    expect(resolved.ref).toEqual({ name: 'shop-c', version: 1 });
    expect(resolved.template.name).toBe('shop-c');
    await expect(templates.setActive({ name: 'shop-c', version: 9 })).rejects.toMatchObject({
      code: 'template-not-found',
    });
    expect(templates.getActive()).toEqual({ name: 'shop-c', version: 1 });
  });

  it('refuses to pack with a template whose receiver name at 16 pt cuts the phone, naming the field and the order', async () => {
    const { templates } = service();
    const big = generic();
    const name = big.elements.find((el) => el.id === 'receiver-name') as { fontSize: number; value: string };
    expect(name.value).toContain('{receiver.phone|mask}');
    name.fontSize = 16;
    // Saving a draft stays allowed; the preview says why it cannot pack.
    const ref = templates.save({ template: big, note: 'larger name' });
    expect(ref).toEqual({ name: 'generic-100x150', version: 2 });
    const preview = await templates.preview({ template: big });
    expect(preview.check.passes).toBe(false);
    const phone = preview.check.problems.find((p) => p.requiredField === 'receiverPhone');
    expect(phone).toMatchObject({ code: 'cuts-field', blocking: true, elementId: 'receiver-name' });
    expect(phone?.orderNo).toMatch(/^CHECK-/);

    const refused = await templates.setActive(ref).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StationError);
    expect(refused).toMatchObject({
      code: 'template-cuts-field',
      params: { name: 'generic-100x150', version: 2, elementId: 'receiver-name' },
    });
    expect((refused as StationError).params.requiredField).toMatch(/^receiver(Name|Phone)$/);
    expect((refused as StationError).params.orderNo).toMatch(/^CHECK-/);
    // Packing still uses what it used before.
    expect(templates.getActive()).toEqual({ name: 'generic-100x150', version: 1 });
  });

  it('refuses a template that prints no receiver phone at all, and a preview warning is typed', async () => {
    const { templates } = service();
    const noPhone = generic();
    for (const el of noPhone.elements) {
      if (el.type === 'text') el.value = el.value.replace('{receiver.phone|mask}', '');
    }
    const ref = templates.save({ template: noPhone, name: 'no-phone' });
    await expect(templates.setActive(ref)).rejects.toMatchObject({
      code: 'template-missing-field',
      params: { name: 'no-phone', version: 1, requiredField: 'receiverPhone' },
    });
    const check = await templates.check(noPhone);
    expect(check).toMatchObject({ passes: false, samples: 5 });
    expect(check.problems[0]).toMatchObject({ code: 'missing-field', requiredField: 'receiverPhone' });
    // The 30-line check order does not fit the item list: said, typed, but not blocking.
    expect(check.problems.find((p) => p.code === 'lines-left-out')).toMatchObject({
      blocking: false,
      orderNo: 'CHECK-PHONES',
      params: { total: 30 },
    });
  });

  it('lists every version newest first with its check, and restores an older one as the newest', async () => {
    const { templates } = service();
    const big = generic();
    (big.elements.find((el) => el.id === 'receiver-name') as { fontSize: number }).fontSize = 16;
    templates.save({ template: big, note: 'larger name' });
    const listed = await templates.versions('generic-100x150');
    expect(listed.versions.map((v) => [v.version, v.builtIn, v.active, v.passes])).toEqual([
      [2, false, false, false],
      [1, true, true, true],
    ]);
    expect(listed.versions[0]).toMatchObject({ note: 'larger name', savedAt: '2025-11-20T10:00:00.000Z' });
    expect(listed.versions[0]!.blocking).toBeGreaterThan(0);

    const restored = await templates.restore({ name: 'generic-100x150', version: 1 });
    expect(restored).toEqual({ name: 'generic-100x150', version: 3 });
    expect((await templates.get('generic-100x150', 3)).template).toEqual(
      (await templates.get('generic-100x150', 1)).template,
    );
    expect((await templates.get('generic-100x150', 3)).note).toBe('restored from v1');
    expect(await templates.setActive({ name: 'generic-100x150' })).toEqual({ name: 'generic-100x150', version: 3 });
    const after = await templates.versions('generic-100x150');
    expect(after.versions.map((v) => [v.version, v.active, v.passes])).toEqual([
      [3, true, true],
      [2, false, false],
      [1, false, true],
    ]);
    await expect(templates.versions('nope')).rejects.toMatchObject({ code: 'template-not-found' });
    await expect(templates.restore({ name: 'generic-100x150', version: 9 })).rejects.toMatchObject({
      code: 'template-not-found',
    });
  });
});
