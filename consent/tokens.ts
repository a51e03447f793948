import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

// 20 random bytes = 160 bits, the floor for every secret token (docs/architecture.md).
export function generateToken(bytes = 20): string {
  const random = new Uint8Array(bytes);
  crypto.getRandomValues(random);
  return encodeBase32LowerCaseNoPadding(random);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const a = new TextEncoder().encode(hashToken(token));
  const b = new TextEncoder().encode(storedHash);
  return a.length === b.length && constantTimeEqual(a, b);
}

// Ids are random rather than counters so URLs reveal nothing about other families.
export function newId(): string {
  return generateToken(10);
}
