import { createPublicKey } from "node:crypto";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { members } from "../../db/schema";
import { readThroughGate } from "../../consent/gate";
import { changeConsent, revokeConsent } from "../../consent/grants";
import { newId } from "../../consent/tokens";
import { receiptIsSigned } from "../../consent/witness";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { goalsPart } from "../../app/plan/parts.server";
import { createWhatIf, recordWhatIfUse } from "../../app/plan/whatifs.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createStrength } from "../../app/plan/strengths.server";
import * as exportFile from "../../app/routes/family/export-json";
import * as exportPage from "../../app/routes/family/export";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, makeRequest, routeArgs, inLanguage } from "../support/routes";
import { validateExport } from "../support/export-schema";
import { createReview } from "../../app/plan/reviews.server";

// "Download alles": the file an admin or a member takes with them, checked against
// the schema we publish in docs/, so someone else's program can read it.

const validate = validateExport;

async function download(familyId: string, cookie: string | undefined, what?: string) {
  const path = `/f/${familyId}/export.json${what ? `?what=${what}` : ""}`;
  try {
    const response = (await exportFile.loader(routeArgs(makeRequest(path, { cookie }), { familyId }) as any)) as Response;
    return { status: response.status, response, body: response.status === 200 ? await response.json() : null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown, body: null };
    throw thrown;
  }
}

/** A family with something in every part, a professional who looked, and a second member. */
async function fullFamily() {
  const family = await makeFamily(await makeUser({ name: "Samira" }), "Gezin El Amrani");
  const { familyId, admin } = family;
  const db = getDb();
  const dennis = await makeUser({ name: "Dennis" });
  const dennisMember = newId();
  db.insert(members).values({ id: dennisMember, familyId, name: "Dennis", relation: "papa", userId: dennis.id, role: "member" }).run();
  const school = createGoal(db, familyId, admin.id, { title: "Sem gaat  elke dag op tijd naar school", lifeArea: "school", term: "short", memberIds: [family.adminMemberId] });
  createStep(db, familyId, admin.id, school, { what: "Wekker om 7 uur", when: "elke schooldag", who: "together" });
  const dennisGoal = createGoal(db, familyId, dennis.id, { title: "Minder boos worden", lifeArea: "mind", term: "long", memberIds: [dennisMember] });
  createStep(db, familyId, dennis.id, school, { what: "Sem naar school brengen", when: "woensdag", who: `member:${dennisMember}`, startsOn: "2027-01-13", endsOn: "2027-01-15" });
  const angry = createWhatIf(db, familyId, admin.id, { situation: "Als papa boos wordt", earlySigns: "hard praten", actions: "naar buiten", informs: "oma", phones: "06 12345678", lastCheckedOn: "2026-11-01" });
  recordWhatIfUse(db, familyId, dennis.id, angry, { usedOn: "2026-11-20", howItWent: "Naar buiten gelopen.  Ging goed." });
  createProgressNote(db, familyId, admin.id, { text: "vandaag gelukt: op tijd naar school", goalId: school, mood: 4 });
  createProgressNote(db, familyId, dennis.id, { text: "Rustig gebleven", goalId: dennisGoal, mood: null });
  createStrength(db, familyId, admin.id, { kind: "going_well", memberId: null, text: "We eten  samen" });
  createStrength(db, familyId, dennis.id, { kind: "proud", memberId: dennisMember, text: "Papa bleef rustig" });
  createNetworkPerson(db, familyId, admin.id, { name: "Oma Fatima", kind: "informal", relation: "oma", organisation: "", phone: "06 87654321" });
  const teacher = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, selection: { goals: [school] } });
  changeConsent(db, familyId, admin.id, teacher.consentId, { scopes: { goals: "read", progress: "read" }, selection: { goals: [school], progress: { withoutGoal: false } }, endsAt: Date.now() + 30 * 86_400_000 });
  readThroughGate(db, webAccess(teacher.professional.id, familyId), "goals", (grants) => goalsPart(db, familyId, grants).map((goal) => goal.id), { recordIds: (ids) => ids });
  const stopped = await makeConsent(familyId, admin.id, { scopes: { network: "read" } });
  revokeConsent(db, familyId, admin.id, stopped.consentId);
  return { ...family, dennis, dennisMember, school, dennisGoal, teacher, stopped };
}

