import { createContext, useContext } from "react";

// The per-request CSP nonce, set by entry.server.tsx. Empty in the browser.
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
