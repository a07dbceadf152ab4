// Builds the web UI (addin/) into dist/addin: one HTML page per surface, served by Express
// (server/web). A page is built when its entry module exists, so each surface can land on its own.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./addin', import.meta.url));

/** Page (HTML file in addin/) → the module it loads. */
export const PAGES = {
  tab: 'tab/main.tsx',
  taskpane: 'taskpane/main.tsx',
  demo: 'demo/main.tsx',
  'auth-callback': 'auth/callback.ts',
  'auth-start': 'auth/start.ts',
} as const;

const input = Object.fromEntries(
  Object.entries(PAGES)
    .filter(([, entry]) => existsSync(`${root}/${entry}`))
    .map(([page]) => [page, `${root}/${page}.html`]),
);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Served at / by Express; the server, not Vite, owns routing and headers.
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('./dist/addin', import.meta.url)),
    emptyOutDir: true,
    // Fluent UI and msal-browser are large; one shared vendor chunk keeps every page cacheable.
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input },
  },
});
