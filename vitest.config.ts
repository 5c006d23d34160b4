import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: pure logic and the insurer API run in Node; React components run in jsdom with MSW.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { 'virtual:pwa-register/react': new URL('./tests/stubs/pwa-register-react.ts', import.meta.url).pathname },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/domain/**/*.test.ts', 'src/api/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: [
            'src/**/*.test.tsx',
            'src/db/**/*.test.ts',
            'src/sync/**/*.test.ts',
            'src/sw/**/*.test.ts',
            'src/app/**/*.test.ts',
          ],
          setupFiles: ['tests/setup-dom.ts'],
        },
      },
    ],
  },
});
