import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app: built into dist/web and served by the same Fastify process (server/web.ts). */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The initial bundle is measured by web/bundle.test.ts (limit 500 kB gzip); pages load on demand.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