describe("Download alles: the family's file", () => {
  it("holds the whole family for an admin, in the family's own words, and validates against the schema in docs/", async () => {
    const { familyId, admin, dennis, school, dennisGoal, teacher, stopped } = await fullFamily();
    const { status, response, body } = await download(familyId, admin.cookie);
    expect(status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="groeiplan-gezin-\d{4}-\d\d-\d\d\.json"$/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");

    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body).toMatchObject({ format: "groeiplan-export", formatVersion: 1, kind: "family", exportedBy: admin.id, family: { id: familyId, name: "Gezin El Amrani" } });
    // Written as the family wrote it, double space and all.
    expect(body.goals.map((goal: any) => goal.title)).toEqual(["Sem gaat  elke dag op tijd naar school", "Minder boos worden"]);
    expect(body.goals.find((goal: any) => goal.id === dennisGoal).createdBy).toBe(dennis.id);
    expect(body.steps.filter((step: any) => step.goalId === school).map((step: any) => step.what)).toEqual(["Wekker om 7 uur", "Sem naar school brengen"]);
    expect(body.steps.find((step: any) => step.what === "Sem naar school brengen")).toMatchObject({ startsOn: "2027-01-13", endsOn: "2027-01-15" });
    expect(body.whatIfs[0]).toMatchObject({ situation: "Als papa boos wordt", phones: "06 12345678", lastCheckedOn: "2026-11-01" });
    expect(body.whatIfUses).toEqual([expect.objectContaining({ whatIfId: body.whatIfs[0].id, usedOn: "2026-11-20", howItWent: "Naar buiten gelopen.  Ging goed." })]);
    expect(body.progress.map((note: any) => note.text)).toEqual(["vandaag gelukt: op tijd naar school", "Rustig gebleven"]);
    expect(body.network.map((person: any) => person.name)).toEqual(["Oma Fatima"]);
    expect(body.strengths.map((s: any) => [s.kind, s.memberId, s.text, s.createdBy])).toEqual([
      ["going_well", null, "We eten  samen", admin.id],
      ["proud", body.members[1].id, "Papa bleef rustig", dennis.id],
    ]);
    expect(body.members.map((member: any) => member.name)).toEqual(["Samira", "Dennis"]);

    // Every consent, the stopped one too, with every version.
    const shared = body.consents.find((consent: any) => consent.id === teacher.consentId);
    expect(shared.versions.map((version: any) => [version.version, version.kind, version.scopes])).toEqual([
      [1, "change", { goals: "read" }],
      [2, "change", { goals: "read", progress: "read" }],
    ]);
    expect(shared.selection).toEqual({ goals: [school], progress: { withoutGoal: false } });
    expect(body.consents.find((consent: any) => consent.id === stopped.consentId).status).toBe("revoked");

    // The teacher's look, exactly what was read, under which version, and who she is.
    expect(body.accessLog).toHaveLength(1);
    expect(body.accessLog[0]).toMatchObject({ seq: 1, actorUserId: teacher.professional.id, consentId: teacher.consentId, consentVersion: 2, section: "goals", recordIds: [school], action: "read" });
    expect(body.people).toContainEqual({ id: teacher.professional.id, name: "Sanne de Boer", organisation: "Basisschool De Linde" });

    // "Wie veranderde wat?" from the first change on.
    expect(body.changes[0]).toMatchObject({ entity: "family", action: "create", userId: admin.id });
    expect(body.changes.some((change: any) => change.entity === "goal" && change.entityId === dennisGoal && change.userId === dennis.id)).toBe(true);

    // The receipt signs the log's newest entry with the key it carries.
    expect(body.receipt).toMatchObject({ familyId, seq: 1, hash: body.accessLog[0].hash });
    const { publicKey, at, format, howToCheck, ...signed } = body.receipt;
    expect(receiptIsSigned({ ...signed, at: Date.parse(at) }, [createPublicKey(publicKey)])).toBe(true);
  });

  it("carries no secrets: no password hashes, tokens or other members' mail addresses", async () => {
    const { familyId, admin, dennis } = await fullFamily();
    const text = JSON.stringify((await download(familyId, admin.cookie)).body);
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|\$argon|\$scrypt/i);
    expect(text).not.toContain(dennis.email);
  });

  it("the schema is strict: a file without a part, with a field it does not know or a wrong value does not validate", async () => {
    const { familyId, admin } = await fullFamily();
    const { body } = await download(familyId, admin.cookie);
    const { consents, ...withoutConsents } = body;
    expect(validate(withoutConsents)).toBe(false);
    expect(validate({ ...body, goals: [{ ...body.goals[0], secret: "x" }] })).toBe(false);
    expect(validate({ ...body, goals: [{ ...body.goals[0], lifeArea: "moon" }] })).toBe(false);
    expect(validate({ ...body, formatVersion: 2 })).toBe(false);
    expect(validate({ ...body, accessLog: [{ ...body.accessLog[0], at: "gisteren" }] })).toBe(false);
  });

  it("an empty family's file validates too, with no receipt while nobody looked", async () => {
    const { familyId, admin } = await makeFamily();
    const { body } = await download(familyId, admin.cookie);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.receipt).toBeNull();
    expect(body.accessLog).toEqual([]);
  });
});

