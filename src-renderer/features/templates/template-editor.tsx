import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, OrderSummary } from '../../../src-main/contract';
import { useDirtyGuard } from '../../app/dirty-guard';
import { useController, useStation, useT } from '../../app/station-context';
import { errorLine, failureText, translatable, type TranslatableError } from '../../lib/error-text';
import { setTemplateEditorDirty } from './editor-dirty';
import { logoToPngDataUrl, LOGO_ACCEPT } from './logo-upload';
import { TemplateCanvas } from './template-canvas';
import { useTemplateHistory } from './template-history';
import {
  moveElement,
  newElement,
  type EditorElement,
  type EditorTemplate,
  type NewElementKind,
} from './template-model';
import { TemplateProblems } from './template-problems';
import { TemplateProperties } from './template-properties';
import { TemplateVersions } from './template-versions';
import './template-editor.css';

type TemplateList = CommandOutput<'templates:list'>;
type Preview = CommandOutput<'templates:preview'>;
type Versions = CommandOutput<'templates:versions'>;

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
 * fields, upload a logo, undo and redo, save as a new version, list and restore versions, and set the template
 * packing uses, which the station allows only when the template passes its check (every required field whole for
 * the sample orders); the editor shows why not.
 *
 * `onDirtyChange` (and `useEditorDirty()` from editor-dirty.ts) report whether unsaved edits are on screen.
 */
export function TemplateEditor({ onDirtyChange }: { onDirtyChange?: (dirty: boolean) => void } = {}) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const describe = useCallback((err: unknown) => failureText(locale, err), [locale]);
  const controller = useController();
  const [list, setList] = useState<TemplateList | null>(null);
  const [orders, setOrders] = useState<OrderSummary[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const history = useTemplateHistory<EditorTemplate>();
  const template = history.present;
  /** The template as last loaded or saved: unsaved edits are whatever differs from it (undo can return to it). */
  const [baseline, setBaseline] = useState<EditorTemplate | null>(null);
  const dirty = template !== null && template !== baseline;
  // Leaving the editor with unsaved changes asks first (the leave dialog).
  useDirtyGuard('templates', dirty);
  const [selectedIndex, setSelected] = useState<number | null>(null);
  // An undo may remove the selected element: the selection never points past the end.
  const selected =
    template !== null && selectedIndex !== null && selectedIndex < template.elements.length ? selectedIndex : null;
  const [previewOrder, setPreviewOrder] = useState(SAMPLE);
  /** The last preview and the template it was rendered from (its check is current only for that template). */
  const [preview, setPreviewState] = useState<{ result: Preview; of: EditorTemplate } | null>(null);
  const [versions, setVersions] = useState<Versions | null>(null);
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

  const refreshVersions = useCallback(
    async (name: string) => {
      try {
        setVersions(await controller.invoke('templates:versions', { name }));
      } catch {
        // The list is a convenience: the editor keeps working without it.
        setVersions(null);
      }
    },
    [controller],
  );

  const load = useCallback(
    async (name: string, version?: number) => {
      try {
        const got = await controller.invoke('templates:get', version === undefined ? { name } : { name, version });
        const next = got.template as EditorTemplate;
        history.reset(next);
        setBaseline(next);
        setLoaded({ name: got.name, version: got.version, builtIn: got.builtIn });
        setSelected(null);
        setNotice(null);
        void refreshVersions(got.name);
      } catch (err) {
        setNotice({ kind: 'error', text: t('templates.error.load', { message: describe(err) }) });
      }
    },
    // `history` is stable in what this uses (reset).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [controller, t, describe, refreshVersions],
  );

  // The unsaved-edits flag, for whoever guards leaving the screen; cleared when the editor goes away.
  useEffect(() => {
    setTemplateEditorDirty(dirty);
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => setTemplateEditorDirty(false), []);

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
            setPreviewState({ result, of: template });
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

  const { edit, undo, redo } = history;
  const updateElement = useCallback(
    (index: number, element: EditorElement) => {
      // Quick repeated edits of one element (a drag, typing, arrow presses) undo as one step.
      edit((current) => {
        const elements = current.elements.slice();
        elements[index] = element;
        return { ...current, elements };
      }, `element-${index}`);
    },
    [edit],
  );

  const removeSelected = useCallback(() => {
    if (!template || selected === null || template.elements.length <= 1) return;
    const index = selected;
    edit((current) => ({ ...current, elements: current.elements.filter((_, i) => i !== index) }));
    setSelected(null);
  }, [edit, template, selected]);

  // Undo/redo and Delete work wherever the focus is, except inside a form field (which has its own undo and
  // where Backspace deletes characters).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isFormField(e.target)) return;
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) redo();
        else undo();
        return;
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && selected !== null) {
        e.preventDefault();
        removeSelected();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, removeSelected, selected]);

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
    const added = newElement(kind, template);
    edit((current) => ({ ...current, elements: [...current.elements, added] }));
    setSelected(template.elements.length);
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
        edit((current) => ({ ...current, elements: [...current.elements, el] }));
        setSelected(template.elements.length);
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
      setBaseline(template);
      setNote('');
      setNotice({ kind: 'ok', text: t('templates.savedAs', { name: ref.name, version: ref.version }) });
      await refreshList();
      await refreshVersions(ref.name);
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
      await refreshVersions(ref.name);
    } catch (err) {
      setNotice({ kind: 'error', text: describe(err) });
    } finally {
      setBusy(false);
    }
  };

  /** Saves an older version again as the newest and opens it (packing is switched separately, after the check). */
  const restore = async (version: number) => {
    if (!loaded) return;
    setBusy(true);
    try {
      const ref = await controller.invoke('templates:restore', {
        name: loaded.name,
        version,
        note: t('templates.restoreNote', { version }),
      });
      await refreshList();
      await load(ref.name, ref.version);
      setNotice({
        kind: 'ok',
        text: t('templates.restoredAs', { from: version, name: ref.name, version: ref.version }),
      });
    } catch (err) {
      setNotice({ kind: 'error', text: describe(err) });
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
  const current = preview && preview.of === template ? preview.result : null;
  const check = current?.check ?? null;
  const blocked = check !== null && !check.passes;

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
        <div className="toolbar-history" role="group">
          <button
            type="button"
            className="template-button"
            data-testid="template-undo"
            title={t('templates.undoTitle')}
            disabled={!history.canUndo}
            onClick={undo}
          >
            ↶ {t('templates.undo')}
          </button>
          <button
            type="button"
            className="template-button"
            data-testid="template-redo"
            title={t('templates.redoTitle')}
            disabled={!history.canRedo}
            onClick={redo}
          >
            ↷ {t('templates.redo')}
          </button>
        </div>
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
          previewPng={preview?.result.png ?? null}
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
              {dirty && (
                <span className="template-dirty" data-testid="template-dirty">
                  {' · '}
                  {t('templates.unsaved')}
                </span>
              )}
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
            {!previewError && (
              <TemplateProblems
                check={check}
                warnings={current?.warnings ?? []}
                orderNo={current?.orderNo ?? previewOrder}
              />
            )}
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
                disabled={busy || dirty || isActive || check === null || blocked}
                data-blocked={String(blocked)}
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
          <TemplateVersions
            versions={versions}
            shown={loaded?.version ?? null}
            busy={busy}
            onOpen={(version) => loaded && void load(loaded.name, version)}
            onRestore={(version) => void restore(version)}
          />
        </aside>
      </div>
    </div>
  );
}
