import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { eq } from "drizzle-orm";
import { goals, members } from "../../db/schema";
import { readThroughGate, writeThroughGate, type ProfessionalAccess } from "../../consent/gate";
import { claimInvitation, createConsent, latestEnd } from "../../consent/grants";
import { newId } from "../../consent/tokens";
import { createGoal, listGoals } from "../../app/plan/goals.server";
import { createProgressNote, listProgress } from "../../app/plan/progress.server";
import { PAGE_SIZE } from "../../app/sharing/looks.server";
import { VISITS_PER_PAGE } from "../../app/sharing/visits.server";
import { startOfDay } from "../../app/lib/dates";
import * as looksPage from "../../app/routes/family/looks";
import * as looksCsv from "../../app/routes/family/looks-csv";
import * as looksReceipt from "../../app/routes/family/looks-receipt";
import { receiptIsSigned } from "../../consent/witness";
import { createPublicKey } from "node:crypto";
import * as planPage from "../../app/routes/family/plan";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, makeRequest, routeArgs, inLanguage } from "../support/routes";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` as if the clock said `at`. */
function atTime<T>(at: number, work: () => T): T {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    return work();
  } finally {
    vi.useRealTimers();
  }
}

async function familyWithTwoProfessionals() {
  const family = await makeFamily();
  const { familyId, admin } = family;
  createGoal(getDb(), familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [] });
  const sanne = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "write" } });
  const ahmed = await makeUser({ name: "Ahmed Yilmaz", organisation: "Schuldhulp Oost" });
  const debt = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, professional: ahmed });
  return { ...family, sanne, debt };
}

/** The looks page as the family's browser draws it, in `lang`. */
function renderLooks(data: unknown, lang: "nl" | "en" | "ar" = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: "/looks", Component: looksPage.default as any }]);
  const html = renderToString(
    inLanguage(lang, createElement(Stub, { initialEntries: ["/looks"], hydrationData: { loaderData: { page: data } } })),
  );
  // The visible text, tags and the invisible separators React puts in between removed.
  return html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
}

const readGoals = (access: ProfessionalAccess, familyId: string) => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));

describe("Wie keek mee?", () => {
  it("shows every look and write newest first, with who, what, how and under which consent", async () => {
    const { familyId, admin, sanne, debt } = await familyWithTwoProfessionals();
    const base = Date.now() - 3 * DAY;
    atTime(base, () => readGoals(webAccess(sanne.professional.id, familyId), familyId));
    atTime(base + HOUR, () =>
      writeThroughGate(getDb(), webAccess(sanne.professional.id, familyId), "progress", () =>
        createProgressNote(getDb(), familyId, sanne.professional.id, { text: "Sam was op tijd", goalId: null, mood: null }),
      ),
    );
    const api: ProfessionalAccess = { ...webAccess(debt.professional.id, familyId), channel: "api", consentId: debt.consentId };
    atTime(base + 2 * HOUR, () => readGoals(api, familyId));

    const page = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data.chain).toEqual({ ok: true, checked: 3 });
    // An hour apart is two visits; each is who, when, under which consent and version.
    expect(page.data.visits.map((v: any) => [v.start, v.end, v.name, v.role, v.channels, v.consentId, v.versions, v.looks])).toEqual([
      [base + 2 * HOUR, base + 2 * HOUR, "Ahmed Yilmaz", "juf van Sem", ["api"], debt.consentId, [1], 1],
      [base + HOUR, base + HOUR, "Sanne de Boer", "juf van Sem", ["web"], sanne.consentId, [1], 1],
      [base, base, "Sanne de Boer", "juf van Sem", ["web"], sanne.consentId, [1], 1],
    ]);
    const titled = (ids: string[]) => ids.map((id) => [page.data.titles[id].kind, page.data.titles[id].title]);
    expect(titled(page.data.visits[1].written.ids)).toEqual([["note", "Sam was op tijd"]]);
    expect(titled(page.data.visits[2].read.ids)).toEqual([["goal", "Op tijd naar school"]]);
    expect(page.data.older).toBeNull();

    // The sentences the page draws, in Dutch and in English.
    const nl = renderLooks(page.data, "nl");
    expect(nl).toMatch(/Sanne de Boer \(juf van Sem\) keek \w+ \d+ \w+ \d\d:\d\d naar 1 doel/);
    expect(nl).toMatch(/Sanne de Boer \(juf van Sem\) schreef \w+ \d+ \w+ \d\d:\d\d 1 notitie/);
    expect(nl).toContain("via het eigen computersysteem");
    expect(nl).toContain("Op tijd naar school");
    expect(renderLooks(page.data, "en")).toMatch(/Sanne de Boer \(juf van Sem\) looked on \w+ \d+ \w+ \d\d:\d\d at 1 goal/);
  });

  it("a coach's seven clicks in a few minutes are one visit: 14:02–14:09, 3 goals and 2 notes, by today's titles", async () => {
    const { familyId, admin, sanne } = await familyWithTwoProfessionals();
    const db = getDb();
    const more = ["Elke dag ontbijten", "Tas de avond ervoor inpakken"].map((title) => createGoal(db, familyId, admin.id, { title, lifeArea: "school", term: "short", memberIds: [] }));
    for (const text of ["Goed gegaan", "Twee keer te laat"]) createProgressNote(db, familyId, admin.id, { text, goalId: more[0], mood: 3 });
    const access = webAccess(sanne.professional.id, familyId);
    const start = startOfDay("2026-03-03") + 14 * HOUR + 2 * 60 * 1000;
    for (let click = 0; click < 7; click++) {
      atTime(start + click * 70 * 1000, () =>
        click % 2 === 0 ? readGoals(access, familyId) : readThroughGate(db, access, "progress", () => listProgress(db, familyId)),
      );
    }
    // Renamed since: the family sees today's title, as it reads in their plan now.
    db.update(goals).set({ title: "Elke ochtend ontbijten" }).where(eq(goals.id, more[0])).run();

    const page = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(page.data.visits).toHaveLength(1);
    const [visit] = page.data.visits;
    expect([visit.start, visit.end, visit.looks]).toEqual([start, start + 6 * 70 * 1000, 7]);
    expect(visit.read.counts).toEqual({ goal: 3, note: 2 });
    expect(visit.read.ids.map((id: string) => page.data.titles[id].title)).toContain("Elke ochtend ontbijten");
    const text = renderLooks(page.data, "nl");
    expect(text).toContain("Sanne de Boer (juf van Sem) keek dinsdag 3 maart 14:02–14:09 naar 3 doelen en 2 notities");
    expect(text).toContain("Meekijken hoe het gaat met op tijd komen");
  });

  it("another person's look in between does not split a visit; half an hour apart does", async () => {
    const { familyId, admin, sanne, debt } = await familyWithTwoProfessionals();
    const t0 = Date.now() - DAY;
    const minute = 60 * 1000;
    atTime(t0, () => readGoals(webAccess(sanne.professional.id, familyId), familyId));
    atTime(t0 + minute, () => readGoals(webAccess(debt.professional.id, familyId), familyId));
    atTime(t0 + 2 * minute, () => readGoals(webAccess(sanne.professional.id, familyId), familyId));
    atTime(t0 + 33 * minute, () => readGoals(webAccess(sanne.professional.id, familyId), familyId));
    const page = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(page.data.visits.map((v: any) => [v.name, v.looks])).toEqual([
      ["Sanne de Boer", 1],
      ["Sanne de Boer", 2],
      ["Ahmed Yilmaz", 1],
    ]);
  });

  it("the plan page says how many visits are new since this member last opened it", async () => {
    const { familyId, admin, sanne, debt } = await familyWithTwoProfessionals();
    const seen = (await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).data.sharing.newLooks;
    expect(seen).toEqual({ count: 0, more: false });
    // Seven clicks by one person are one visit; another person is a second.
    for (let i = 0; i < 7; i++) readGoals(webAccess(sanne.professional.id, familyId), familyId);
    readGoals(webAccess(debt.professional.id, familyId), familyId);
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).data.sharing.newLooks).toEqual({ count: 2, more: false });
    await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).data.sharing.newLooks).toEqual({ count: 0, more: false });
  });

  it("a family member's own reading is not logged as a look", async () => {
    const { familyId, admin } = await familyWithTwoProfessionals();
    readThroughGate(getDb(), { kind: "member", userId: admin.id, familyId, memberId: "", role: "admin" }, "goals", () => listGoals(getDb(), familyId));
    const page = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(page.data.visits).toEqual([]);
    expect(page.data.chain.ok).toBe(true);
  });

  it("filters by person and by period, counting days in Dutch time", async () => {
    const { familyId, admin, sanne, debt } = await familyWithTwoProfessionals();
    // 1, 5 (late in the evening, Dutch time) and 10 March 2024, long before the other reads.
    const evening5 = startOfDay("2024-03-05") + 23 * HOUR + 30 * 60 * 1000;
    const times = [startOfDay("2024-03-01") + 9 * HOUR, evening5, startOfDay("2024-03-10") + 14 * HOUR];
    // A consent given back then, so these reads happened while it was valid.
    const professional = await makeUser({ name: "Marloes Bakker", organisation: "Wijkteam" });
    const pastAt = startOfDay("2024-02-20");
    const past = atTime(pastAt, () =>
      createConsent(getDb(), familyId, admin.id, {
        name: "Marloes",
        organisation: "Wijkteam",
        role: "gezinscoach",
        purpose: "Samen het plan maken",
        email: "",
        scopes: { goals: "read" },
        endsAt: latestEnd(pastAt),
      }),
    );
    atTime(pastAt, () => claimInvitation(getDb(), past.token, professional.id));
    for (const at of times) atTime(at, () => readGoals(webAccess(professional.id, familyId), familyId));
    readGoals(webAccess(sanne.professional.id, familyId), familyId);
    readGoals(webAccess(debt.professional.id, familyId), familyId);

    const path = (query: string) => `/f/${familyId}/looks?${query}`;
    const get = (query: string) => load(looksPage.loader, path(query), { familyId }, admin.cookie);

    const onlySanne = await get(`person=${sanne.consentId}`);
    expect(onlySanne.data.visits.map((v: any) => v.name)).toEqual(["Sanne de Boer"]);
    expect(onlySanne.data.values.person).toBe(sanne.consentId);
    expect(onlySanne.data.csv).toBe(`/f/${familyId}/looks.csv?person=${sanne.consentId}`);

    const marloes = await get(`person=${past.id}`);
    expect(marloes.data.visits.map((v: any) => v.start)).toEqual([...times].reverse());

    const fifth = await get("from=2024-03-05&to=2024-03-05");
    expect(fifth.data.visits.map((v: any) => v.start)).toEqual([evening5]);
    const fromSixth = await get("from=2024-03-06&to=2024-03-31");
    expect(fromSixth.data.visits.map((v: any) => v.start)).toEqual([times[2]]);
    const upToFifth = await get(`person=${past.id}&to=2024-03-05`);
    expect(upToFifth.data.visits.map((v: any) => v.start)).toEqual([evening5, times[0]]);

    const wrongDate = await get("from=morgen");
    expect(wrongDate.data.errors).toEqual({ from: "errors.date" });
    expect(wrongDate.data.visits).toHaveLength(5);

    const people = (await get("")).data.people.map((p: any) => p.id).sort();
    expect(people).toEqual([sanne.consentId, debt.consentId, past.id].sort());
  });

  it("shows the newest entries first and the older ones one page further", async () => {
    const { familyId, admin, sanne } = await familyWithTwoProfessionals();
    const access = webAccess(sanne.professional.id, familyId);
    const start = Date.now() - DAY;
    // Two entries share each millisecond, so the page cut must not lose or repeat one.
    for (let i = 0; i < PAGE_SIZE + 10; i++) atTime(start + Math.floor(i / 2), () => readGoals(access, familyId));

    // One person in one go: one visit, cut where the page ends and continued on the next.
    const first = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(first.data.visits.map((v: any) => v.looks)).toEqual([PAGE_SIZE]);
    expect(first.data.older).toMatch(/^\?before=\d+-\d+$/);
    const second = await load(looksPage.loader, `/f/${familyId}/looks${first.data.older}`, { familyId }, admin.cookie);
    expect(second.data.visits.map((v: any) => v.looks)).toEqual([10]);
    expect(second.data.older).toBeNull();
    expect(second.data.paged).toBe(true);
    expect(first.data.visits[0].start).toBeGreaterThanOrEqual(second.data.visits[0].end);
  });

  it("shows at most 20 visits a page, and the next page goes on where it stopped, losing none", async () => {
    const { familyId, admin, sanne } = await familyWithTwoProfessionals();
    const access = webAccess(sanne.professional.id, familyId);
    const start = Date.now() - 3 * DAY;
    for (let i = 0; i < 45; i++) atTime(start + i * HOUR, () => readGoals(access, familyId));
    const first = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(first.data.visits).toHaveLength(VISITS_PER_PAGE);
    const pages = [first];
    while (pages.at(-1)!.data.older) pages.push(await load(looksPage.loader, `/f/${familyId}/looks${pages.at(-1)!.data.older}`, { familyId }, admin.cookie));
    expect(pages.map((page) => page.data.visits.length)).toEqual([20, 20, 5]);
    const starts = pages.flatMap((page) => page.data.visits.map((v: any) => v.start));
    expect(new Set(starts).size).toBe(45);
  });

  it("only the family's members see it", async () => {
    const { familyId, sanne } = await familyWithTwoProfessionals();
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    expect((await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, sanne.professional.cookie)).status).toBe(404);
    expect((await load(looksCsv.loader, `/f/${familyId}/looks.csv`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await load(looksCsv.loader, `/f/${familyId}/looks.csv`, { familyId }, sanne.professional.cookie)).status).toBe(404);
    expect((await load(looksCsv.loader, `/f/${familyId}/looks.csv`, { familyId })).status).toBe(302);
  });

  it("any member of the family may see it, not only admins", async () => {
    const { familyId } = await familyWithTwoProfessionals();
    const teen = await makeUser({ name: "Sam" });
    getDb().insert(members).values({ id: newId(), familyId, name: "Sam", relation: "zoon", userId: teen.id, role: "member" }).run();
    expect((await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, teen.cookie)).status).toBe(200);
    expect((await load(looksCsv.loader, `/f/${familyId}/looks.csv`, { familyId }, teen.cookie)).status).toBe(200);
  });
});

describe("the CSV file", () => {
  async function csvOf(familyId: string, cookie: string, query = "") {
    const response = (await looksCsv.loader(routeArgs(makeRequest(`/f/${familyId}/looks.csv${query}`, { cookie }), { familyId }) as any)) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    // TextDecoder drops the byte-order mark, as spreadsheet programs do.
    return { response, bom: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes) };
  }

  it("has a header and one row per entry, newest first, as a download", async () => {
    const { familyId, admin, sanne, debt } = await familyWithTwoProfessionals();
    const base = Date.now() - DAY;
    atTime(base, () => readGoals(webAccess(sanne.professional.id, familyId), familyId));
    atTime(base + HOUR, () => readGoals(webAccess(debt.professional.id, familyId), familyId));
    const goalIds = listGoals(getDb(), familyId).map((g) => g.id);

    const { response, bom, text } = await csvOf(familyId, admin.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="wie-keek-mee-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1)).toEqual([
      '"Tijd","Persoon","Organisatie","Deel","Wat","Hoe","Nummers van wat de persoon bekeek of schreef","Wat de persoon bekeek of schreef (zoals het er nu staat)","Toestemming","Versie van de toestemming","IP-adres"',
      `"${new Date(base + HOUR).toISOString()}","Ahmed Yilmaz","Basisschool De Linde","Doelen en stappen","bekeken","op de website","${goalIds.join(" ")}","doel: Op tijd naar school","${debt.consentId}","1","127.0.0.1"`,
      `"${new Date(base).toISOString()}","Sanne de Boer","Basisschool De Linde","Doelen en stappen","bekeken","op de website","${goalIds.join(" ")}","doel: Op tijd naar school","${sanne.consentId}","1","127.0.0.1"`,
    ]);

    const filtered = await csvOf(familyId, admin.cookie, `?person=${sanne.consentId}`);
    expect(filtered.text.split("\r\n")).toHaveLength(3);
  });

  it("neutralises cells a spreadsheet would run as a formula, and escapes quotes", async () => {
    const { familyId, admin } = await makeFamily();
    createGoal(getDb(), familyId, admin.id, { title: "Doel", lifeArea: "home", term: "short", memberIds: [] });
    const professional = await makeUser({ name: "=HYPERLINK(\"http://evil.example\",\"klik\")" });
    const { token } = createConsent(getDb(), familyId, admin.id, {
      name: "Iemand",
      organisation: "@SUM(A1:A9)",
      role: "",
      purpose: "test",
      email: "",
      scopes: { goals: "read" },
      endsAt: Date.now() + 30 * DAY,
    });
    claimInvitation(getDb(), token, professional.id);
    readGoals({ ...webAccess(professional.id, familyId), ip: "-1+1", userAgent: "x" }, familyId);

    const { text } = await csvOf(familyId, admin.cookie);
    const row = text.split("\r\n")[1];
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(row).toContain(`"'@SUM(A1:A9)"`);
    expect(row).toContain(`"'-1+1"`);
    for (const cell of row.split('","')) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
  });
});

describe("is the log intact?", () => {
  it("says so, and warns when an entry was changed behind the database's back", async () => {
    const { familyId, admin, sanne } = await familyWithTwoProfessionals();
    for (let i = 0; i < 3; i++) readGoals(webAccess(sanne.professional.id, familyId), familyId);
    const before = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(before.data.chain).toEqual({ ok: true, checked: 3 });

    const sqlite = getDb().$client;
    const trigger = sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = 'access_log_no_update'").get() as { sql: string };
    sqlite.exec("DROP TRIGGER access_log_no_update");
    try {
      sqlite.prepare("update access_log set ip = '10.0.0.1' where family_id = ? and seq = 2").run(familyId);
    } finally {
      sqlite.exec(trigger.sql);
    }
    const after = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(after.data.chain.ok).toBe(false);
    // The entries are still shown, so the family sees what is there.
    expect(after.data.visits[0].looks).toBe(3);
  });

  it("a look the family was shown and that was removed since is noticed on the page, and no receipt is made for it", async () => {
    const { familyId, admin, sanne } = await familyWithTwoProfessionals();
    for (let i = 0; i < 3; i++) readGoals(webAccess(sanne.professional.id, familyId), familyId);
    const shown = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(shown.data.chain.ok).toBe(true);
    expect(shown.data.receipt).toMatchObject({ seq: 3 });

    // The file that holds the receipt is a signed statement about entry 3, with its key.
    const response = (await looksReceipt.loader(routeArgs(makeRequest(`/f/${familyId}/looks-receipt.json`, { cookie: admin.cookie }), { familyId }) as any)) as Response;
    const file = await response.json();
    expect(file).toMatchObject({ format: "groeiplan-receipt/1", familyId, seq: 3 });
    const { publicKey, at, ...signed } = file;
    expect(receiptIsSigned({ ...signed, at: Date.parse(at) }, [createPublicKey(publicKey)])).toBe(true);
    expect(receiptIsSigned({ ...signed, at: Date.parse(at), seq: 2 }, [createPublicKey(publicKey)])).toBe(false);

    // Someone with the database file removes the newest look, triggers and all.
    const sqlite = getDb().$client;
    const trigger = sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = 'access_log_no_delete'").get() as { sql: string };
    sqlite.exec("DROP TRIGGER access_log_no_delete");
    try {
      sqlite.prepare("delete from access_log where family_id = ? and seq = 3").run(familyId);
      sqlite.prepare("update access_log_checkpoints set seq = 2, hash = (select hash from access_log where family_id = ? and seq = 2) where family_id = ?").run(familyId, familyId);
    } finally {
      sqlite.exec(trigger.sql);
    }
    const after = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(after.data.chain.ok).toBe(false);
    expect(after.data.receipt).toBeNull();
  });
});
