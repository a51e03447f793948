import { eq } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, invalidateUserSessions, type NewSession } from "./session.server";

/**
 * Sets a new password when the current one is right. Every session of the user
 * ends (someone who knew the old password may be signed in elsewhere), and this
 * device gets a fresh one. Null when the current password is wrong.
 */
export async function changePassword(db: DB, userId: string, current: string, next: string, here: NewSession = {}) {
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!user || !(await verifyPassword(user.passwordHash, current))) return null;
  const passwordHash = await hashPassword(next);
  return writeTransaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    invalidateUserSessions(db, userId);
    // This device keeps what it proved: the password just now, a second step before.
    return createSession(db, userId, here);
  });
}
