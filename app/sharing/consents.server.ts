import { desc, eq } from "drizzle-orm";
import QRCode from "qrcode";
import type { DB } from "../../db/client.server";
import { consentVersions, users } from "../../db/schema";
import { INVITATION_DAYS } from "../../consent/grants";
import type { Invitation } from "../components/invitation-link";
import { languageFromRequest } from "../i18n";
import { sendInvitationEmail } from "../mail.server";
import { getFamily } from "../plan/families.server";
import { readSection, type FamilyContext } from "../plan/context.server";

// A consent as the family sees it on "Wie mag meekijken?": its versions, who
// changed it, and the one-time link (with a QR code for paper) right after it was made.

/** The invitation link and its QR code, made once right after the token exists. */
export async function invitationView(request: Request, token: string) {
  const link = `${new URL(request.url).origin}/invite/${token}`;
  const svg = await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { link, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/**
 * A new invitation, right after its token was made: the link and QR code to show,
 * and the mail to the address the family gave (if any). Only this answer ever holds
 * the link.
 */
export async function shareInvitation(ctx: FamilyContext, request: Request, token: string, to: { name: string; email: string }): Promise<Invitation> {
  const view = await invitationView(request, token);
  let mail: Invitation["mail"] = "none";
  if (to.email) {
    const family = readSection(ctx, "family", (db, familyId) => getFamily(db, familyId));
    mail = await sendInvitationEmail({ to: to.email, link: view.link, familyName: family?.name ?? "", lang: languageFromRequest(request) });
  }
  return { ...view, name: to.name, email: to.email, mail, days: INVITATION_DAYS };
}

export function listConsentVersions(db: DB, consentId: string) {
  return db
    .select({
      version: consentVersions.version,
      scopes: consentVersions.scopes,
      endsAt: consentVersions.endsAt,
      changedAt: consentVersions.changedAt,
      changedByName: users.name,
    })
    .from(consentVersions)
    .innerJoin(users, eq(users.id, consentVersions.changedBy))
    .where(eq(consentVersions.consentId, consentId))
    .orderBy(desc(consentVersions.version))
    .all();
}

export function userName(db: DB, userId: string | null) {
  if (!userId) return null;
  return db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, userId)).get() ?? null;
}
