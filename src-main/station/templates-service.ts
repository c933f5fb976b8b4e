import type { Order } from '../domain';
import {
  BUILT_IN_TEMPLATE_NAMES,
  CHECK_ORDERS,
  DEFAULT_TEMPLATE,
  FIELD_NAMES,
  loadBuiltInTemplate,
  parseTemplate,
  type BatchLabel,
  type LabelTemplate,
  type LabelWarningCode,
  type TemplateCheck,
  type TemplateProblem,
} from '../labels';
import type { OrdersRepository, SettingsRepository, TemplatesRepository } from '../store';
import { StationError } from './station-error';

/** A template version: built-in templates are version 1 of their name; saved versions count on from there. */
export interface TemplateRef {
  name: string;
  version: number;
}

/** One row of the template list: the newest version of a name. */
export interface TemplateSummary {
  name: string;
  version: number;
  versions: number;
  builtIn: boolean;
  description: string | null;
  widthMm: number;
  heightMm: number;
  savedAt: string | null;
  note: string | null;
  active: boolean;
}

/** One template version with its JSON. */
export interface TemplateVersion extends TemplateRef {
  builtIn: boolean;
  template: LabelTemplate;
  savedAt: string | null;
  note: string | null;
}

/** A label warning, as the engine reports it: a code and its values for the screen, and the English words. */
export interface TemplateWarning {
  elementId?: string | undefined;
  field?: string | undefined;
  code: LabelWarningCode;
  params: Record<string, string | number>;
  message: string;
}

/** One version in a template's history. */
export interface TemplateVersionInfo {
  version: number;
  builtIn: boolean;
  savedAt: string | null;
  note: string | null;
  /** True for the version packing uses now. */
  active: boolean;
  /** True when the version passes the check and may be used for packing. */
  passes: boolean;
  /** How many blocking problems the check found. */
  blocking: number;
}

/** The preview of an (unsaved) template filled with one order: the 1-bit raster that would print. */
export interface TemplatePreview {
  png: string;
  widthMm: number;
  heightMm: number;
  widthDots: number;
  heightDots: number;
  dpi: number;
  orderNo: string;
  warnings: TemplateWarning[];
  /** The template checked with the sample order and the check orders: whether it may be used for packing. */
  check: TemplateCheck;
}

/** The part of the label engine templates need: renders a template object, saved or not. */
export interface TemplateRendering {
  render(input: { order: Order; trackingNumber: string; template?: string | LabelTemplate; dpi: number }): Promise<{
    widthMm: number;
    heightMm: number;
    png: Uint8Array;
    raster: { width: number; height: number; dpi: number };
    warnings?: readonly {
      elementId?: string | undefined;
      field?: string | undefined;
      code: LabelWarningCode;
      params: Record<string, string | number>;
      message: string;
    }[];
  }>;
  check(input: { template: LabelTemplate; samples: readonly BatchLabel[]; dpi?: number }): Promise<TemplateCheck>;
}

/** Supervisors' label templates: built-ins plus saved versions, the packing template, previews, files. */
export interface TemplatesService {
  list(): { templates: TemplateSummary[]; active: TemplateRef; fields: string[] };
  get(name: string, version?: number): Promise<TemplateVersion>;
  /** Validates and stores `template` as the next version of its name (or `name`). Never overwrites. */
  save(input: { template: unknown; name?: string | undefined; note?: string | undefined }): TemplateRef;
  getActive(): TemplateRef;
  /**
   * Sets the packing template; without a version, the newest version now. Refuses a version that fails the check
   * (a required field missing, cut or shrunk below its minimum for a sample order), naming the first problem.
   */
  setActive(input: { name: string; version?: number | undefined }): Promise<TemplateRef>;
  /** Checks an (unsaved) template with the sample order and the check orders. */
  check(template: unknown): Promise<TemplateCheck>;
  /** Every version of `name`, newest first, each with whether it passes the check. */
  versions(name: string): Promise<{ name: string; versions: TemplateVersionInfo[] }>;
  /**
   * Restores an older version: its body is saved again as the newest version (history is never rewritten, and
   * the editor opens the newest); packing switches only through {@link setActive}, which checks it.
   */
  restore(input: { name: string; version: number; note?: string | undefined }): Promise<TemplateRef>;
  /** The packing template as it is now, resolved to its object (packing calls this when an order opens). */
  resolveActive(): Promise<{ ref: TemplateRef; template: LabelTemplate }>;
  preview(input: {
    template: unknown;
    orderNo?: string | undefined;
    dpi?: number | undefined;
  }): Promise<TemplatePreview>;
  /** The template as a JSON file's text. */
  exportJson(name: string, version?: number): Promise<{ fileName: string; json: string; ref: TemplateRef }>;
  /** Validates a template file's text and saves it as a new version of its name. */
  importJson(json: string, note?: string): TemplateRef;
}

