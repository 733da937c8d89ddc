import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import './styles/panel.css';
import './styles/approvals.css';
import './styles/pairing.css';
import './styles/chat.css';
import './styles/settings.css';
import './styles/logs.css';
import './styles/scheduled.css';

const container = document.getElementById('root');
if (container === null) throw new Error('renderer: #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
