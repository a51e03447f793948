import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { addMember } from "../../app/plan/members.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createStrength } from "../../app/plan/strengths.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import { createConsent } from "../../consent/grants";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { call, makeRequest, type Result } from "../support/routes";

// Random, oversized, empty, unicode, control-character and script payloads thrown
// at every action. Whatever comes in: never a server error; a refusal names the
// field with a message that exists in Dutch and English and stores nothing; and
// what a family writes is stored exactly as written (trimmed), never rewritten.

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "'; DROP TABLE goals; --",
  "\u202Egnirts desrever",
  "nul\u0000byte",
  "bel\u0007l",
  "\r\n\t",
  "𝕳𝖊𝖑𝖑𝖔 👨‍👩‍👧‍👦 مرحبا",
  '=HYPERLINK("http://evil.example")',
  "../../etc/passwd",
  "__proto__",
  "{{constructor.constructor('alert(1)')()}}",
  "%s%n%x",
];

const asSent = (value: string) => new TextDecoder().decode(new TextEncoder().encode(value));

/** Anything a browser, a script or an attacker might send as one field. */
function payload(valid: string[]) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.constantFrom("", "   ") },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 30_000 }).chain((n) => fc.constantFrom("a", "é", "👍", "\u0000").map((c) => c.repeat(n))) },
  );
}

// words: the family's own words, stored as written; max: the most characters they may have.
type Field = { name: string; valid: string[]; words?: boolean; max?: number };
type Case = {
  name: string;
  file: string;
  path: () => string;
  params: () => Record<string, string>;
  who: () => TestUser | null;
  fields: () => Field[];
  fixed?: () => Record<string, string>;
  // Messages that belong to a group of fields, such as "which parts" on the consent form.
  groups?: string[];
};

let admin: TestUser;
let professional: TestUser;
let familyId: string;
let ids: { goalId: string; stepId: string; whatIfId: string; personId: string; memberId: string; consentId: string; pendingConsentId: string; noteId: string; strengthId: string };
let joinToken = "";
let signupToken = "";
let resetToken = "";
let signinToken = "";
let inviteToken = "";
let requestToken = "";

beforeAll(async () => {
  const db = getDb();
  admin = await makeUser({ name: "Mama Fuzz" });
  ({ familyId } = await makeFamily(admin, "Gezin Fuzz"));
  const memberId = addMember(db, familyId, admin.id, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
  const goalId = createGoal(db, familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [memberId] });
  const step = createStep(db, familyId, admin.id, goalId, { what: "Wekker zetten", when: "elke avond", who: "together" });
  const whatIfId = createWhatIf(db, familyId, admin.id, { situation: "papa wordt boos", earlySigns: "", actions: "naar boven", informs: "", phones: "", lastCheckedOn: null });
  const personId = createNetworkPerson(db, familyId, admin.id, { name: "Oma Ria", kind: "informal", relation: "oma", organisation: "", phone: "" });
  const note = createProgressNote(db, familyId, admin.id, { text: "Goed gegaan", goalId: null, mood: 4 });
  const strength = createStrength(db, familyId, admin.id, { kind: "proud", memberId, text: "Sem kan zwemmen" });
  if (!("id" in strength)) throw new Error("strength not made");
  const consent = await makeConsent(familyId, admin.id, { scopes: { goals: "write", strengths: "write", progress: "write", whatifs: "read", network: "read" } });
  professional = consent.professional;
  const pending = createConsent(db, familyId, admin.id, {
    name: "Juf Anna",
    organisation: "School",
    role: "juf",
    purpose: "Meekijken",
    email: "",
    scopes: { goals: "read" },
    endsAt: Date.now() + 90 * 24 * 60 * 60 * 1000,
  });
  inviteToken = pending.token;
  // A coach, so "De coaching stopt" has someone to hand over from.
  const { setTeam } = await import("../../app/plan/team.server");
  setTeam(db, familyId, admin.id, { coach: consent.consentId, second: null, teamPage: true });
  const { createJoinLink } = await import("../../app/plan/join-links.server");
  const invited = createJoinLink(db, familyId, admin.id, { memberId }, "member");
  if ("token" in invited) joinToken = invited.token as string;
  const { createEmailLink } = await import("../../app/auth/email-links.server");
  const { hashPassword } = await import("../../app/auth/password.server");
  signupToken = createEmailLink(db, { purpose: "signup", email: "nieuw@fuzz.test", payload: { name: "Nieuw", passwordHash: await hashPassword("een lang wachtwoord"), redirectTo: "/" } });
  resetToken = createEmailLink(db, { purpose: "reset", email: admin.email, userId: admin.id });
  signinToken = createEmailLink(db, { purpose: "signin", email: admin.email, userId: admin.id });
  const { createAccessRequest } = await import("../../consent/requests");
  const asker = await makeUser({ name: "Juf Vraag" });
  requestToken = createAccessRequest(db, asker.id, { scopes: { goals: "read" }, endsAt: Date.now() + 60 * 24 * 60 * 60 * 1000, note: "Meekijken", role: "juf" }).token;
  ids = { goalId, stepId: step.id!, whatIfId, personId, memberId, consentId: consent.consentId, pendingConsentId: pending.id, noteId: note.id!, strengthId: strength.id };
});

