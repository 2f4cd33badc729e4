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
        // No merging of small chunks (experimentalMinChunkSize 0): Rollup's merging of small
        // side-effect-free chunks into a neighbour proved chaotic — every new lazy page or shared
        // module (issue 17's budgets and claims pages, issue 18's contracts pages, a shared
        // LinkCard) moved other pages' code in front of the sign-in page by 10–30 kB, whatever
        // the threshold (3, 5, 6 or 10 kB). Unmerged, the sign-in page measured 249 kB in 14
        // files (issue 18's build). What still grows it is every area's strings in
        // the first chunk (~1.7 kB an area): lazy per-area locales are the next step.
        // test_first_load.py guards it; bench/first_load.py prints the times on a slow link.
        experimentalMinChunkSize: 0,
      },
    },
  },
});
