import { describe, expect, it } from "vitest";
import { canonical, chainHash, GENESIS_HASH } from "../../consent/log";

// The chain formula is a promise to anyone who checks the log with their own tools:
// hash = sha256(prev_hash ‖ canonical(entry)), canonical being a JSON array in a
// fixed field order. These vectors were computed outside this code (Python's
// hashlib over the same bytes); a change to the formula or the order breaks them.

const first = {
  familyId: "fam1",
  seq: 1,
  at: 1767225600000,
  actorUserId: "user1",
  consentId: "consent1",
  consentVersion: 2,
  section: "goals",
  recordIds: JSON.stringify(["g1", "s1"]),
  action: "read" as const,
  channel: "web" as const,
  ip: "192.0.2.1",
  userAgent: "Mozilla/5.0",
};

describe("the log's hash chain", () => {
  it("writes an entry as a JSON array in a fixed order", () => {
    expect(canonical(first)).toBe('["fam1",1,1767225600000,"user1","consent1",2,"goals","[\\"g1\\",\\"s1\\"]","read","web","192.0.2.1","Mozilla/5.0"]');
  });

  it("chains sha256(previous hash ‖ canonical entry) from 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    const one = chainHash(GENESIS_HASH, first);
    expect(one).toBe("7de91a7b76cc8146c451aee7c4791b392f99ab33ac57244836ef620d8cd85702");
    const two = chainHash(one, { ...first, seq: 2, at: 1767225660000, section: "progress", recordIds: "[]", channel: "api", userAgent: "dossier/1.0" });
    expect(two).toBe("6f0f801bc61e077e85f234105cf987f1c90e7c8a722659f1614f4247c51fce62");
  });
});
