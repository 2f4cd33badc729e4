import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API lives on the same origin in production; in dev we proxy it to the local backend.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://localhost:8000',
    },
  },
  build: {
    outDir: 'dist',
    // The entry chunk carries React and antd's core (~230 kB gzipped); pages are lazy chunks.
    chunkSizeWarningLimit: 1000,
  },
});
