import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Pure logic and the insurer API run in Node; React components run in jsdom with MSW. With
// TEST_DATABASE_URL set there is a third project, `server-pg`: the server tests again, each file on a
// fresh database on that PostgreSQL server, plus the PostgreSQL-only tests (*.pg.test.ts).
// `npm run test:unit` runs `node` and `dom`; `npm run test:pg` runs `server-pg`.
const serverOnPostgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: 'server-pg',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          env: { TEST_DATABASE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ]
  : [];

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
          include: [
            'src/domain/**/*.test.ts',
            'src/api/**/*.test.ts',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            // Features' pure modules (components are *.test.tsx, in jsdom), e.g. the .xlsx reader.
            'src/features/**/*.test.ts',
          ],
          exclude: ['**/*.pg.test.ts', '**/node_modules/**'],
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
      ...serverOnPostgres,
    ],
  },
});
