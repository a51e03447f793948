import { eq } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { verifyPassword } from "./password.server";
import { clientIp, passwordGuesses } from "./rate-limit.server";

/**
 * The signed-in person types their password again before something that cannot
 * easily be taken back (deleting a family or an account). Wrong tries count against
 * the same limit as signing in, so this is no side door for guessing.
 */
export async function confirmPassword(db: DB, userId: string, password: string, request: Request): Promise<"ok" | "wrong" | "tooMany"> {
  const user = db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!user) return "wrong";
  // The same count as signing in with this address from this network address.
  const guesses = passwordGuesses(user.email, clientIp(request));
  if (guesses.blocked()) return "tooMany";
  if (!password || !(await verifyPassword(user.passwordHash, password))) {
    guesses.failed();
    return "wrong";
  }
  guesses.succeeded();
  return "ok";
}