const TEXT = ["Water drinken in plaats van limonade", "niet meteen boos reageren bij ruzie"];
const LIFE_AREAS = ["school", "money", "home", "nonsense"];
const fam = () => `/f/${familyId}`;
const f = () => ({ familyId });
const asAdmin = () => admin;

const ROUTES = import.meta.glob<{ action?: (args: any) => unknown; loader?: (args: any) => unknown }>("../../app/routes/**/*.{ts,tsx}", { eager: true });
const actionOf = (file: string) => ROUTES[`../../app/routes/${file}`]!.action!;

const CASES: Case[] = [
  { name: "start a family", file: "families.tsx", path: () => "/families", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "name", valid: ["Gezin Jansen"], words: true, max: 100 }, { name: "memberName", valid: ["Samira"], words: true, max: 100 }, { name: "relation", valid: ["mama", ""] }] },
  { name: "sign up", file: "signup.tsx", path: () => "/signup", params: () => ({}), who: () => null,
    fields: () => [{ name: "name", valid: ["Samira"] }, { name: "email", valid: ["fuzz@example.nl", "geen-email"] }, { name: "password", valid: ["een lang wachtwoord", "kort"] }] },
  { name: "finish a sign-up", file: "signup-confirm.tsx", path: () => `/signup/${signupToken}`, params: () => ({ token: signupToken }), who: () => null,
    fields: () => [{ name: "anything", valid: ["x"] }] },
  { name: "sign in", file: "login.tsx", path: () => "/login", params: () => ({}), who: () => null,
    fields: () => [{ name: "intent", valid: ["", "passkey"] }, { name: "challengeId", valid: ["nope"] }, { name: "answer", valid: ["{}", "nonsense"] }, { name: "email", valid: [admin.email] }, { name: "password", valid: ["fout wachtwoord"] }, { name: "redirectTo", valid: ["/families", "https://evil.example", "//evil.example"] }] },
  { name: "forgot password", file: "forgot.tsx", path: () => "/forgot", params: () => ({}), who: () => null,
    fields: () => [{ name: "email", valid: [admin.email, "fuzz@example.nl", "geen-email"] }, { name: "intent", valid: ["reset", "signin", "maybe"] }, { name: "redirectTo", valid: ["/families", "//evil.example"] }] },
  { name: "new password by link", file: "reset.tsx", path: () => `/reset/${resetToken}`, params: () => ({ token: resetToken }), who: () => null,
    fields: () => [{ name: "password", valid: ["een nieuw lang wachtwoord", "kort"] }, { name: "intent", valid: ["", "passkey", "other"] }] },
  { name: "inloglink", file: "signin-link.tsx", path: () => `/signin/${signinToken}`, params: () => ({ token: signinToken }), who: () => null,
    fields: () => [{ name: "anything", valid: ["x"] }] },
  { name: "second step at sign-in", file: "login-step.tsx", path: () => "/login/step", params: () => ({}), who: () => null,
    fields: () => [{ name: "code", valid: ["123456", "abcde-fghij"] }] },
  { name: "second step in my account", file: "account-two-step.tsx", path: () => "/account/two-step", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["start", "confirm", "verify", "codes", "remove", "maybe"] }, { name: "code", valid: ["123456", "abcde-fghij"] }] },
  { name: "passkey challenge", file: "passkey-options.ts", path: () => "/passkeys/options", params: () => ({}), who: () => null,
    fields: () => [{ name: "purpose", valid: ["signin", "add", "confirm", "maybe"] }] },
  { name: "add a passkey", file: "account-passkeys.tsx", path: () => "/account/passkeys", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "name", valid: ["Telefoon", ""], words: true, max: 60 }, { name: "challengeId", valid: ["nope", ""] }, { name: "answer", valid: ["{}", "{\"id\":\"x\",\"rawId\":\"x\",\"type\":\"public-key\",\"response\":{}}", "nonsense"] }], fixed: () => ({ intent: "add" }) },
  { name: "passkeys: confirm, remove", file: "account-passkeys.tsx", path: () => "/account/passkeys", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["confirm", "remove", "maybe"] }, { name: "challengeId", valid: ["nope", ""] }, { name: "answer", valid: ["{}", "nonsense"] }, { name: "passkey", valid: ["nope"] }] },
  { name: "change language", file: "language.tsx", path: () => "/language", params: () => ({}), who: () => null,
    fields: () => [{ name: "lang", valid: ["nl", "en", "xx"] }, { name: "redirectTo", valid: ["/", "https://evil.example", "//evil.example", "/\\evil.example"] }] },
  { name: "new goal", file: "family/goal-new.tsx", path: () => `${fam()}/goals/new`, params: f, who: asAdmin,
    fields: () => [{ name: "shareWith", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "title", valid: TEXT, words: true, max: 300 }, { name: "lifeArea", valid: LIFE_AREAS }, { name: "term", valid: ["short", "long", "forever"] }, { name: "memberIds", valid: [ids.memberId, "someone-else"] }] },
  { name: "edit goal", file: "family/goal-edit.tsx", path: () => `${fam()}/goals/${ids.goalId}/edit`, params: () => ({ familyId, goalId: ids.goalId }), who: asAdmin,
    fields: () => [{ name: "title", valid: TEXT, words: true, max: 300 }, { name: "lifeArea", valid: LIFE_AREAS }, { name: "term", valid: ["short", "long"] }] },
  { name: "goal page: step, status", file: "family/goal.tsx", path: () => `${fam()}/goals/${ids.goalId}`, params: () => ({ familyId, goalId: ids.goalId }), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["step", "status", "step-done", "step-undone", "other"] }, { name: "what", valid: TEXT }, { name: "who", valid: ["together", `member:${ids.memberId}`, "member:unknown", `network:${ids.personId}`, `professional:${ids.consentId}`, "professional:nope"] }, { name: "when", valid: ["morgen", ""] }, { name: "startsOn", valid: ["2027-01-12", "", "2027-02-30"] }, { name: "endsOn", valid: ["2027-01-14", "", "2027-01-01"] }, { name: "status", valid: ["active", "reached", "gone"] }, { name: "stepId", valid: [ids.stepId, "nope"] }] },
  { name: "edit step", file: "family/step-edit.tsx", path: () => `${fam()}/goals/${ids.goalId}/steps/${ids.stepId}`, params: () => ({ familyId, goalId: ids.goalId, stepId: ids.stepId }), who: asAdmin,
    fields: () => [{ name: "what", valid: TEXT, words: true, max: 300 }, { name: "who", valid: ["together", `member:${ids.memberId}`] }, { name: "when", valid: ["vanavond"] }, { name: "startsOn", valid: ["2027-01-12", "", "2027-02-30"] }, { name: "endsOn", valid: ["2027-01-14", "", "2027-01-01"] }] },
  { name: "plan page: note and order", file: "family/plan.tsx", path: fam, params: f, who: asAdmin,
    fields: () => [{ name: "intent", valid: ["progress", "move"] }, { name: "text", valid: ["vandaag gelukt: op tijd naar school"] }, { name: "mood", valid: ["1", "5", "6", ""] }, { name: "goalId", valid: [ids.goalId, "", "other"] }, { name: "direction", valid: ["up", "down", "sideways"] }] },
  { name: "progress page", file: "family/progress.tsx", path: () => `${fam()}/progress`, params: f, who: asAdmin,
    fields: () => [{ name: "text", valid: ["vandaag gelukt: op tijd naar school"], words: true, max: 1000 }, { name: "mood", valid: ["3", "0"] }, { name: "goalId", valid: [ids.goalId, ""] }], fixed: () => ({ intent: "progress" }) },
  { name: "new wat-als", file: "family/whatif-new.tsx", path: () => `${fam()}/what-ifs/new`, params: f, who: asAdmin,
    fields: () => [{ name: "shareWith", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "situation", valid: ["papa wordt heel boos"], words: true, max: 300 }, { name: "earlySigns", valid: ["hard praten"] }, { name: "actions", valid: ["naar boven"] }, { name: "informs", valid: ["mama belt coach"] }, { name: "phones", valid: ["Oma 06 12345678"] }, { name: "lastCheckedOn", valid: ["2026-03-14", "14-03-2026", "31-02-2026", ""] }] },
  { name: "edit wat-als", file: "family/whatif-edit.tsx", path: () => `${fam()}/what-ifs/${ids.whatIfId}`, params: () => ({ familyId, whatIfId: ids.whatIfId }), who: asAdmin,
    fields: () => [{ name: "situation", valid: ["papa wordt heel boos"], words: true, max: 300 }, { name: "actions", valid: ["naar boven"] }, { name: "phones", valid: ["112"] }, { name: "lastCheckedOn", valid: ["2026-03-14"] }] },
  { name: "wat-als checked today", file: "family/whatifs.tsx", path: () => `${fam()}/what-ifs`, params: f, who: asAdmin,
    fields: () => [{ name: "whatIfId", valid: [ids.whatIfId, "nope"] }, { name: "intent", valid: ["checked", "", "used", "maybe"] }] },
  { name: "wat-als used", file: "family/whatifs.tsx", path: () => `${fam()}/what-ifs`, params: f, who: asAdmin,
    fields: () => [{ name: "whatIfId", valid: [ids.whatIfId, "nope"] }, { name: "howItWent", valid: ["Ging goed, papa liep naar buiten", ""], words: true, max: 300 }, { name: "usedOn", valid: ["", "2026-03-14", "14-3-2026", "31-02-2026", "2999-01-01"] }], fixed: () => ({ intent: "used" }) },
  { name: "wat gaat goed: add", file: "family/strengths.tsx", path: () => `${fam()}/strengths`, params: f, who: asAdmin,
    fields: () => [{ name: "shareWith", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "kind", valid: ["going_well", "proud", "sad"] }, { name: "memberId", valid: ["", ids.memberId, "someone-else"] }, { name: "text", valid: ["Sem gaat graag naar school"], words: true, max: 300 }] },
  { name: "wat gaat goed: change", file: "family/strength-edit.tsx", path: () => `${fam()}/strengths/${ids.strengthId}`, params: () => ({ familyId, strengthId: ids.strengthId }), who: asAdmin,
    fields: () => [{ name: "kind", valid: ["going_well", "proud", ""] }, { name: "memberId", valid: ["", ids.memberId, "someone-else"] }, { name: "text", valid: ["Sem kan al zwemmen"], words: true, max: 300 }] },
  { name: "new network person", file: "family/network-new.tsx", path: () => `${fam()}/network/new`, params: f, who: asAdmin,
    fields: () => [{ name: "shareWith", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "name", valid: ["Buurvrouw Fatima"], words: true, max: 100 }, { name: "kind", valid: ["informal", "professional", "enemy"] }, { name: "relation", valid: ["buurvrouw"] }, { name: "organisation", valid: [""] }, { name: "phone", valid: ["06 12345678", "bel me"] }] },
  { name: "edit network person", file: "family/network-edit.tsx", path: () => `${fam()}/network/${ids.personId}`, params: () => ({ familyId, personId: ids.personId }), who: asAdmin,
    fields: () => [{ name: "name", valid: ["Oma Ria"], words: true, max: 100 }, { name: "kind", valid: ["informal"] }, { name: "phone", valid: ["+31 6 12345678"] }] },
  { name: "new member", file: "family/member-new.tsx", path: () => `${fam()}/members/new`, params: f, who: asAdmin,
    fields: () => [{ name: "name", valid: ["Opa Kees"], words: true, max: 100 }, { name: "relation", valid: ["opa"] }, { name: "livesAtHome", valid: ["yes", "sometimes", "no", "maybe"] }, { name: "invite", valid: ["", "member", "admin", "king"] }] },
  { name: "edit member", file: "family/member-edit.tsx", path: () => `${fam()}/members/${ids.memberId}`, params: () => ({ familyId, memberId: ids.memberId }), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["save", "relogin"] }, { name: "name", valid: ["Sem"], words: true, max: 100 }, { name: "relation", valid: ["zoon"] }, { name: "livesAtHome", valid: ["yes"] }, { name: "role", valid: ["member", "admin", "god"] }] },
  { name: "delete the family", file: "family/family-delete.tsx", path: () => `${fam()}/delete-family`, params: f, who: asAdmin,
    fields: () => [{ name: "name", valid: ["Gezin Fuzz", " Gezin Fuzz ", "gezin fuzz", ""] }, { name: "password", valid: ["een lang wachtwoord", "fout wachtwoord", ""] }] },
  // Only wrong passwords: the right one would really ask to delete the test user's account.
  { name: "delete my account", file: "account-delete.tsx", path: () => "/account/delete", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "confirm", valid: ["yes", "no", ""] }, { name: "password", valid: ["fout wachtwoord", ""] }] },
  { name: "keep a family being deleted", file: "families.tsx", path: () => "/families", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "familyId", valid: [familyId, "nope", ""] }], fixed: () => ({ intent: "keep" }) },
  { name: "member links", file: "family/members.tsx", path: () => `${fam()}/members`, params: f, who: asAdmin,
    fields: () => [{ name: "intent", valid: ["invite", "revoke"] }, { name: "memberId", valid: [ids.memberId, "nope"] }, { name: "role", valid: ["member", "admin"] }, { name: "invitationId", valid: ["nope"] }] },
  { name: "invite a professional", file: "family/access-new.tsx", path: () => `${fam()}/access/new`, params: f, who: asAdmin,
    fields: () => [{ name: "name", valid: ["Juf Sanne"], words: true, max: 120 }, { name: "organisation", valid: ["De Linde"] }, { name: "role", valid: ["juf van Sam"] }, { name: "purpose", valid: ["Meekijken hoe het op school gaat"], words: true, max: 1000 }, { name: "email", valid: ["", "juf@school.nl", "geen mail"] }, { name: "goals", valid: ["read", "write", "none", "admin"] }, { name: "whatifs", valid: ["none"] }, { name: "progress", valid: ["read"] }, { name: "network", valid: ["none", "read"] }, { name: "endsOn", valid: ["2027-03-01", "2030-01-01", "gisteren"] }, ...recordChoice()], groups: ["parts"] },
  { name: "change or revoke access", file: "family/access-edit.tsx", path: () => `${fam()}/access/${ids.consentId}`, params: () => ({ familyId, consentId: ids.consentId }), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["change", "revoke", "new-link", "explode"] }, { name: "goals", valid: ["read", "write", "none"] }, { name: "progress", valid: ["none", "read"] }, { name: "endsOn", valid: ["2027-01-01", "1999-01-01"] }, ...recordChoice()], groups: ["parts"] },
  { name: "delete", file: "family/delete.tsx", path: () => `${fam()}/delete/goal/${ids.goalId}`, params: () => ({ familyId, entity: "goal", id: ids.goalId }), who: asAdmin,
    fields: () => [{ name: "confirm", valid: ["yes"] }] },
  { name: "samen terugkijken", file: "family/reviews-new.tsx", path: () => `${fam()}/reviews/new`, params: f, who: asAdmin,
    fields: () => [{ name: "heldOn", valid: ["2026-06-03", "03-06-2026", "", "31-02-2026", "2999-01-01"] }, { name: "present", valid: ["Mama, papa en Marco (coach)", ""], words: true, max: 300 }, { name: `howItWent-${ids.goalId}`, valid: ["Vaak op tijd, soms niet.", ""], words: true, max: 1000 }, { name: `next-${ids.goalId}`, valid: ["reached", "continue", "change", "stop", "pause"] }, { name: "note", valid: ["We zijn trots.", ""], words: true, max: 1000 }, { name: "nextOn", valid: ["", "2027-06-01", "2026-01-01", "morgen"] }] },
  { name: "the coach and the team page", file: "family/team.tsx", path: () => `${fam()}/team`, params: f, who: asAdmin,
    fields: () => [{ name: "coach", valid: [ids.consentId, ids.pendingConsentId, "", "nope"] }, { name: "second", valid: [ids.consentId, "", "nope"] }, { name: "teamPage", valid: ["on", "off", "maybe", ""] }] },
  { name: "coaching ends: hand over or waakvlam", file: "family/team-end.tsx", path: () => `${fam()}/team/end`, params: f, who: asAdmin,
    fields: () => [{ name: "intent", valid: ["handover", "waakvlam", "", "maybe"] }, { name: "to", valid: [ids.pendingConsentId, ids.consentId, "", "nope"] }, { name: "endOld", valid: ["yes", "no"] }, { name: "keep", valid: [ids.pendingConsentId, ids.consentId, "nope"] }, { name: "checkinMail", valid: ["yes", "", "maybe"] }] },
  { name: "we want help again", file: "family/help.tsx", path: () => `${fam()}/help`, params: f, who: asAdmin,
    fields: () => [{ name: "anything", valid: ["x"] }] },
  { name: "my account", file: "account.tsx", path: () => "/account", params: () => ({}), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["password", "", "end", "maybe"] }, { name: "session", valid: ["nope"] }, { name: "current", valid: ["een lang wachtwoord", "fout"] }, { name: "password", valid: ["een nieuw lang wachtwoord", "kort"] }] },
  { name: "join link", file: "join.tsx", path: () => `/join/${joinToken}`, params: () => ({ token: joinToken }), who: () => professional,
    fields: () => [{ name: "anything", valid: ["x"] }] },
  { name: "claim an invitation", file: "invite.tsx", path: () => `/invite/${inviteToken}`, params: () => ({ token: inviteToken }), who: () => professional,
    fields: () => [{ name: "organisation", valid: ["Basisschool De Linde", ""] }] },
  { name: "professional adds a step", file: "care/goals.tsx", path: () => `/care/${familyId}/goals`, params: f, who: () => professional,
    fields: () => [{ name: "goalId", valid: [ids.goalId, "nope"] }, { name: "what", valid: ["Oefenen met de wekker"], words: true, max: 300 }, { name: "who", valid: ["together", `member:${ids.memberId}`, `network:${ids.personId}`, `professional:${ids.consentId}`, `professional:${ids.pendingConsentId}`] }, { name: "when", valid: ["woensdag"] }, { name: "startsOn", valid: ["2027-01-12", "", "2027-02-30"] }, { name: "endsOn", valid: ["2027-01-14", "", "2027-01-01"] }] },
  { name: "professional writes what goes well", file: "care/strengths.tsx", path: () => `/care/${familyId}/strengths`, params: f, who: () => professional,
    fields: () => [{ name: "kind", valid: ["going_well", "proud", "other"] }, { name: "memberId", valid: ["", ids.memberId, "nope"] }, { name: "text", valid: ["Sem hielp een klasgenoot"], words: true, max: 300 }] },
  { name: "professional adds a note", file: "care/progress.tsx", path: () => `/care/${familyId}/progress`, params: f, who: () => professional,
    fields: () => [{ name: "text", valid: ["Sem was op tijd"], words: true, max: 1000 }, { name: "mood", valid: ["4", "9"] }, { name: "goalId", valid: [ids.goalId, ""] }], fixed: () => ({ intent: "progress" }) },
  { name: "weekly summary by mail, on or off", file: "family/looks.tsx", path: () => `${fam()}/looks`, params: f, who: asAdmin,
    fields: () => [{ name: "weekly", valid: ["on", "off", "maybe"] }] },
  { name: "professional asks for more", file: "care/overview.tsx", path: () => `/care/${familyId}`, params: f, who: () => professional,
    fields: () => [{ name: "consentId", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "goals", valid: ["read", "write", "none", "all"] }, { name: "progress", valid: ["write"] }, { name: "endsOn", valid: ["2027-03-01", "2099-01-01", "morgen"] }, { name: "note", valid: ["Ik wil de notities zien"], words: true, max: 1000 }], groups: ["parts"] },
  { name: "professional makes a request link", file: "care/ask.tsx", path: () => "/care/ask", params: () => ({}), who: () => professional,
    fields: () => [{ name: "goals", valid: ["read", "none"] }, { name: "endsOn", valid: ["2027-03-01", "1999-01-01"] }, { name: "role", valid: ["juf van Sem"] }, { name: "note", valid: ["Ik ben de juf"], words: true, max: 1000 }], groups: ["parts"] },
  { name: "family answers a request link", file: "request.tsx", path: () => `/request/${requestToken}`, params: () => ({ token: requestToken }), who: asAdmin,
    fields: () => [{ name: "intent", valid: ["approve", "approve-less", "decline", "maybe"] }, { name: "familyId", valid: [familyId, "nope"] }, { name: "goals", valid: ["read", "none"] }, { name: "endsOn", valid: ["2027-03-01", "gisteren"] }, ...recordChoice()], groups: ["parts"] },
  { name: "professional makes a key", file: "care/tokens.tsx", path: () => `/care/${familyId}/tokens`, params: f, who: () => professional,
    fields: () => [{ name: "intent", valid: ["create", "revoke"] }, { name: "consentId", valid: [ids.consentId, ids.pendingConsentId, "nope"] }, { name: "label", valid: ["Ons dossier"], words: true, max: 100 }, { name: "tokenId", valid: ["nope"] }] },
];

