// First: zod must not probe for eval under the CSP (lib/zod-csp.ts) before any schema exists.
import './lib/zod-csp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n/index.js';
import './styles.css';
import { App } from './app/app.js';
import { registerServiceWorker } from './lib/service-worker.js';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
// Rendered once the detected language's texts are loaded (English is in this bundle; another is a small request),
// and rendered anyway if that fails: English is better than nothing.
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
i18nReady.then(render, render);
registerServiceWorker();
