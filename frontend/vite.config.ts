/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The service (./mvnw quarkus:dev or the packaged jar) listens on 8080; the dev server proxies the API to it.
const backend = process.env.FACTDESK_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    // Quarkus serves META-INF/resources from the jar at "/".
    outDir: '../target/classes/META-INF/resources',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: backend,
        changeOrigin: true,
        // Cookie writes are refused when Origin is foreign: present the service's own origin.
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', backend);
          });
        },
      },
      '/q': { target: backend, changeOrigin: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