/** "Alles" or "alleen deze" on the consent form: real ids, foreign ids, nonsense. */
function recordChoice(): Field[] {
  return [
    { name: "goals.which", valid: ["all", "chosen", "maybe"] },
    { name: "goals.pick", valid: [ids.goalId, ids.stepId, "nope"] },
    { name: "strengths.which", valid: ["all", "chosen"] },
    { name: "strengths.pick", valid: [ids.strengthId, ids.goalId] },
    { name: "network.which", valid: ["chosen"] },
    { name: "network.pick", valid: [ids.personId, ids.goalId] },
    { name: "progress.which", valid: ["all", "goals"] },
    { name: "progress.withoutGoal", valid: ["yes", "no"] },
  ];
}

// ---------------------------------------------------------------------------

const locales = path.resolve("locales");
function message(lang: string, key: string): unknown {
  const [ns, rest] = key.includes(":") ? key.split(":") : ["common", key];
  const file = path.join(locales, lang, `${ns}.json`);
  if (!fs.existsSync(file)) return undefined;
  return rest.split(".").reduce((node: any, part) => node?.[part], JSON.parse(fs.readFileSync(file, "utf8")));
}

const TABLES = ["users", "families", "members", "goals", "goal_members", "steps", "what_ifs", "what_if_uses", "progress_notes", "network_people", "consents", "consent_versions", "consent_invitations", "api_tokens", "access_log", "family_invitations", "changes", "reviews", "review_goals", "strengths"];
// Signing in or out rightly changes sessions; everything else must stay put on a refusal.
function fingerprint() {
  const client = getDb().$client;
  return TABLES.map((table) => JSON.stringify(client.prepare(`select * from ${table} order by rowid`).all())).join("\n");
}

