// The demo family for `npm run demo`, built through the app's own writers, so it is
// stored exactly as a family would store it. It sits above the app it uses.
import { eq } from "drizzle-orm";
import type { DB } from "../db/client.server";
import { members, progressNotes, users } from "../db/schema";
import { createAccount } from "../app/auth/accounts.server";
import { createFamily } from "../app/plan/families.server";
import { createGoal, createStep, setGoalStatus, setStepDone } from "../app/plan/goals.server";
import { createWhatIf, recordWhatIfUse } from "../app/plan/whatifs.server";
import { calendarDay } from "../app/lib/dates";
import { createNetworkPerson } from "../app/plan/network.server";
import { createStrength } from "../app/plan/strengths.server";
import { createProgressNote } from "../app/plan/progress.server";
import { newId } from "../consent/tokens";
import { claimInvitation, createConsent } from "../consent/grants";
import { setTeam } from "../app/plan/team.server";
import { startWaakvlam } from "../app/plan/coaching.server";
import { appendLogEntry } from "../consent/log";
import { goals as goalRows, reviews as reviewRows } from "../db/schema";
import { createReview } from "../app/plan/reviews.server";
import { addMonths } from "../app/lib/dates";

export const DEMO_PASSWORD = "groeiplan-demo";
export const DEMO_ACCOUNTS = {
  mother: "samira@demo.groeiplan.nl",
  father: "dennis@demo.groeiplan.nl",
  daughter: "lisa@demo.groeiplan.nl",
  professional: "sanne@demo.groeiplan.nl",
  coach: "marco@demo.groeiplan.nl",
  secondCoach: "ayla@demo.groeiplan.nl",
  // The mother of the second demo family, whose plan is on waakvlam.
  waakvlam: "petra@demo.groeiplan.nl",
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** A realistic demo family (Bakker-El Amrani). Running it twice changes nothing. */
export async function seedDemo(db: DB) {
  if (db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.mother)).get()) {
    return { created: false };
  }
  const account = async (email: string, name: string, organisation?: string) => {
    const created = await createAccount(db, { email, name, password: DEMO_PASSWORD, organisation });
    if ("error" in created) throw new Error(`demo account ${email} exists`);
    return created.id;
  };
  const samira = await account(DEMO_ACCOUNTS.mother, "Samira");
  const dennis = await account(DEMO_ACCOUNTS.father, "Dennis");
  const lisa = await account(DEMO_ACCOUNTS.daughter, "Lisa");
  // The demo professional has no access yet: the family invites her (next issue).
  await account(DEMO_ACCOUNTS.professional, "Sanne de Boer", "Basisschool De Linde");
  // The family coach already has access, so "Wie keek mee?" has a history to show.
  const marco = await account(DEMO_ACCOUNTS.coach, "Marco Visser", "Wijkteam Noord");
  // The second coach knows the family too: a colleague of Marco's who reads along.
  const ayla = await account(DEMO_ACCOUNTS.secondCoach, "Ayla Demir", "Wijkteam Noord");
  const petra = await account(DEMO_ACCOUNTS.waakvlam, "Petra");

  const now = Date.now();
  return db.transaction(() => {
    const familyId = createFamily(db, { id: samira }, { name: "Gezin Bakker-El Amrani", memberName: "Samira", relation: "mama" });
    const member = (name: string, relation: string, livesAtHome: "yes" | "sometimes" | "no", userId: string | null = null, role: "admin" | "member" = "member") => {
      const id = newId();
      db.insert(members).values({ id, familyId, name, relation, livesAtHome, userId, role }).run();
      return id;
    };
    const samiraId = db.select({ id: members.id }).from(members).where(eq(members.userId, samira)).get()!.id;
    const dennisId = member("Dennis", "papa", "yes", dennis, "admin");
    const lisaId = member("Lisa", "dochter, 19 jaar", "yes", lisa);
    const semId = member("Sem", "zoon, 9 jaar, woont de helft van de week bij zijn vader", "sometimes");
    const milaId = member("Mila", "baby, 8 maanden", "yes");

    const oma = createNetworkPerson(db, familyId, samira, { name: "Oma Ria", kind: "informal", relation: "moeder van Dennis", organisation: "", phone: "06 23456789" });
    const buurvrouw = createNetworkPerson(db, familyId, samira, { name: "Fatima", kind: "informal", relation: "buurvrouw", organisation: "", phone: "06 34567890" });
    createNetworkPerson(db, familyId, samira, { name: "Sanne de Boer", kind: "professional", relation: "juf van Sem", organisation: "Basisschool De Linde", phone: "020 1234567" });
    const coach = createNetworkPerson(db, familyId, samira, { name: "Marco Visser", kind: "professional", relation: "gezinscoach", organisation: "Wijkteam Noord", phone: "020 7654321" });
    const schuldhulp = createNetworkPerson(db, familyId, samira, { name: "Ingrid", kind: "professional", relation: "schuldhulp", organisation: "Geldloket", phone: "020 5551234" });

    const goal = (title: string, lifeArea: Parameters<typeof createGoal>[3]["lifeArea"], term: "short" | "long", memberIds: string[]) =>
      createGoal(db, familyId, samira, { title, lifeArea, term, memberIds });
    // A day for some steps, counted from today, so "Deze week" always has something.
    const day = (daysFromNow: number) => calendarDay(now + daysFromNow * DAY);
    const step = (goalId: string, what: string, who: string, when: string, done = false, days: { startsOn?: string; endsOn?: string } = {}) => {
      const created = createStep(db, familyId, samira, goalId, { what, who, when, ...days });
      if ("error" in created) throw new Error(created.error);
      if (done) setStepDone(db, familyId, samira, created.id, true);
    };

    const school = goal("Sem is elke dag op tijd op school", "school", "short", [semId]);
    step(school, "Wekker om 7 uur zetten", `member:${samiraId}`, "elke schooldag");
    step(school, "Tas de avond ervoor klaarzetten", `member:${semId}`, "elke avond", true);
    step(school, "Afspraak met de juf over hoe het gaat", `network:${coach}`, "voor de kerstvakantie", false, { startsOn: day(2) });

    const money = goal("Elke week samen de post openmaken", "money", "short", [samiraId, dennisId]);
    step(money, "Post in één bak op de kast", "together", "elke dag", true);
    step(money, "Samen de bak leeg, met koffie", "together", "elke zondag");
    step(money, "Brieven die we niet snappen meenemen naar Ingrid", `network:${schuldhulp}`, "elke eerste dinsdag");

    const debts = goal("Over twee jaar geen schulden meer", "money", "long", [samiraId, dennisId]);
    step(debts, "Alle schulden op een lijst zetten", `network:${schuldhulp}`, "in december", false, { startsOn: day(-3) });

    const calm = goal("Niet meteen boos reageren bij ruzie", "home", "short", [dennisId]);
    step(calm, "Even naar buiten lopen als ik boos word", `member:${dennisId}`, "als het gebeurt");
    step(calm, "Na een ruzie samen praten, als iedereen rustig is", "together", "dezelfde dag");

    const water = goal("Water drinken in plaats van limonade", "body", "short", []);
    step(water, "Geen limonade meer kopen", `member:${samiraId}`, "bij de boodschappen", true);

    const job = goal("Een bijbaan vinden", "work", "short", [lisaId]);
    step(job, "Cv maken met hulp van oma", `network:${oma}`, "deze maand", false, { startsOn: day(1), endsOn: day(4) });

    const sleep = goal("Met de huisarts praten over slecht slapen", "mind", "short", [dennisId]);
    setGoalStatus(db, familyId, samira, sleep, "reached");

    const baby = goal("Elke week naar het consultatiebureau-spreekuur als we vragen hebben", "parenting", "short", [milaId]);
    setGoalStatus(db, familyId, samira, baby, "paused");

    const angry = createWhatIf(db, familyId, samira, {
      situation: "Dennis heel boos wordt en gaat schreeuwen",
      earlySigns: "Hij praat harder en loopt heen en weer. Hij heeft slecht geslapen.",
      actions: "Dennis gaat een rondje lopen. Samira neemt Sem en Mila mee naar boven. Lisa belt oma Ria.",
      informs: "Samira vertelt het de volgende dag aan Marco (gezinscoach).",
      phones: "Oma Ria 06 23456789\nMarco 020 7654321",
      lastCheckedOn: new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10),
    });
    const noMoney = createWhatIf(db, familyId, samira, {
      situation: "er geen geld meer is voor boodschappen",
      earlySigns: "Na de 20e van de maand staat er minder dan 50 euro op de rekening.",
      actions: "Samira belt Ingrid van het Geldloket. We gaan naar de voedselbank op donderdag. Fatima past op Mila.",
      informs: "Dennis vertelt het aan oma Ria.",
      phones: "Ingrid 020 5551234\nFatima 06 34567890",
      lastCheckedOn: new Date(Date.now() - 45 * DAY).toISOString().slice(0, 10),
    });
    void buurvrouw;

    // Five months of "We gebruikten deze afspraak": often at first, less and less since.
    const uses: [number, string, string, string][] = [
      [150, angry, "Dennis liep naar buiten. Sem huilde wel.", samira],
      [147, angry, "", dennis],
      [143, angry, "Oma was niet thuis. Lisa belde Fatima.", lisa],
      [138, angry, "Ging goed. Na een half uur was het rustig.", samira],
      [135, noMoney, "Ingrid gebeld. Op donderdag naar de voedselbank.", samira],
      [128, noMoney, "Fatima paste op Mila. Fijn.", samira],
      [120, angry, "Dennis zag het zelf aankomen.", samira],
      [113, angry, "", dennis],
      [105, angry, "Rondje gelopen. Daarna samen gepraat.", dennis],
      [100, noMoney, "Minder erg dan vorige keer.", samira],
      [84, angry, "Kort boos, snel weer rustig.", samira],
      [70, angry, "", dennis],
      [62, noMoney, "Ingrid hielp met een betalingsregeling.", dennis],
      [44, angry, "Dennis ging zelf naar buiten. Niemand schreeuwde.", samira],
      [33, noMoney, "", samira],
      [19, angry, "Bijna niet nodig. Even naar buiten en klaar.", dennis],
    ];
    for (const [daysAgo, whatIfId, howItWent, author] of uses) {
      if (!recordWhatIfUse(db, familyId, author, whatIfId, { usedOn: calendarDay(now - daysAgo * DAY), howItWent })) throw new Error("demo use");
    }

    // A month of progress, a few notes a week, by different family members.
    const notes: [number, string, number | null, string | null, string][] = [
      [30, "We hebben het plan samen met Marco opgeschreven.", 3, null, samira],
      [28, "Vandaag gelukt: op tijd naar school.", 4, school, samira],
      [27, "Sem was te laat. Hij kon zijn schoen niet vinden.", 2, school, samira],
      [25, "Post opengemaakt. Twee brieven van de energie. Meegenomen naar Ingrid.", 3, money, dennis],
      [23, "Ruzie over de tv. Ik ben naar buiten gegaan en kwam rustig terug.", 4, calm, dennis],
      [21, "Vandaag gelukt: op tijd naar school.", 4, school, samira],
      [20, "Lisa heeft haar cv af. Oma hielp.", 5, job, lisa],
      [18, "Slecht geslapen, veel geschreeuwd. Niet goed gegaan.", 1, calm, samira],
      [17, "Sorry gezegd tegen Samira en de kinderen.", 3, calm, dennis],
      [15, "Huisarts gebeld. Afspraak gemaakt.", 4, sleep, dennis],
      [14, "Geen limonade meer in huis. Sem moppert, maar drinkt water.", 4, water, samira],
      [12, "Vandaag gelukt: op tijd naar school. Hele week!", 5, school, samira],
      [10, "Post samen opengemaakt met koffie. Ging goed.", 4, money, samira],
      [9, "Lisa heeft twee keer gesolliciteerd.", 4, job, lisa],
      [7, "Mila is verkouden. Weinig geslapen.", 2, null, samira],
      [5, "Bij de huisarts geweest. Ik krijg hulp bij slapen.", 4, sleep, dennis],
      [4, "Sem had een goed gesprek met de juf.", 4, school, samira],
      [2, "Ruzie, maar niemand schreeuwde. Trots!", 5, calm, samira],
      [1, "Vandaag gelukt: op tijd naar school.", 4, school, samira],
    ];
    for (const [daysAgo, text, mood, goalId, author] of notes) {
      const created = createProgressNote(db, familyId, author, { text, mood, goalId });
      if ("error" in created) throw new Error(created.error);
      db.update(progressNotes)
        .set({ createdAt: now - daysAgo * DAY + 9 * 60 * 60 * 1000 })
        .where(eq(progressNotes.id, created.id))
        .run();
    }

    const coachConsent = createConsent(db, familyId, samira, {
      name: "Marco Visser",
      organisation: "Wijkteam Noord",
      role: "gezinscoach",
      purpose: "Marco helpt ons met het plan en kijkt mee hoe het gaat.",
      email: "",
      scopes: { goals: "write", strengths: "read", whatifs: "read", progress: "write", network: "read" },
      endsAt: now + 150 * DAY,
    }, now - 31 * DAY);
    claimInvitation(db, coachConsent.token, marco, now - 30 * DAY);
    const secondConsent = createConsent(db, familyId, samira, {
      name: "Ayla Demir",
      organisation: "Wijkteam Noord",
      role: "tweede gezinscoach",
      purpose: "Ayla kent ons ook. Zij helpt als Marco er niet is.",
      email: "",
      scopes: { goals: "read", progress: "read" },
      endsAt: now + 150 * DAY,
    }, now - 29 * DAY);
    claimInvitation(db, secondConsent.token, ayla, now - 28 * DAY);
    setTeam(db, familyId, samira, { coach: coachConsent.id, second: secondConsent.id, teamPage: true }, now);
    // Steps that are the coaches' own: on "Wie doet wat?" and on their home page.
    step(money, "Marco belt het Geldloket voor een afspraak met ons", `professional:${coachConsent.id}`, "deze week", false, { startsOn: day(1) });
    step(calm, "Ayla komt langs om samen de wat-als-afspraak door te lopen", `professional:${secondConsent.id}`, "volgende week", false, { startsOn: day(6) });
    const looks: [number, string, string[]][] = [
      [30, "goals", [school, money, calm]],
      [23, "progress", []],
      [16, "goals", [school, money, calm]],
      [16, "whatifs", []],
      [9, "progress", []],
      [3, "goals", [school]],
      [2, "progress", []],
    ];
    for (const [daysAgo, section, recordIds] of looks) {
      appendLogEntry(db, {
        familyId,
        at: now - daysAgo * DAY + 14 * 60 * 60 * 1000,
        actorUserId: marco,
        consentId: coachConsent.id,
        consentVersion: 1,
        section,
        recordIds,
        action: "read",
        channel: "web",
        ip: "127.0.0.1",
        userAgent: "demo",
      });
    }
    // "Samen terugkijken" five months ago, with Marco there: one goal reached then, so
    // the next review is due in about a month and the plan starts to say so soon.
    const breakfast = goal("Elke ochtend samen ontbijten", "home", "short", []);
    const reviewedOn = calendarDay(now - 150 * DAY);
    db.update(goalRows).set({ createdAt: now - 240 * DAY }).where(eq(goalRows.id, breakfast)).run();
    const reviewId = createReview(db, familyId, samira, {
      heldOn: reviewedOn,
      present: "Samira, Dennis, Lisa en Marco (gezinscoach)",
      note: "Marco zei: jullie doen het goed. Over een half jaar kijken we weer samen.",
      nextOn: addMonths(reviewedOn, 6),
      goals: [
        { goalId: breakfast, howItWent: "Elke ochtend om half acht aan tafel. Ook Sem!", next: "reached" },
        { goalId: school, howItWent: "Vaak op tijd, soms niet. De wekker helpt.", next: "continue" },
        { goalId: money, howItWent: "Post bleef liggen. Samen op zondag gaat beter.", next: "change" },
        { goalId: debts, howItWent: "", next: "continue" },
        { goalId: calm, howItWent: "Nog vaak boos. Naar buiten lopen helpt een beetje.", next: "continue" },
        { goalId: water, howItWent: "Nog veel limonade.", next: "continue" },
        { goalId: job, howItWent: "Lisa wil eerst haar cv maken.", next: "continue" },
      ],
    });
    const reviewedAt = now - 150 * DAY + 19 * 60 * 60 * 1000;
    db.update(reviewRows).set({ createdAt: reviewedAt }).where(eq(reviewRows.id, reviewId)).run();
    db.update(goalRows).set({ reachedAt: reviewedAt }).where(eq(goalRows.id, breakfast)).run();

    seedStrengths(db, familyId, { samira, lisa }, { semId, lisaId, milaId });
    const waakvlamFamilyId = seedWaakvlamFamily(db, { petra, marco }, now);

    return { created: true, familyId, waakvlamFamilyId };
  });
}

