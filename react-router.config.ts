import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  future: {
    // Root middleware refuses cross-origin writes and keeps the session cookie fresh.
    v8_middleware: true,
  },
} satisfies Config;
