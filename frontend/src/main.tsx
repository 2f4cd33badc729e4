import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/App';

// The page's own styles are inline in index.html (a stylesheet would hold the first paint back
// by a round trip); antd injects its component styles at run time.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
