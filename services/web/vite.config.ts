import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The production build is served by the API (services/api, webRoot) under a strict
// Content-Security-Policy: script-src 'self' and style-src 'self'. Nothing here may emit an inline
// script or style: the module-preload polyfill is off (modern browsers need none), CSS is one file.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `pnpm --filter @mottak/web dev` against a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:8080', '/tips': 'http://127.0.0.1:8080' },
  },
});
