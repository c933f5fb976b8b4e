import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, OrderSummary } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { errorLine, failureText, translatable, type TranslatableError } from '../../lib/error-text';
import { logoToPngDataUrl, LOGO_ACCEPT } from './logo-upload';
import { TemplateCanvas } from './template-canvas';
import {
  moveElement,
  newElement,
  type EditorElement,
  type EditorTemplate,
  type NewElementKind,
} from './template-model';
import { TemplateProperties } from './template-properties';
import './template-editor.css';

type TemplateList = CommandOutput<'templates:list'>;
type Preview = CommandOutput<'templates:preview'>;

/** Where the template on screen came from. */
interface Loaded {
  name: string;
  version: number;
  builtIn: boolean;
}

/** A short message under the save button. */
interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

const SAMPLE = 'SAMPLE';
const ARROW_STEP_MM = 0.5;
const SHIFT_ARROW_STEP_MM = 5;
const PREVIEW_DELAY_MS = 150;
const ADD_KINDS: readonly NewElementKind[] = ['text', 'barcode', 'image', 'line', 'box'];

function isFormField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * The supervisors' label template editor: choose a built-in or saved template, see it rendered with a chosen order
 * (the station's 1-bit raster: what prints), move and resize elements with the mouse or the arrow keys, bind
 * fields, upload a logo, save as a new version, and set the template packing uses.
 */
export function TemplateEditor() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const describe = useCallback((err: unknown) => failureText(locale, err), [locale]);
  const controller = useController();
  const [list, setList] = useState<TemplateList | null>(null);
  const [orders, setOrders] = useState<OrderSummary[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [template, setTemplate] = useState<EditorTemplate | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [previewOrder, setPreviewOrder] = useState(SAMPLE);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<TranslatableError | null>(null);
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);
  /** Where an uploaded logo goes: the selected image element, or a new one. */
  const logoTarget = useRef<number | null>(null);

  const refreshList = useCallback(async (): Promise<TemplateList> => {
    const next = await controller.invoke('templates:list', {});
    setList(next);
    return next;
  }, [controller]);

  const load = useCallback(
    async (name: string, version?: number) => {
      try {
        const got = await controller.invoke('templates:get', version === undefined ? { name } : { name, version });
        setTemplate(got.template as EditorTemplate);
        setLoaded({ name: got.name, version: got.version, builtIn: got.builtIn });
        setSelected(null);
        setDirty(false);
        setNotice(null);
      } catch (err) {
        setNotice({ kind: 'error', text: t('templates.error.load', { message: describe(err) }) });
      }
    },
    [controller, t, describe],
  );

  // First load: the list, the local orders for the preview, and the template packing uses now.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [first, localOrders] = await Promise.all([
          controller.invoke('templates:list', {}),
          controller.invoke('orders:list', { limit: 100 }),
        ]);
        if (cancelled) return;
        setList(first);
        setOrders(localOrders);
        await load(first.active.name);
      } catch (err) {
        if (!cancelled) setNotice({ kind: 'error', text: t('templates.error.load', { message: describe(err) }) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only once per visit of the screen; `t` changes with the language and must not reload the template.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, load]);

  // The live preview: the unsaved template rendered by the station, shortly after the last change.
  useEffect(() => {
    if (!template) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void controller
        .invoke('templates:preview', { template, ...(previewOrder !== SAMPLE ? { orderNo: previewOrder } : {}) })
        .then(
          (result) => {
            if (cancelled) return;
            setPreview(result);
            setPreviewError(null);
          },
          (err: unknown) => {
            if (!cancelled) setPreviewError(translatable(err));
          },
        );
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [controller, template, previewOrder]);

  const updateElement = useCallback((index: number, element: EditorElement) => {
    setTemplate((current) => {
      if (!current) return current;
      const elements = current.elements.slice();
      elements[index] = element;
      return { ...current, elements };
    });
    setDirty(true);
  }, []);

  // Arrow keys move the selected element: 0.5 mm per press, 5 mm with Shift.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (selected === null || !template || isFormField(e.target)) return;
      const step = e.shiftKey ? SHIFT_ARROW_STEP_MM : ARROW_STEP_MM;
      const delta: Record<string, [number, number]> = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      const d = delta[e.key];
      if (d) {
        e.preventDefault();
        const el = template.elements[selected];
        if (el) updateElement(selected, moveElement(el, d[0], d[1], template));
      } else if (e.key === 'Escape') {
        setSelected(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, template, updateElement]);

  const addElement = (kind: NewElementKind) => {
    if (!template) return;
    if (kind === 'image') {
      logoTarget.current = null;
      fileInput.current?.click();
      return;
    }
    setTemplate({ ...template, elements: [...template.elements, newElement(kind, template)] });
    setSelected(template.elements.length);
    setDirty(true);
  };

  const removeSelected = () => {
    if (!template || selected === null || template.elements.length <= 1) return;
    setTemplate({ ...template, elements: template.elements.filter((_, i) => i !== selected) });
    setSelected(null);
    setDirty(true);
  };

  const onLogoFile = async (file: File | undefined) => {
    if (!file || !template) return;
    try {
      const logo = await logoToPngDataUrl(file);
      const target = logoTarget.current;
      const existing = target !== null ? template.elements[target] : undefined;
      if (existing && existing.type === 'image') {
        updateElement(target!, { ...existing, src: logo.dataUrl });
      } else {
        const el = newElement('image', template, logo.dataUrl);
        // Keep the logo's aspect ratio inside the new box.
        const w = el.w ?? 40;
        el.h = Math.max(
          2,
          Math.min(template.heightMm - (el.y ?? 0), Math.round((w * logo.height * 10) / logo.width) / 10),
        );
        setTemplate({ ...template, elements: [...template.elements, el] });
        setSelected(template.elements.length);
        setDirty(true);
      }
      setNotice(null);
    } catch {
      setNotice({ kind: 'error', text: t('templates.error.logo') });
    }
  };

  const save = async () => {
    if (!template) return;
    setBusy(true);
    try {
      const ref = await controller.invoke('templates:save', {
        template,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setLoaded({ name: ref.name, version: ref.version, builtIn: false });
      setDirty(false);
      setNote('');
      setNotice({ kind: 'ok', text: t('templates.savedAs', { name: ref.name, version: ref.version }) });
      await refreshList();
    } catch (err) {
      setNotice({ kind: 'error', text: t('templates.error.save', { message: describe(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const setActive = async () => {
    if (!loaded) return;
    setBusy(true);
    try {
      const ref = await controller.invoke('templates:setActive', { name: loaded.name, version: loaded.version });
      setNotice({ kind: 'ok', text: t('templates.activeNow', { name: ref.name, version: ref.version }) });
      await refreshList();
    } catch (err) {
      setNotice({ kind: 'error', text: t('templates.error.save', { message: describe(err) }) });
    } finally {
      setBusy(false);
    }
  };

  if (!template || !list) {
    return (
      <div className="template-editor loading" data-testid="template-editor" data-ready="false">
        {notice ? <p className="template-notice error">{notice.text}</p> : t('templates.loading')}
      </div>
    );
  }

  const active = list.active;
  const isActive = loaded !== null && active.name === loaded.name && active.version === loaded.version;
  const element = selected !== null ? (template.elements[selected] ?? null) : null;
  const summary = list.templates.find((s) => s.name === loaded?.name);

  return (
    <div className="template-editor" data-testid="template-editor" data-ready="true">
      <div className="template-toolbar">
        <label className="toolbar-field">
          <span>{t('templates.template')}</span>
          <select
            data-testid="template-select"
            value={loaded?.name ?? ''}
            onChange={(e) => void load(e.currentTarget.value)}
          >
            {list.templates.map((s) => (
              <option key={s.name} value={s.name}>
                {`${s.name} · v${s.version}${s.builtIn && s.versions === 1 ? ` · ${t('templates.builtIn')}` : ''}`}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span>{t('templates.previewOrder')}</span>
          <select
            data-testid="template-preview-order"
            value={previewOrder}
            onChange={(e) => setPreviewOrder(e.currentTarget.value)}
          >
            <option value={SAMPLE}>{t('templates.sampleOrder')}</option>
            {orders.map((o) => (
              <option key={o.orderNo} value={o.orderNo}>
                {`${o.orderNo} · ${o.receiverName} · ${o.city}`}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar-add" role="group" aria-label={t('templates.add')}>
          <span>{t('templates.add')}</span>
          {ADD_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="template-button"
              data-testid={`add-${kind}`}
              onClick={() => addElement(kind)}
            >
              + {t(`templates.add.${kind}`)}
            </button>
          ))}
        </div>
        <input
          ref={fileInput}
          type="file"
          accept={LOGO_ACCEPT}
          data-testid="logo-file"
          hidden
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            void onLogoFile(file);
          }}
        />
      </div>
      <div className="template-body">
        <TemplateCanvas
          template={template}
          previewPng={preview?.png ?? null}
          selected={selected}
          onSelect={setSelected}
          onChange={updateElement}
        />
        <aside className="template-side">
          <div className="template-info">
            <div className="template-name" data-testid="template-name">
              {template.name}{' '}
              <span className="template-version" data-testid="template-version" data-version={loaded?.version ?? 0}>
                v{loaded?.version ?? '—'}
              </span>
              {dirty && <span className="template-dirty"> · {t('templates.unsaved')}</span>}
            </div>
            <div className="template-meta">
              {t('templates.size', { width: template.widthMm, height: template.heightMm })}
              {summary ? ` · ${t('templates.versions', { count: summary.versions })}` : ''}
              {isActive ? ` · ${t('templates.isActive')}` : ''}
            </div>
            {previewError && (
              <p className="template-notice error" data-testid="template-preview-error">
                {t('templates.previewError', { message: errorLine(locale, previewError) })}
              </p>
            )}
            {preview && preview.warnings.length > 0 && (
              <ul className="template-warnings" data-testid="template-warnings">
                {preview.warnings.slice(0, 4).map((w, i) => (
                  <li key={i}>
                    ⚠ {w.elementId ? `${w.elementId}: ` : ''}
                    {w.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <TemplateProperties
            template={template}
            element={element}
            fields={list.fields}
            onChange={(el) => selected !== null && updateElement(selected, el)}
            onRemove={removeSelected}
            onUploadLogo={() => {
              logoTarget.current = selected;
              fileInput.current?.click();
            }}
          />
          <div className="template-save">
            <label className="prop wide">
              <span className="prop-label">{t('templates.note')}</span>
              <input
                type="text"
                data-testid="template-note"
                value={note}
                maxLength={500}
                placeholder={t('templates.notePlaceholder')}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
            </label>
            <div className="template-save-buttons">
              <button
                type="button"
                className="template-button primary"
                data-testid="template-save"
                disabled={busy}
                onClick={() => void save()}
              >
                {t('templates.save')}
              </button>
              <button
                type="button"
                className="template-button"
                data-testid="template-set-active"
                disabled={busy || dirty || isActive}
                onClick={() => void setActive()}
              >
                {isActive ? t('templates.isActive') : t('templates.setActive')}
              </button>
            </div>
            {notice && (
              <p className={`template-notice ${notice.kind}`} data-testid="template-notice" role="status">
                {notice.kind === 'ok' ? '✓ ' : '⚠ '}
                {notice.text}
              </p>
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}
