import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// A relative base makes the built site work under any sub-path (GitHub Pages serves it at
// /<repository>/), with no rebuild per host.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  worker: { format: 'es' },
  build: {
    // Libraries in one chunk of their own: cached across deploys of the app's code.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    // Whole runs (a storm is minutes of overload) and whole-page renders take seconds each on a
    // busy 2-core machine: 5 s per test failed there for time alone.
    testTimeout: 30_000,
  },
});
