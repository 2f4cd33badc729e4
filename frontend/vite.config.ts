import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.mjs';

/**
 * Vendor chunks that change only when their library does, so that a release re-downloads the
 * app's code and not React (both are in the first load; see docs/architecture.md "The SPA").
 * ECharts is the dashboard's alone and stays out of every other page.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/router)\//.test(id)) return 'react';
  if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  return undefined;
}

// The API lives on the same origin in production; in dev we proxy it to the local backend.
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': 'http://localhost:8000',
    },
  },
  build: {
    outDir: 'dist',
    // The first chunk (React apart) is ~110 kB of brotli: the router, the data layer, antd's
    // core and the strings. Pages are lazy chunks; ECharts (~550 kB raw) is the dashboard's own
    // chunk, hence the limit.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        manualChunks: vendorChunk,
        // Small side-effect-free chunks are merged into a neighbour loaded under the same
        // conditions: on a 3 s-latency link each file is a round trip, and over HTTP/1.1 (the
        // local portal) only 6 go at once; a few kB loaded early cost less. At 10 kB the
        // merging put other pages' code (money input, outlet picker, upload) in front of the
        // sign-in page (286 kB of script, 14 files); at 5 kB it loads 241 kB in 10 files.
        // The merging is chaotic: any new lazy chunk (issue 17's budgets page and order card)
        // flipped 5 kB to 287 kB while 6 kB loads 246 kB in 12 files; the travel claims' pages
        // flipped 6 kB to 257 kB (14 files) while 3 kB loads 246 kB in 11. test_first_load.py
        // guards it; re-measure (bench/first_load.py) when it fails after adding a page.
        experimentalMinChunkSize: 3_000,
      },
    },
  },
});
