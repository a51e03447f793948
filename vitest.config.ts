import { defineConfig } from "vitest/config";

// Two projects, one run: `npm test` runs both, `npm run test:e2e` only the browser
// tests. The global setup (migrated base database, fresh production build) sits on
// the root so it runs once per run, whichever projects are picked; a project that
// extended the root would run it a second time.
export default defineConfig({
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    projects: [
      {
        test: {
          name: "unit-integration",
          include: ["tests/**/*.test.{ts,tsx}"],
          exclude: ["tests/e2e/**", "**/node_modules/**"],
          setupFiles: ["tests/support/database.ts"],
          // argon2 and the built-server test are slow on 2 cores; this is not a speed check.
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // One story per test, in Chromium on 2 shared cores: generous, and still not a speed check.
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
