import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AuthProvider } from './app/auth.js';
import { HealthProvider } from './app/health.js';
import { setupI18n } from './i18n/index.js';
import './app/app.css';

void setupI18n().then(() => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <HealthProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </HealthProvider>
    </StrictMode>,
  );
});
