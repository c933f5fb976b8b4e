import { useEffect } from 'react';
import { PackScreen } from '../features/pack/pack-screen';
import { QueueScreen } from '../features/queue/queue-screen';
import { TemplateEditor } from '../features/templates/template-editor';
import { SettingsScreen } from '../features/settings/settings-screen';
import { HandoverScreen } from '../features/handover/handover-screen';
import { PrintersScreen } from '../features/printers/printers-screen';
import { CommandsScreen } from '../features/commands/commands-screen';
import { OrdersScreen } from '../features/orders/orders-screen';
import { ScannerScreen } from '../features/scanner/scanner-screen';
import { ConnectionBanner } from './connection-banner';
import { Header } from './header';
import { LeaveGuardDialog } from './leave-guard-dialog';
import { ScanNoticeBar } from './scan-notice';
import { useController, useStation } from './station-context';
import { useScannerBinding } from './use-scanner-binding';

/** The whole window: header, connection banner, and the current screen. */
export function App() {
  const controller = useController();
  const screen = useStation((s) => s.screen);
  const locale = useStation((s) => s.locale);
  useScannerBinding(controller);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <div className="app">
      <Header />
      <ConnectionBanner />
      <ScanNoticeBar />
      <main className="screen">
        {screen === 'pack' ? (
          <PackScreen />
        ) : screen === 'templates' ? (
          <TemplateEditor />
        ) : screen === 'settings' ? (
          <SettingsScreen />
        ) : screen === 'handover' ? (
          <HandoverScreen />
        ) : screen === 'printers' ? (
          <PrintersScreen />
        ) : screen === 'commands' ? (
          <CommandsScreen />
        ) : screen === 'orders' ? (
          <OrdersScreen />
        ) : screen === 'scanner' ? (
          <ScannerScreen />
        ) : (
          <QueueScreen />
        )}
      </main>
      <LeaveGuardDialog />
    </div>
  );
}
