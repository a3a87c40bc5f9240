import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precacheList } from './scripts/vite-precache.js';

// In development the API runs on API_PORT (see scripts/dev.js) and Vite proxies
// every server path to it, so the browser only ever talks to one origin.
const apiTarget = `http://localhost:${process.env.API_PORT ?? '3001'}`;
const proxied = ['/api', '/feeds', '/client_interface', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react(), precacheList()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      ...Object.fromEntries(proxied.map((p) => [p, { target: apiTarget }])),
      '/ws': { target: apiTarget, ws: true },
    },
  },
});
