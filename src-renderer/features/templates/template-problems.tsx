import type { CommandOutput } from '../../../src-main/contract';
import { useT } from '../../app/station-context';
import { isMessageKey, type MessageKey, type MessageParams } from '../../i18n';

type Check = CommandOutput<'templates:check'>;
type Problem = Check['problems'][number];
type Warning = CommandOutput<'templates:preview'>['warnings'][number];

/** Shows this many problems of each kind; the rest are counted. */
const MAX_SHOWN = 5;

/** A check problem or a preview warning, in the screen's language (never the engine's English words). */
export function useProblemText(): (p: Problem | Warning, orderNo?: string) => string {
  const t = useT();
  return (p, orderNo) => {
    const required = 'requiredField' in p && p.requiredField ? `templates.required.${p.requiredField}` : '';
    const params: MessageParams = {
      ...p.params,
      elementId: p.elementId ?? '',
      orderNo: ('orderNo' in p ? p.orderNo : undefined) ?? orderNo ?? '',
      requiredField: required && isMessageKey(required) ? t(required) : '',
    };
    const key = `templates.problem.${p.code}`;
    return isMessageKey(key) ? t(key as MessageKey, params) : t('templates.problem.unknown', params);
  };
}

/**
 * What keeps the template from packing (the check's blocking problems, with what to do), or that it passes; and
 * what the preview order's label had to cut. Saving stays possible either way: a draft may be imperfect.
 */
export function TemplateProblems({
  check,
  warnings,
  orderNo,
}: {
  check: Check | null;
  warnings: readonly Warning[];
  orderNo: string;
}) {
  const t = useT();
  const text = useProblemText();
  const blocking = check?.problems.filter((p) => p.blocking) ?? [];
  return (
    <div className="template-check" data-testid="template-check" data-passes={check ? String(check.passes) : 'pending'}>
      {!check && <p className="template-check-pending">{t('templates.check.pending')}</p>}
      {check && blocking.length > 0 && (
        <section className="template-blocking" data-testid="template-blocking" role="alert">
          <h3>✗ {t('templates.blocking.title')}</h3>
          <ul>
            {blocking.slice(0, MAX_SHOWN).map((p, i) => (
              <li key={i} data-testid="template-blocking-problem" data-code={p.code} data-field={p.requiredField ?? ''}>
                {text(p)}
              </li>
            ))}
            {blocking.length > MAX_SHOWN && <li>… +{blocking.length - MAX_SHOWN}</li>}
          </ul>
          <p className="template-hint">{t('templates.blocking.hint')}</p>
        </section>
      )}
      {check && check.passes && (
        <p className="template-check-ok" data-testid="template-check-ok">
          ✓ {t('templates.check.passes', { count: check.samples })}
        </p>
      )}
      {warnings.length > 0 && (
        <div className="template-warnings-block">
          <h4>{t('templates.warnings.title', { orderNo })}</h4>
          <ul className="template-warnings" data-testid="template-warnings">
            {warnings.slice(0, MAX_SHOWN).map((w, i) => (
              <li key={i} data-code={w.code}>
                ⚠ {text(w, orderNo)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
