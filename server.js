// Production server: static assets, security headers, and the React Router app.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";
import path from "node:path";
import { pathToFileURL } from "node:url";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// The same variable as react-router.config.ts, so tests can run their own build.
const buildDir = path.resolve(process.env.GROEIPLAN_BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);

// Behind a reverse proxy every connection comes from the proxy. TRUST_PROXIES says
// how many proxies in front of us may be believed about the client (X-Forwarded-For,
// X-Forwarded-Proto, X-Forwarded-Host). Off by default: then those headers are
// whatever the client sent, and are ignored.
const trustProxies = Number(process.env.TRUST_PROXIES ?? 0);
if (!Number.isInteger(trustProxies) || trustProxies < 0 || trustProxies > 10) {
  console.error(`TRUST_PROXIES must be a whole number from 0 to 10 (the proxies in front of this server), not "${process.env.TRUST_PROXIES}".`);
  process.exit(1);
}

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const app = express();
app.disable("x-powered-by");
if (trustProxies > 0) app.set("trust proxy", trustProxies);
app.use(compression());

app.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  if (process.env.NODE_ENV === "production" && req.secure) {
    res.set("Strict-Transport-Security", "max-age=31536000");
  }
  // Pages set a CSP with a nonce (app/entry.server.tsx). Every other response
  // (redirects, errors, the API, files) gets the strictest one just before it is
  // sent, so nothing leaves without a policy.
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.getHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", STRICT_CSP);
    return writeHead.apply(this, args);
  };
  // The app reads the client's address from this header only; never trust one sent in.
  // req.ip is the socket's address, or with TRUST_PROXIES the one the proxies name.
  req.headers["x-groeiplan-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});

app.get("/healthz", (_req, res) => {
  res.type("text/plain").send("ok");
});

app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all("/{*splat}", createRequestHandler({ build }));

const server = app.listen(port, host, () => {
  console.log(`Groeiplan is running at http://localhost:${port}`);
});

// A file size limit (ulimit -f) is a full disk by another name: saving must fail
// with a calm "try again later", not kill the server (the default for SIGXFSZ).
process.on("SIGXFSZ", () => {});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