describe("Download alles: what a member wrote", () => {
  it("a member who is not an admin gets what they wrote and their account, and not the family's file", async () => {
    const { familyId, dennis, dennisGoal, school } = await fullFamily();
    expect((await download(familyId, dennis.cookie, "family")).status).toBe(404);
    const { status, response, body } = await download(familyId, dennis.cookie);
    expect(status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/groeiplan-mijn-deel-/);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.kind).toBe("member");
    expect(body.account).toMatchObject({ name: "Dennis", email: dennis.email });
    expect(body.goals.map((goal: any) => goal.id)).toEqual([dennisGoal]);
    // His step on Samira's goal is his writing; her goal and her step are not.
    expect(body.steps.map((step: any) => [step.goalId, step.what])).toEqual([[school, "Sem naar school brengen"]]);
    expect(body.progress.map((note: any) => note.text)).toEqual(["Rustig gebleven"]);
    expect(body.whatIfs).toEqual([]);
    expect(body.strengths.map((s: any) => s.text)).toEqual(["Papa bleef rustig"]);
    expect(body.changes.every((change: any) => change.userId === dennis.id)).toBe(true);
    expect(body).not.toHaveProperty("consents");
    expect(body).not.toHaveProperty("accessLog");
    expect(JSON.stringify(body)).not.toContain("vandaag gelukt");
  });

  it("an admin can also take only what they wrote", async () => {
    const { familyId, admin } = await fullFamily();
    const { body } = await download(familyId, admin.cookie, "mine");
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.kind).toBe("member");
    expect(body.goals.map((goal: any) => goal.title)).toEqual(["Sem gaat  elke dag op tijd naar school"]);
  });
});

