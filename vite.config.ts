import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app: built into build/web, which the server serves from the same origin as
 * the API (`npm start`). `npm run dev` serves it with hot reload and sends /api to a
 * server already running on KAOPING_API (default http://127.0.0.1:3000).
 */
export default defineConfig({
  root: "src/web",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../../build/web",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // No manual chunks: ECharts is imported only by the lazy dashboard, so the bundler
    // keeps it (and everything else a page alone uses) out of what the login page loads.
    // The e2e suite checks that the login page never requests it.
  },
  server: {
    port: 5173,
    proxy: { "/api": process.env.KAOPING_API ?? "http://127.0.0.1:3000" },
  },
});
