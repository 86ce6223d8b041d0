import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web UI (src/ui), built into dist/ui, which `vigil serve` serves at `/`. No plugin: Vite's own
// transform compiles TSX. Nothing is inlined (the server's CSP allows only same-origin files).
export default defineConfig({
  root: fileURLToPath(new URL('./src/ui', import.meta.url)),
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/ui', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev:ui`: the UI with hot reload, the API from a running `vigil serve`.
  server: { proxy: { '/api': process.env.VIGIL_URL ?? 'http://127.0.0.1:3000' } },
});