/** What the templates service works with. */
export interface TemplatesServiceDeps {
  repository: TemplatesRepository;
  settings: SettingsRepository;
  assetsDir: string;
  labels: TemplateRendering;
  /** The local orders a preview may use; without it previews use the sample order. */
  orders?: OrdersRepository | null;
  clock: () => Date;
  /** Recorded as the author of saved versions. */
  stationId?: string | undefined;
}

const ACTIVE_KEY = 'labels.packingTemplate';
/** The preview's sample order when none is chosen: a Chinese receiver, a Chinese sender, three lines. */
export const SAMPLE_ORDER_NO = 'SAMPLE';
const SAMPLE_TRACKING = 'DS000000000017';

/** The order previews use when no local order is chosen. */
export const SAMPLE_ORDER: Order = {
  orderNo: SAMPLE_ORDER_NO,
  status: 'claimed',
  version: 1,
  createdAt: '2025-11-20T08:00:00.000Z',
  updatedAt: '2025-11-20T08:00:00.000Z',
  receiver: {
    name: '张伟',
    phone: '13812345678',
    country: 'CN',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    address: '粤海街道科技园南区深南大道9988号华润置地大厦E座28楼',
    postcode: '518057',
  },
  sender: {
    name: '杭州码头仓储有限公司',
    phone: '0571-88886666',
    country: 'CN',
    province: '浙江省',
    city: '杭州市',
    district: '余杭区',
    address: '文一西路1500号 6号仓库',
    postcode: '311121',
  },
  lines: [
    { lineNo: 1, sku: 'SKU-0001', name: '无线蓝牙耳机 Pro（白色）', barcode: '6901234500017', quantity: 1 },
    { lineNo: 2, sku: 'SKU-0002', name: 'USB-C 快充数据线 1.5m', barcode: '6901234500024', quantity: 2 },
    { lineNo: 3, sku: 'SKU-0003', name: 'Silicone case, midnight blue', barcode: '6901234500031', quantity: 1 },
  ],
  carrier: 'SF Express 顺丰速运',
  weightKg: 0.82,
  trackingNumber: null,
  shipments: [],
  note: '易碎 Fragile',
};

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** What a template is checked with: the preview's sample order, then the demanding check orders. */
const CHECK_SAMPLES: readonly BatchLabel[] = [
  { order: SAMPLE_ORDER, trackingNumber: SAMPLE_TRACKING },
  ...CHECK_ORDERS,
];

/** The refusal for a template whose check found `problem` (a blocking one). */
function notForPacking(ref: TemplateRef, problem: TemplateProblem): StationError {
  const where = { name: ref.name, version: ref.version };
  const field = problem.requiredField ?? '';
  const order = problem.orderNo ?? '';
  switch (problem.code) {
    case 'missing-field':
      return new StationError(
        'template-missing-field',
        `label template ${ref.name} v${ref.version} does not print the ${field}; it cannot be used for packing`,
        { ...where, requiredField: field },
      );
    case 'shrinks-field':
      return new StationError(
        'template-shrinks-field',
        `label template ${ref.name} v${ref.version} draws the ${field} below its minimum size for order ${order}`,
        {
          ...where,
          requiredField: field,
          orderNo: order,
          elementId: problem.elementId ?? '',
          sizePt: problem.params.sizePt ?? '',
          minPt: problem.params.minPt ?? '',
        },
      );
    case 'render-failed':
      return new StationError(
        'template-render-failed',
        `label template ${ref.name} v${ref.version} cannot draw the label of order ${order} (${String(problem.params.reason)})`,
        { ...where, orderNo: order, reason: String(problem.params.reason ?? '') },
      );
    default:
      return new StationError(
        'template-cuts-field',
        `label template ${ref.name} v${ref.version} cuts the ${field} of order ${order} (element ${problem.elementId ?? '?'})`,
        { ...where, requiredField: field, orderNo: order, elementId: problem.elementId ?? '' },
      );
  }
}

