import { getDb } from "../../db/client.server";
import { claimInvitation, createConsent, latestEnd, type Scopes, type Selection } from "../../consent/grants";
import type { ProfessionalAccess } from "../../consent/gate";
import { makeUser, type TestUser } from "./factories";

const MONTH = 30 * 24 * 60 * 60 * 1000;

/** A consent from this family to a new professional, claimed unless told otherwise. */
export async function makeConsent(
  familyId: string,
  adminId: string,
  options: { scopes?: Scopes; selection?: Selection; endsAt?: number; claim?: boolean; professional?: TestUser } = {},
) {
  const professional = options.professional ?? (await makeUser({ name: "Sanne de Boer", organisation: "Basisschool De Linde" }));
  const { id, token } = createConsent(getDb(), familyId, adminId, {
    name: professional.name,
    organisation: "Basisschool De Linde",
    role: "juf van Sem",
    purpose: "Meekijken hoe het gaat met op tijd komen",
    email: "",
    scopes: options.scopes ?? { goals: "read", progress: "write" },
    selection: options.selection,
    endsAt: options.endsAt ?? Math.min(Date.now() + 6 * MONTH, latestEnd()),
  });
  if (options.claim !== false) claimInvitation(getDb(), token, professional.id);
  return { consentId: id, token, professional };
}

export function webAccess(userId: string, familyId: string): ProfessionalAccess {
  return { kind: "professional", userId, familyId, channel: "web", ip: "127.0.0.1", userAgent: "vitest" };
}
