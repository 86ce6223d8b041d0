import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
// The stylesheet: Vite emits it as a same-origin file (no inline styles under the CSP).
// oxlint-disable-next-line import/no-unassigned-import
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
