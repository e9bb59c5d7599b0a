import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          env: { TZ: "UTC" },
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/cli/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 60000,
          hookTimeout: 60000,
        },
      },
      {
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts"],
          globalSetup: ["test/cli/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 30000,
        },
      },
      {
        // Kills the real server (the built bundle) at random moments; see test/crash/.
        test: {
          name: "crash",
          include: ["test/crash/**/*.test.ts"],
          globalSetup: ["test/cli/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 120000,
          hookTimeout: 60000,
        },
      },
      {
        // A real browser (Debian's chromium through playwright-core) against the real
        // server serving the built web app; see test/e2e/.
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 120000,
          hookTimeout: 120000,
          fileParallelism: false,
        },
      },
    ],
  },
});
