import { desc, eq } from "drizzle-orm";
import { qrImage } from "../lib/qr.server";
import type { DB } from "../../db/client.server";
import { consentVersions, users } from "../../db/schema";
import { consentsSharing, effectiveStatus, endsSoon, INVITATION_DAYS, latestEnd, linkExpiries, listConsents, shareNewRecord } from "../../consent/grants";
import { daysUntil, lastDay } from "../lib/dates";
import { extendedEnd, selectionValues } from "./consent-form.server";
import { openRequest } from "../../consent/requests";
import { grantedParts } from "../../consent/sections";
import type { Invitation } from "../components/invitation-link";
import { languageFromRequest } from "../i18n";
import { sendCoachBackMail, sendInvitationEmail } from "../mail.server";
import { askCoachBack } from "../plan/coaching.server";
import { mailLanguage } from "../auth/accounts.server";
import { getFamily } from "../plan/families.server";
import { formerMember, shownName } from "../auth/account-delete.server";
import { readSection, writeSection, type FamilyContext } from "../plan/context.server";
import { formList } from "../lib/forms";

// A consent as the family sees it on "Wie mag meekijken?": its versions, who
// changed it, and the one-time link (with a QR code for paper) right after it was made.

/** The invitation link and its QR code, made once right after the token exists. */
export async function invitationView(request: Request, token: string, path = "invite") {
  const link = `${new URL(request.url).origin}/${path}/${token}`;
  return { link, qr: await qrImage(link) };
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
      selection: consentVersions.selection,
      endsAt: consentVersions.endsAt,
      changedAt: consentVersions.changedAt,
      changedByName: shownName(),
      changedByFormer: formerMember(),
      kind: consentVersions.kind,
      note: consentVersions.note,
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

type Pickable = "goals" | "strengths" | "whatifs" | "network";

/** "Wie mag dit zien?" for a new record: only admins change who sees what. */
export function sharingForNew(ctx: FamilyContext, section: Pickable) {
  return ctx.access.role === "admin" ? consentsSharing(ctx.db, ctx.familyId, section) : [];
}

/**
 * Shares a record just added with the consents ticked in its form. Called inside
 * the write that added it, so the record and who may see it land together.
 */
export function shareAdded(ctx: FamilyContext, db: DB, formData: FormData, section: Pickable, recordId: string) {
  if (ctx.access.role !== "admin") return;
  shareNewRecord(db, ctx.familyId, ctx.user.id, formList(formData, "shareWith"), section, recordId);
}

type ConsentRow = { id: string; status: string; endsAt: number; revokedAt: number | null; revokedBy: string | null };

/**
 * Where a consent stands, as both the list and its own page say it: until when,
 * whether it ends soon (and to when one tap extends it), until when a waiting
 * link works, and who stopped it when.
 */
export function consentStanding(db: DB, list: ConsentRow[], now = Date.now()) {
  const links = linkExpiries(db, list.filter((consent) => effectiveStatus(consent, now) === "pending").map((consent) => consent.id));
  return new Map(
    list.map((consent) => {
      const status = effectiveStatus(consent, now);
      const soon = endsSoon(consent, now);
      const link = links.get(consent.id);
      return [
        consent.id,
        {
          status,
          lastDay: lastDay(consent.endsAt),
          daysLeft: soon ? daysUntil(lastDay(consent.endsAt), now) : null,
          extendTo: soon ? lastDay(extendedEnd(now)) : null,
          linkUntil: status === "pending" && link && link > now ? lastDay(link) : null,
          revokedAt: status === "revoked" ? consent.revokedAt : null,
          revokedBy: status === "revoked" ? (userName(db, consent.revokedBy)?.name ?? null) : null,
          // A professional asked for more and the family has not answered yet.
          asks: status === "active" && openRequest(db, consent.id) !== null,
        },
      ] as const;
    }),
  );
}

export type ConsentStanding = ReturnType<typeof consentStanding> extends Map<string, infer S> ? S : never;

/** Access that ends within 14 days, or where someone asks for more: the plan page says so first. */
export function endingSoon(ctx: FamilyContext) {
  const list = listConsents(ctx.db, ctx.familyId);
  const standing = consentStanding(ctx.db, list);
  return list.flatMap((consent) => {
    const held = standing.get(consent.id)!;
    return held.daysLeft === null && !held.asks ? [] : [{ id: consent.id, name: consent.name, standing: held }];
  });
}

/**
 * The request waiting on this consent, as the family's answer screen shows it: who
 * asked, what (parts and until when), why in their words, and the form's values
 * for "geef minder" filled in with the ask.
 */
export function waitingRequest(db: DB, consentId: string) {
  const request = openRequest(db, consentId);
  if (!request) return null;
  return {
    version: request.version,
    at: request.changedAt,
    by: userName(db, request.changedBy),
    note: request.note,
    parts: grantedParts(request.scopes, request.selection),
    lastDay: lastDay(request.endsAt),
    values: { ...selectionValues(request.scopes, request.selection), endsOn: lastDay(Math.min(request.endsAt, latestEnd())) },
  };
}

export type WaitingRequest = NonNullable<ReturnType<typeof waitingRequest>>;

/**
 * "We willen weer hulp", confirmed: the last coach has their parts again (ADR 021)
 * and hears so by mail, in their own language. Null when there is nobody to ask.
 */
export async function askCoachBackAndTell(ctx: FamilyContext) {
  const back = writeSection(ctx, "team", (db, familyId, userId) => askCoachBack(db, familyId, userId));
  if (!back) return null;
  const family = readSection(ctx, "family", (db, familyId) => getFamily(db, familyId));
  const mail = back.professional
    ? await sendCoachBackMail({ to: back.professional.email, name: back.name, familyName: family?.name ?? "", lastDay: lastDay(back.endsAt), lang: mailLanguage(back.professional.language) })
    : "not-configured";
  return { consentId: back.consentId, mail };
}