async function attempt(test: Case, form: Record<string, string>) {
  const client = getDb().$client;
  resetRateLimits();
  client.exec("BEGIN");
  try {
    const before = fingerprint();
    const user = test.who();
    let result: Result;
    try {
      result = await call(actionOf(test.file), makeRequest(test.path(), { cookie: user?.cookie, form }), test.params());
    } catch (error) {
      // call() turns responses into results; anything still thrown would be a 500.
      throw new Error(`${test.name} threw ${String(error)} for ${JSON.stringify(form).slice(0, 300)}`);
    }
    return { result, before, after: fingerprint() };
  } finally {
    client.exec("ROLLBACK");
  }
}

describe("every action, given anything", () => {
  for (const test of CASES) {
    it(test.name, async () => {
      const fields = test.fields();
      const formArb = fc.record(Object.fromEntries(fields.map((field) => [field.name, payload(field.valid)])), { requiredKeys: [] });
      await fc.assert(
        fc.asyncProperty(formArb, async (randomForm) => {
          const form = { ...(randomForm as Record<string, string>), ...test.fixed?.() };
          // What a browser can send: text travels as UTF-8, so half an emoji (a lone
          // surrogate) arrives as U+FFFD. The checks below speak of what arrived.
          const sent = Object.fromEntries(Object.entries(form).map(([key, value]) => [key, asSent(value)]));
          const { result, before, after } = await attempt(test, form);
          const shown = JSON.stringify(form).slice(0, 200);
          expect(result.status, `${test.name}: ${shown}`).toBeLessThan(500);
          // Too long is refused, with the message at that field; far too long is not sent back.
          for (const field of fields.filter((f) => f.max)) {
            const value = (sent[field.name] ?? "").trim();
            // Characters as people count them (and zod does): 👍 is one, not two.
            const characters = [...value].length;
            if (characters <= field.max!) continue;
            expect(result.status, `${test.name}: ${field.name} of ${characters} characters was taken`).toBeGreaterThanOrEqual(400);
            if (result.data?.errors?.[field.name] !== undefined) expect(result.data.errors[field.name], `${test.name}: ${field.name}`).toBe("errors.tooLong");
            if (characters > 2 * field.max!) expect(JSON.stringify(result.data ?? null), `${test.name}: ${field.name} was sent back`).not.toContain(JSON.stringify(value).slice(1, -1));
          }
          if (result.status >= 400) {
            // A refusal stores nothing at all.
            expect(after === before, `${test.name} stored something on ${result.status}: ${shown}`).toBe(true);
            const errors: Record<string, string> = result.data?.errors ?? {};
            for (const [field, key] of Object.entries(errors)) {
              // The message sits next to a field that was on the form (or on the form as a whole).
              expect(field === "form" || test.groups?.includes(field) || fields.some((f) => f.name === field), `${test.name}: error on unknown field ${field}`).toBe(true);
              for (const lang of ["nl", "en"]) expect(typeof message(lang, key), `${lang} message for ${key}`).toBe("string");
            }
          } else if (result.status === 302 || result.status === 200) {
            // Stored as written: only the outer spaces go.
            for (const field of fields.filter((f) => f.words)) {
              const value = sent[field.name]?.trim();
              if (value && after !== before) expect(after, `${test.name}: ${field.name} was not stored as written`).toContain(JSON.stringify(value).slice(1, -1));
            }
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("covers every route that has an action", () => {
    const withAction = Object.entries(ROUTES)
      .filter(([, module]) => typeof module.action === "function")
      .map(([file]) => file.replace("../../app/routes/", ""));
    const coveredByName = new Set(CASES.map((c) => c.file));
    // Signing out takes no input; the API refuses every post with 405 (tested in api.test.ts).
    const exempt = new Set(["logout.tsx", "api/plan.ts"]);
    expect(withAction.filter((file) => !coveredByName.has(file) && !exempt.has(file))).toEqual([]);
  });
});

describe("what a refusal looks like", () => {
  it("an empty required field gets 'Vul dit in.' and a too long one 'Dit is te lang.', next to that field", async () => {
    const test = CASES.find((c) => c.name === "new goal")!;
    const empty = await attempt(test, { title: "   ", lifeArea: "school", term: "short" });
    expect(empty.result.status).toBe(400);
    expect(empty.result.data.errors).toEqual({ title: "errors.required" });
    expect(message("nl", "errors.required")).toBe("Vul dit in.");
    const long = await attempt(test, { title: "a".repeat(5000), lifeArea: "school", term: "short" });
    expect(long.result.data.errors).toEqual({ title: "errors.tooLong" });
    const control = await attempt(test, { title: "nul\u0000byte", lifeArea: "school", term: "short" });
    expect(control.result.data.errors).toEqual({ title: "errors.invalidCharacters" });
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from goals where title like 'nul%'`)!.n).toBe(0);
  });
});

describe("text as it travels", () => {
  it("half an emoji arrives as U+FFFD, and the words are stored as they arrived", async () => {
    const test = CASES.find((c) => c.name === "new member")!;
    const { result, after } = await attempt(test, { name: "Opa \uD83D Kees", relation: "opa", livesAtHome: "yes" });
    expect(result.status).toBe(302);
    expect(asSent("Opa \uD83D Kees")).toBe("Opa \uFFFD Kees");
    expect(after).toContain(JSON.stringify(asSent("Opa \uD83D Kees")).slice(1, -1));
  });
});

describe("names picked from the address", () => {
  // The kind of thing to delete comes from the URL; a name every JavaScript object
  // answers to must be as unknown as any other word.
  const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__", "goal ", "GOAL"];

  it("an unknown kind on the delete page is a 404 for the page and for the post, and nothing changes", async () => {
    const test = CASES.find((c) => c.name === "delete")!;
    const module = ROUTES[`../../app/routes/${test.file}`];
    for (const entity of NAMES) {
      const params = { familyId, entity, id: ids.goalId };
      const path = `/f/${familyId}/delete/${encodeURIComponent(entity)}/${ids.goalId}`;
      const page = await call(module.loader!, makeRequest(path, { cookie: admin.cookie }), params);
      expect(page.status, entity).toBe(404);
      const client = getDb().$client;
      client.exec("BEGIN");
      try {
        const before = fingerprint();
        const post = await call(module.action!, makeRequest(path, { cookie: admin.cookie, form: { confirm: "yes" } }), params);
        expect(post.status, entity).toBe(404);
        expect(fingerprint() === before, entity).toBe(true);
      } finally {
        client.exec("ROLLBACK");
      }
    }
  });

  it("a form field with such a name is only a field", async () => {
    const test = CASES.find((c) => c.name === "new goal")!;
    // JSON.parse makes "__proto__" an own key, as a form field would be.
    const form = JSON.parse('{"title":"Fietsen","lifeArea":"school","term":"short","constructor":"x","__proto__":"y","toString":"z"}');
    const { result } = await attempt(test, form);
    expect(result.status).toBe(302);
  });
});
