// Vite builds the same page as esbuild, into build/web/vite (relative asset
// paths, so the test server can serve it under /vite/).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../build/web/vite', import.meta.url)),
    emptyOutDir: true,
  },
});
