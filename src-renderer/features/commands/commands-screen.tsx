import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import './commands.css';

type Listed = CommandOutput<'commands:list'>;

/** An SVG document as an image source (the CSP allows data: images). */
const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** Saves a base64 PDF through the browser's download (an object URL that is revoked right after). */
function downloadPdf(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Every command barcode the Pack screen names, large enough to scan from the monitor, with what each does, and
 * the A4 sheet to print for the bench. The barcodes are drawn by the core (the label engine's Code 128).
 */
export function CommandsScreen() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const controller = useController();
  const [listed, setListed] = useState<Listed | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void controller
      .invoke('commands:list', {})
      .then((loaded) => live && setListed(loaded))
      .catch((error: unknown) => {
        if (live) setProblem(t('commands.loadFailed', { message: failureText(locale, error) }));
      });
    return () => {
      live = false;
    };
  }, [controller, t, locale]);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const sheet = await controller.invoke('commands:sheetPdf', { lang: 'both' });
      downloadPdf(sheet.fileName, sheet.pdfBase64);
    } catch (error) {
      setProblem(t('commands.downloadFailed', { message: failureText(locale, error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="commands" data-testid="commands-screen">
      <div className="commands-head">
        <div>
          <h1>{t('commands.title')}</h1>
          <p className="commands-intro">{t('commands.intro')}</p>
        </div>
        <button
          type="button"
          className="commands-download"
          data-testid="commands-download"
          disabled={busy}
          onClick={() => void download()}
        >
          {busy ? t('commands.downloading') : t('commands.download')}
        </button>
      </div>
      {problem && (
        <p className="commands-problem" role="alert">
          {problem}
        </p>
      )}
      {!listed && !problem && <p>{t('commands.loading')}</p>}
      {listed && (
        <ul className="commands-list">
          {listed.commands.map((entry) => (
            <li key={entry.command} className="command-card" data-testid={`command-${entry.command}`}>
              <h2>{entry.label[locale]}</h2>
              <img
                className="command-barcode"
                src={svgSource(entry.svg)}
                alt={t('commands.barcodeAlt', { barcode: entry.barcode })}
                data-testid={`command-barcode-${entry.command}`}
              />
              <code className="command-text">{entry.barcode}</code>
              <p className="command-what">{entry.what[locale]}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
