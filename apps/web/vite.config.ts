import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API the dev server passes GraphQL and CSV requests to: `pnpm start`'s, unless MCH_API_URL
// names another.
const api = process.env.MCH_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The client's sources, not its dist/: the dashboard builds without building the client first,
    // and a change to an operation is seen by the dev server at once.
    alias: {
      '@mch/client': fileURLToPath(new URL('../../packages/client/src/index.ts', import.meta.url)),
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': api, '/export': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One bundle for the one page: smaller than React and the app apart, over HTTP/1.1 too.
    chunkSizeWarningLimit: 600,
  },
});
