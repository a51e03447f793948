import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/database.ts"],
    // argon2 and the built-server test are slow on 2 cores; this is not a speed check.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
