import { execFileSync } from "node:child_process";

/** The browser tests run the real server on the built bundle and the built web app. */
export default function buildAll(): void {
  // Re-running one file against the builds already there (each test file copies them,
  // see support/app-snapshot.ts): KAOPING_E2E_PREBUILT=1 skips both builds.
  if (process.env.KAOPING_E2E_PREBUILT === "1") return;
  execFileSync(process.execPath, ["scripts/build-cli.mjs"], { stdio: "inherit" });
  // A development build of React and antd (vitest runs with NODE_ENV=test, which vite
  // would also take as "not production"; this says so on purpose): their warnings reach
  // the console, where the tests fail on them. The speed test measures a production
  // build of its own (see support/production-web.ts).
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "development" },
  });
}