describe("Download alles: who may", () => {
  it("nobody outside the family gets anything: 404 for a stranger and for the family's own professional, sign in first for nobody", async () => {
    const { familyId, teacher } = await fullFamily();
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    for (const cookie of [stranger.cookie, teacher.professional.cookie]) {
      for (const what of [undefined, "family", "mine"]) {
        const refused = await download(familyId, cookie, what);
        expect(refused.status).toBe(404);
        expect(await refused.response.text()).not.toContain("El Amrani");
      }
      expect((await load(exportPage.loader, `/f/${familyId}/export`, { familyId }, cookie)).status).toBe(404);
    }
    const nobody = await download(familyId, undefined);
    expect(nobody.status).toBe(302);
    expect(nobody.response.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("Download alles: the printable page", () => {
  function render(data: unknown, lang: "nl" | "en" | "ar" = "nl") {
    const Stub = createRoutesStub([{ id: "page", path: "/export", Component: exportPage.default as any }]);
    const html = renderToString(
      inLanguage(lang, createElement(Stub, { initialEntries: ["/export"], hydrationData: { loaderData: { page: data } } })),
    );
    return html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
  }

  it("shows the same plan as the file, in the family's words, and for a member only what they wrote", async () => {
    const { familyId, admin, dennis, school } = await fullFamily();
    createReview(getDb(), familyId, admin.id, { heldOn: "2026-06-03", present: "Samira en Marco", note: "", nextOn: "2026-12-03", goals: [{ goalId: school, howItWent: "Bijna elke dag op tijd", next: "continue" }] });
    const page = await load(exportPage.loader, `/f/${familyId}/export`, { familyId }, admin.cookie);
    expect(page.status).toBe(200);
    const text = render(page.data);
    // The wat-als uses and the reviews are on paper too, not only in the file.
    expect(text).toContain("Gebruikt op 20 november 2026. Naar buiten gelopen. Ging goed.");
    expect(text).toContain("Samen teruggekeken op 3 juni 2026 Wie waren er: Samira en Marco");
    expect(text).toContain("Doorgaan · Bijna elke dag op tijd");
    // Both written in the same moment: in either order, each with its kind and for whom.
    expect(text).toContain("Papa bleef rustig Waar zijn we trots op? · Voor: Dennis");
    expect(text).toContain("We eten samen Wat gaat goed? · Voor het hele gezin");
    for (const words of ["Download alles", "Wekker om 7 uur", "Als papa boos wordt", "vandaag gelukt: op tijd naar school", "Oma Fatima", "Meekijken hoe het gaat met op tijd komen", "Sanne de Boer (Basisschool De Linde)", "Gestopt", "Alleen wat ik schreef"]) {
      expect(text).toContain(words);
    }
    expect(render(page.data, "en")).toContain("Who looked?");
    expect(render(page.data, "ar")).toContain("من اطّلع؟");

    const his = await load(exportPage.loader, `/f/${familyId}/export`, { familyId }, dennis.cookie);
    const histext = render(his.data);
    expect(histext).toContain("Rustig gebleven");
    expect(histext).not.toContain("vandaag gelukt");
    expect(histext).not.toContain("Sanne de Boer");
    expect(histext).not.toContain("Alleen wat ik schreef");
    expect((await load(exportPage.loader, `/f/${familyId}/export?what=family`, { familyId }, dennis.cookie)).status).toBe(404);
  });
});

describe("Download alles: samen terugkijken", () => {
  it("the family's file holds every review with its goals as written; a member's file the reviews they wrote", async () => {
    const { familyId, admin, dennis, school, dennisGoal } = await fullFamily();
    const db = getDb();
    const hers = createReview(db, familyId, admin.id, {
      heldOn: "2026-06-03",
      present: "Samira, Dennis  en Marco (coach)",
      note: "Trots op Sem.\nVolgende keer met oma.",
      nextOn: "2026-12-03",
      goals: [{ goalId: school, howItWent: "Bijna elke dag op tijd", next: "reached" }],
    });
    const his = createReview(db, familyId, dennis.id, { heldOn: "2026-11-20", present: "", note: "", nextOn: "2027-05-20", goals: [{ goalId: dennisGoal, howItWent: "", next: "change" }] });

    const { body } = await download(familyId, admin.cookie);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.reviews).toEqual([
      {
        id: hers,
        heldOn: "2026-06-03",
        present: "Samira, Dennis  en Marco (coach)",
        goals: [{ goalId: school, howItWent: "Bijna elke dag op tijd", next: "reached" }],
        note: "Trots op Sem.\nVolgende keer met oma.",
        nextOn: "2026-12-03",
        createdBy: admin.id,
        createdAt: expect.any(String),
      },
      expect.objectContaining({ id: his, goals: [{ goalId: dennisGoal, howItWent: "", next: "change" }], createdBy: dennis.id }),
    ]);
    // The review's outcome is the goal's status in the same file.
    expect(body.goals.find((goal: any) => goal.id === school)).toMatchObject({ status: "reached", reachedAt: expect.any(String) });
    expect(body.changes.some((change: any) => change.entity === "review" && change.entityId === hers)).toBe(true);
    // Strict: an outcome it does not know, or a field more, does not validate.
    expect(validate({ ...body, reviews: [{ ...body.reviews[0], goals: [{ ...body.reviews[0].goals[0], next: "pause" }] }] })).toBe(false);
    expect(validate({ ...body, reviews: [{ ...body.reviews[0], secret: "x" }] })).toBe(false);
    const { reviews: _left, ...withoutReviews } = body;
    expect(validate(withoutReviews)).toBe(false);

    const mine = (await download(familyId, dennis.cookie)).body;
    expect(validate(mine), JSON.stringify(validate.errors)).toBe(true);
    expect(mine.reviews.map((review: any) => review.id)).toEqual([his]);
    expect(JSON.stringify(mine)).not.toContain("Bijna elke dag op tijd");
  });
});