/** A template that does not validate, named; the validation's own words go along as an English detail. */
function badTemplate(error: unknown, name: string): never {
  if (error instanceof StationError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new StationError('bad-template', message, { name, problems: message }, { cause: error });
}

/** Creates the templates service. */
export function createTemplatesService(deps: TemplatesServiceDeps): TemplatesService {
  const builtInNames = (): readonly string[] => BUILT_IN_TEMPLATE_NAMES;
  // Built-in files ship with the app and do not change while it runs: each is read and validated once.
  const builtInCache = new Map<string, LabelTemplate>();
  const builtIn = (name: string): LabelTemplate => {
    let cached = builtInCache.get(name);
    if (!cached) {
      try {
        cached = loadBuiltInTemplate(deps.assetsDir, name);
      } catch (error) {
        return badTemplate(error, name);
      }
      builtInCache.set(name, cached);
    }
    return cached;
  };
  const isBuiltIn = (name: string) => builtInNames().includes(name);

  const parseStored = (name: string, version: number, body: string): LabelTemplate => {
    try {
      return parseTemplate(JSON.parse(body), `${name} v${version}`);
    } catch (error) {
      return badTemplate(error, `${name} v${version}`);
    }
  };

  const defaultActive = (): TemplateRef => ({ name: DEFAULT_TEMPLATE, version: 1 });

  const getActive = (): TemplateRef => {
    const raw = deps.settings.get(ACTIVE_KEY);
    if (!raw) return defaultActive();
    try {
      const parsed = JSON.parse(raw) as Partial<TemplateRef>;
      if (typeof parsed.name === 'string' && Number.isInteger(parsed.version))
        return { name: parsed.name, version: parsed.version! };
    } catch {
      // A damaged setting falls back to the default rather than stopping the line.
    }
    return defaultActive();
  };

  async function get(name: string, version?: number): Promise<TemplateVersion> {
    const saved = deps.repository.get(name, version);
    if (saved) {
      return {
        name,
        version: saved.version,
        builtIn: false,
        template: parseStored(name, saved.version, saved.body),
        savedAt: saved.createdAt,
        note: saved.note,
      };
    }
    if ((version === undefined || version === 1) && isBuiltIn(name)) {
      return { name, version: 1, builtIn: true, template: builtIn(name), savedAt: null, note: null };
    }
    throw new StationError(
      'template-not-found',
      version === undefined
        ? `there is no label template named "${name}"`
        : `label template "${name}" has no version ${version}`,
      { name, version: version ?? '' },
    );
  }

  function validate(template: unknown, name?: string): LabelTemplate {
    const withName =
      name !== undefined && typeof template === 'object' && template !== null ? { ...template, name } : template;
    if (name !== undefined && !NAME.test(name))
      throw new StationError(
        'template-name-invalid',
        `template name "${name}" must be lower-case letters, digits and "-"`,
        { name },
      );
    const label = name ?? (template as { name?: unknown } | null)?.name;
    try {
      return parseTemplate(withName, typeof label === 'string' ? `"${label}"` : '(without a name)');
    } catch (error) {
      return badTemplate(error, typeof label === 'string' ? label : '');
    }
  }

  function save(input: { template: unknown; name?: string | undefined; note?: string | undefined }): TemplateRef {
    const template = validate(input.template, input.name);
    const row = deps.repository.saveVersion({
      name: template.name,
      body: JSON.stringify(template),
      now: deps.clock().toISOString(),
      createdBy: deps.stationId ?? null,
      note: input.note?.trim() ? input.note.trim() : null,
      firstVersion: isBuiltIn(template.name) ? 2 : 1,
    });
    return { name: row.name, version: row.version };
  }

  // Stored versions never change, so each version's check is computed once per process.
  const checked = new Map<string, Promise<TemplateCheck>>();
  const checkTemplate = (template: LabelTemplate): Promise<TemplateCheck> =>
    deps.labels.check({ template, samples: CHECK_SAMPLES, dpi: 203 });
  const checkVersion = (found: TemplateVersion): Promise<TemplateCheck> => {
    const key = `${found.name}@${found.version}`;
    let pending = checked.get(key);
    if (!pending) {
      pending = checkTemplate(found.template);
      checked.set(key, pending);
      pending.catch(() => checked.delete(key));
    }
    return pending;
  };

  async function allVersions(name: string): Promise<TemplateVersion[]> {
    const saved = deps.repository.versions(name);
    const out: TemplateVersion[] = [];
    if (isBuiltIn(name)) out.push(await get(name, 1));
    for (const row of saved) {
      out.push({
        name,
        version: row.version,
        builtIn: false,
        template: parseStored(name, row.version, row.body),
        savedAt: row.createdAt,
        note: row.note,
      });
    }
    if (out.length === 0) await get(name); // refuses with template-not-found
    return out;
  }

  return {
    list() {
      const active = getActive();
      const saved = new Map(deps.repository.list().map((head) => [head.name, head]));
      const templates: TemplateSummary[] = [];
      const names = [...new Set([...builtInNames(), ...saved.keys()])];
      for (const name of names) {
        const head = saved.get(name);
        const isBuilt = isBuiltIn(name);
        let description: string | null = null;
        let widthMm = 0;
        let heightMm = 0;
        try {
          const t: Partial<LabelTemplate> = head ? (JSON.parse(head.body) as Partial<LabelTemplate>) : builtIn(name);
          description = t.description ?? null;
          widthMm = t.widthMm ?? 0;
          heightMm = t.heightMm ?? 0;
        } catch {
          // Listed anyway; opening it reports the problem.
        }
        templates.push({
          name,
          version: head?.version ?? 1,
          versions: (head?.versions ?? 0) + (isBuilt ? 1 : 0),
          builtIn: isBuilt,
          description,
          widthMm,
          heightMm,
          savedAt: head?.createdAt ?? null,
          note: head?.note ?? null,
          active: active.name === name,
        });
      }
      return { templates, active, fields: [...FIELD_NAMES] };
    },
    get,
    save,
    getActive,
    async setActive({ name, version }) {
      const found = await get(name, version);
      const ref = { name: found.name, version: found.version };
      const result = await checkVersion(found);
      const blocking = result.problems.find((p) => p.blocking);
      if (blocking) throw notForPacking(ref, blocking);
      deps.settings.set(ACTIVE_KEY, JSON.stringify(ref));
      return ref;
    },
    async check(template) {
      return checkTemplate(validate(template));
    },
    async versions(name) {
      const active = getActive();
      const all = await allVersions(name);
      const infos: TemplateVersionInfo[] = [];
      for (const found of all) {
        const result = await checkVersion(found);
        infos.push({
          version: found.version,
          builtIn: found.builtIn,
          savedAt: found.savedAt,
          note: found.note,
          active: active.name === name && active.version === found.version,
          passes: result.passes,
          blocking: result.problems.filter((p) => p.blocking).length,
        });
      }
      return { name, versions: infos.reverse() };
    },
    async restore({ name, version, note }) {
      const found = await get(name, version);
      return save({ template: found.template, note: note?.trim() ? note : `restored from v${found.version}` });
    },
    async resolveActive() {
      const ref = getActive();
      const found = await get(ref.name, ref.version);
      return { ref, template: found.template };
    },
    async preview({ template, orderNo, dpi }) {
      const parsed = validate(template);
      let order = SAMPLE_ORDER;
      let trackingNumber = SAMPLE_TRACKING;
      if (orderNo && orderNo !== SAMPLE_ORDER_NO) {
        const stored = deps.orders?.get(orderNo);
        if (!stored)
          throw new StationError('preview-order-not-found', `order ${orderNo} is not in the station's local store`, {
            orderNo,
          });
        order = stored.order;
        trackingNumber = stored.trackingNumber ?? stored.order.trackingNumber ?? SAMPLE_TRACKING;
      }
      const [rendered, check] = await Promise.all([
        deps.labels.render({ order, trackingNumber, template: parsed, dpi: dpi ?? 203 }),
        checkTemplate(parsed),
      ]);
      return {
        png: `data:image/png;base64,${Buffer.from(rendered.png).toString('base64')}`,
        widthMm: rendered.widthMm,
        heightMm: rendered.heightMm,
        widthDots: rendered.raster.width,
        heightDots: rendered.raster.height,
        dpi: rendered.raster.dpi,
        orderNo: order.orderNo,
        warnings: (rendered.warnings ?? []).map((w) => ({
          ...(w.elementId !== undefined ? { elementId: w.elementId } : {}),
          ...(w.field !== undefined ? { field: w.field } : {}),
          code: w.code,
          params: { ...w.params },
          message: w.message,
        })),
        check,
      };
    },
    async exportJson(name, version) {
      const found = await get(name, version);
      return {
        fileName: `${found.name}.v${found.version}.json`,
        json: `${JSON.stringify(found.template, null, 2)}\n`,
        ref: { name: found.name, version: found.version },
      };
    },
    importJson(json, note) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        throw new StationError(
          'template-file-invalid',
          `the template file is not valid JSON: ${(error as Error).message}`,
          { problems: (error as Error).message },
        );
      }
      return save({ template: parsed, note: note ?? 'imported' });
    },
  };
}