/**
 * A second family, Gezin de Vries: Marco coached them for most of a year, they
 * reached their goals and went on waakvlam 40 days ago (ADR 021). Their last note
 * is older than a month, so the plan asks "Hoe gaat het?", and "We willen weer hulp"
 * would ask Marco back with the parts he had.
 */
function seedWaakvlamFamily(db: DB, by: { petra: string; marco: string }, now: number) {
  const familyId = createFamily(db, { id: by.petra }, { name: "Gezin de Vries", memberName: "Petra", relation: "mama" });
  db.insert(members).values({ id: newId(), familyId, name: "Noah", relation: "zoon, 14 jaar", livesAtHome: "yes", role: "member" }).run();
  const goal = (title: string, lifeArea: Parameters<typeof createGoal>[3]["lifeArea"]) => createGoal(db, familyId, by.petra, { title, lifeArea, term: "long", memberIds: [] });
  const school = goal("Noah gaat weer elke dag naar school", "school");
  const money = goal("Elke maand de huur op tijd betalen", "money");
  const calm = goal("Minder ruzie aan tafel", "home");
  setGoalStatus(db, familyId, by.petra, school, "reached");
  setGoalStatus(db, familyId, by.petra, money, "reached");
  const notes: [number, string, number][] = [
    [200, "Noah bleef weer thuis. Moeilijke week.", 2],
    [120, "Noah is drie weken elke dag gegaan!", 4],
    [70, "Huur op tijd betaald, de derde maand op rij.", 4],
    [45, "Het gaat goed. We doen het nu zelf.", 5],
  ];
  for (const [daysAgo, text, mood] of notes) {
    const created = createProgressNote(db, familyId, by.petra, { text, goalId: null, mood });
    if ("error" in created) throw new Error(created.error);
    db.update(progressNotes).set({ createdAt: now - daysAgo * DAY }).where(eq(progressNotes.id, created.id)).run();
  }
  const consent = createConsent(db, familyId, by.petra, {
    name: "Marco Visser",
    organisation: "Wijkteam Noord",
    role: "gezinscoach",
    purpose: "Marco helpt ons met het plan.",
    email: "",
    scopes: { goals: "write", progress: "read" },
    endsAt: now + 30 * DAY,
  }, now - 300 * DAY);
  claimInvitation(db, consent.token, by.marco, now - 299 * DAY);
  setTeam(db, familyId, by.petra, { coach: consent.id, second: null, teamPage: true }, now - 299 * DAY);
  for (const daysAgo of [250, 150, 60]) {
    appendLogEntry(db, {
      familyId, at: now - daysAgo * DAY, actorUserId: by.marco, consentId: consent.id, consentVersion: 1, section: "goals",
      recordIds: [school, money, calm], action: "read", channel: "web", ip: "127.0.0.1", userAgent: "demo",
    });
  }
  const ended = startWaakvlam(db, familyId, by.petra, { keep: [], checkinMail: false }, now - 40 * DAY);
  if (!("ok" in ended)) throw new Error("demo waakvlam");
  return familyId;
}

/** "Wat gaat goed?" and "Waar zijn we trots op?" in the family's words: for all of them and for the children. */
function seedStrengths(db: DB, familyId: string, by: { samira: string; lisa: string }, kids: { semId: string; lisaId: string; milaId: string }) {
  const lines: [string, "going_well" | "proud", string | null, string][] = [
    [by.samira, "going_well", null, "We eten bijna elke ochtend samen."],
    [by.samira, "proud", null, "We praten weer met elkaar als er ruzie is."],
    [by.samira, "going_well", kids.semId, "Sem gaat graag naar school."],
    [by.samira, "proud", kids.semId, "Sem hielp de juf met de nieuwe jongen in de klas."],
    [by.lisa, "proud", kids.lisaId, "Ik heb mijn rijbewijs gehaald!"],
    [by.samira, "going_well", kids.milaId, "Mila slaapt de hele nacht door."],
  ];
  for (const [author, kind, memberId, text] of lines) {
    const created = createStrength(db, familyId, author, { kind, memberId, text });
    if ("error" in created) throw new Error(created.error);
  }
}
