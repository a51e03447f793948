import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  server: { port: 3000 },
  // The dev server's dependency scan follows route modules into their server code;
  // argon2's browser entry points to a WebAssembly package we do not install. It is
  // only ever used on the server (app/auth/password.server.ts).
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
});
