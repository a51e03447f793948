import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Test and benchmark runs build into a folder of their own, so a run never swaps
  // the build out from under another run's server (server.js reads the same variable).
  // It must lie inside the project, where the server build finds node_modules.
  buildDirectory: process.env.GROEIPLAN_BUILD_DIR ?? "build",
  future: {
    // Root middleware refuses cross-origin writes and keeps the session cookie fresh.
    v8_middleware: true,
  },
} satisfies Config;
