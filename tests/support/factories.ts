import { getDb } from "../../db/client.server";
import { createAccount } from "../../app/auth/accounts.server";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { createFamily } from "../../app/plan/families.server";
import { memberAccess } from "../../consent/gate";

let counter = 0;

export type TestUser = { id: string; email: string; name: string; cookie: string };

/** A user with an account and a signed-in session (the cookie to send). */
export async function makeUser(overrides: { name?: string; email?: string; organisation?: string } = {}): Promise<TestUser> {
  counter += 1;
  const email = overrides.email ?? `user${counter}-${crypto.randomUUID().slice(0, 8)}@example.nl`;
  const name = overrides.name ?? `Gebruiker ${counter}`;
  const created = await createAccount(getDb(), { email, name, password: "een lang wachtwoord", organisation: overrides.organisation });
  if ("error" in created) throw new Error(created.error);
  // Signed in with both steps, as a professional must be before looking (ADR 014).
  const session = createSession(getDb(), created.id, { secondStep: true });
  return { id: created.id, email, name, cookie: `${SESSION_COOKIE}=${session.token}` };
}

/** A family with `admin` as its first (admin) member. */
export async function makeFamily(admin?: TestUser, name = "Gezin Test") {
  const user = admin ?? (await makeUser({ name: "Mama Test" }));
  const familyId = createFamily(getDb(), user, { name, memberName: user.name, relation: "mama" });
  const access = memberAccess(getDb(), user.id, familyId)!;
  return { familyId, admin: user, adminMemberId: access.memberId };
}
