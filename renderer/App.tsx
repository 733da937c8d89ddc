import { useEffect } from 'react';
import { useHashRoute } from './hooks/useHashRoute';
import { strings } from './strings';
import { ApprovalsPrompt } from './views/ApprovalsPrompt';
import { ChatWindow } from './views/ChatWindow';
import { LogsView } from './views/LogsView';
import { Onboarding } from './views/Onboarding';
import { PairingPanel } from './views/PairingPanel';
import { ScheduledWindow } from './views/ScheduledWindow';
import { SettingsWindow } from './views/SettingsWindow';
import { TrayPanel } from './views/TrayPanel';

/** One bundle for every window: the URL hash picks the view (see route.ts). */
export function App() {
  const [view, navigate] = useHashRoute();
  const bridge = window.gatehouse;
  useEffect(() => {
    const title = strings.viewTitles[view];
    document.title = title === strings.productName ? title : `${title} · ${strings.productName}`;
  }, [view]);
  switch (view) {
    case 'panel':
      return <TrayPanel bridge={bridge} navigate={navigate} />;
    case 'chat':
      return <ChatWindow bridge={bridge} />;
    case 'approvals':
      return <ApprovalsPrompt bridge={bridge} />;
    case 'pairing':
      return <PairingPanel bridge={bridge} />;
    case 'settings':
      return <SettingsWindow bridge={bridge} />;
    case 'logs':
      return <LogsView bridge={bridge} />;
    case 'scheduled':
      return <ScheduledWindow bridge={bridge} />;
    case 'onboarding':
      return <Onboarding bridge={bridge} navigate={navigate} />;
  }
}
