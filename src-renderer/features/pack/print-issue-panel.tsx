import { useState } from 'react';
import { useController, useStation, useT } from '../../app/station-context';
import { conditionText } from '../printers/printers-screen';

/**
 * The last label did not surely print. Nothing sent (printer off, out of paper): the packer may try the printer
 * again or print on the backup. May have printed: only a look at the printer and an explicit REPRINT.
 */
export function PrintIssuePanel() {
  const t = useT();
  const controller = useController();
  const issue = useStation((s) => s.pack?.printIssue ?? null);
  const [busy, setBusy] = useState(false);
  if (!issue) return null;
  const retry = (target: 'primary' | 'backup') => {
    setBusy(true);
    // The new pack state arrives as pack:changed; errors show in the error panel from there.
    void controller
      .invoke('pack:retryPrint', { target })
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <section className="print-issue notice bad" data-testid="print-issue" data-state={issue.state} role="status">
      <div>
        {issue.state === 'failed'
          ? t('printers.status.not-ready', { condition: conditionText(t, issue.condition ?? 'error') })
          : t('pack.printIssue.unknown')}{' '}
        <span className="mono">{issue.printer}</span>
      </div>
      {issue.state === 'failed' && (
        <div className="actions">
          {issue.backup && (
            <button
              type="button"
              className="primary"
              data-testid="print-on-backup"
              disabled={busy}
              onClick={() => retry('backup')}
            >
              {t('pack.printIssue.backup')}
            </button>
          )}
          <button type="button" data-testid="print-retry" disabled={busy} onClick={() => retry('primary')}>
            {t('pack.printIssue.retry')}
          </button>
        </div>
      )}
    </section>
  );
}
