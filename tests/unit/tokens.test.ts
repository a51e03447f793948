import { describe, expect, it } from "vitest";
import { generateToken, hashToken, newId, tokenMatchesHash } from "../../consent/tokens";

describe("tokens", () => {
  it("carry at least 160 bits of randomness and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      // base32: 5 bits per character
      expect(token.length * 5).toBeGreaterThanOrEqual(160);
      expect(token).toMatch(/^[a-z2-7]+$/);
    }
  });

  it("are stored only as a SHA-256 hash that matches the token and nothing else", () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(tokenMatchesHash(token, hash)).toBe(true);
    expect(tokenMatchesHash(generateToken(), hash)).toBe(false);
    expect(tokenMatchesHash(token, hash.slice(0, 63))).toBe(false);
  });

  it("ids are random, so a URL tells nothing about other families", () => {
    expect(newId()).not.toBe(newId());
    expect(newId()).toHaveLength(16);
  });
});
