import { TrayPanel } from './views/TrayPanel';

/** One view for now; chat, approvals, pairing and settings join as their windows arrive. */
export function App() {
  return <TrayPanel bridge={window.gatehouse} />;
}
