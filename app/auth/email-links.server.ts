import { and, eq, gt, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { emailLinks } from "../../db/schema";
import { generateToken, hashToken, newId } from "../../consent/tokens";

// One-time links sent by mail (and, for the step between a password and a second
// step, kept in a cookie). The token has 160 random bits and only its SHA-256
// hash is stored; a link works once and only until it expires. Opening the link
// (GET) only looks; the page's button (POST) uses it, so a mail program that opens
// links to scan them cannot use one up.

export type EmailLinkPurpose = "signup" | "reset" | "signin" | "relogin" | "step";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
export const LINK_LIFETIME: Record<EmailLinkPurpose, number> = {
  // A family may read its mail the next morning.
  signup: 24 * HOUR,
  // A link that opens an existing account: short, as a mailbox may be shared or read later by someone else.
  reset: 30 * MINUTE,
  signin: 30 * MINUTE,
  // Given by a family admin, by hand, to a member who has no mail (ADR 014): a day to pass it on.
  relogin: 24 * HOUR,
  // Between the password and the second step: not a mail, a cookie on this device.
  step: 10 * MINUTE,
};

const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export function createEmailLink(
  db: DB,
  input: { purpose: EmailLinkPurpose; email: string; userId?: string | null; payload?: Record<string, string> },
  now = Date.now(),
): string {
  const token = generateToken();
  db.insert(emailLinks)
    .values({
      id: newId(),
      purpose: input.purpose,
      tokenHash: hashToken(token),
      email: input.email,
      userId: input.userId ?? null,
      payload: input.payload ?? null,
      createdAt: now,
      expiresAt: now + LINK_LIFETIME[input.purpose],
    })
    .run();
  return token;
}

export type EmailLink = typeof emailLinks.$inferSelect;

/** The link behind this token if it is for one of these purposes, unused and not expired. */
export function findEmailLink(db: DB, token: string, purpose: EmailLinkPurpose | EmailLinkPurpose[], now = Date.now()): EmailLink | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const link = db.select().from(emailLinks).where(eq(emailLinks.tokenHash, hashToken(token))).get();
  const purposes: string[] = Array.isArray(purpose) ? purpose : [purpose];
  if (!link || !purposes.includes(link.purpose) || link.usedAt !== null || now >= link.expiresAt) return null;
  return link;
}

/**
 * Uses the link and runs `work` in one transaction, or returns null when the link
 * does not work (any more): two taps on the same link do the work once.
 */
export function useEmailLink<T>(db: DB, token: string, purpose: EmailLinkPurpose | EmailLinkPurpose[], work: (link: EmailLink) => T, now = Date.now()): T | null {
  return writeTransaction(db, () => {
    const link = findEmailLink(db, token, purpose, now);
    if (!link) return null;
    const used = db
      .update(emailLinks)
      .set({ usedAt: now })
      .where(and(eq(emailLinks.id, link.id), isNull(emailLinks.usedAt), gt(emailLinks.expiresAt, now)))
      .run();
    if (used.changes !== 1) return null;
    return work(link);
  });
}
