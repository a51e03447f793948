import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { LIVES_AT_HOME, MEMBER_ROLES, NETWORK_KINDS, LIFE_AREAS, GOAL_TERMS, GOAL_STATUSES, STEP_WHO, CONSENT_STATUSES, VERSION_KINDS, REQUEST_ANSWERS, REVIEW_NEXT, STRENGTH_KINDS, type Selection } from "./values";

// Times are stored as integer milliseconds since the epoch (UTC).
const now = sql`(unixepoch('subsec') * 1000)`;

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  // Professionals fill this in so families see who they are ("Basisschool De Linde").
  organisation: text("organisation"),
  // The language the person last chose in Groeiplan (nl, en, ar); mails that are not
  // an answer to a page, such as the weekly summary, come in it. Null: Dutch.
  language: text("language"),
  createdAt: integer("created_at").notNull().default(now),
  // The person asked to delete their account (ADR 013): signed out everywhere, and
  // signing in again within 14 days undoes it. After that the retention job
  // removes their address, password and ways in and sets deletedAt; what they
  // wrote stays in the family's plan, shown as by a former member.
  deletingAt: integer("deleting_at"),
  deletedAt: integer("deleted_at"),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the token, hex encoded. The token itself is never stored.
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    // What "Mijn account" shows so a person recognises a device and can end it: a
    // short name made from the browser's User-Agent (never the whole string), and
    // the last time it was used, kept to the hour so a busy session does not write.
    device: text("device").notNull().default(""),
    lastUsedAt: integer("last_used_at"),
    // When this session passed a second step (a passkey, a code from an app, a
    // recovery code). Professionals need it before they look at a family.
    secondStepAt: integer("second_step_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// One-time links sent by mail: finishing a sign-up, and (later) a new password or
// signing in by mail. Only the token's hash is kept; a link works once, and not
// after expiresAt. The payload holds what the link will do (for a sign-up: the
// name, the password's hash and where to go next), so nothing exists before the
// owner of the address has opened it.
export const emailLinks = sqliteTable(
  "email_links",
  {
    id: text("id").primaryKey(),
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    payload: text("payload", { mode: "json" }).$type<Record<string, string>>(),
    createdAt: integer("created_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_links_email_idx").on(t.email, t.purpose, t.createdAt)],
);

export const families = sqliteTable("families", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull().default(now),
  createdBy: text("created_by").references(() => users.id),
  // An admin asked to delete the family (ADR 013): from then on nobody opens it and
  // every consent has ended; an admin can undo it for 14 days. Then the retention
  // job removes the plan (planRemovedAt) and, a year after the ask, the consents
  // and the access log (logRemovedAt). The row itself stays, without a name, so
  // the witness can tell a lawful removal from a shortened log.
  deletingAt: integer("deleting_at"),
  deletingBy: text("deleting_by").references(() => users.id),
  planRemovedAt: integer("plan_removed_at"),
  logRemovedAt: integer("log_removed_at"),
  // The family's coach ("gezinscoach") and the second coach who knows the family
  // too: each a consent, so a coach is always someone the family gave access to.
  // A consent that ends stops them being shown as coach; the choice stays here.
  coachConsentId: text("coach_consent_id"),
  secondCoachConsentId: text("second_coach_consent_id"),
  // "Wie doet wat?": every professional with access sees who else is involved,
  // unless the family switched that page off.
  teamPage: integer("team_page", { mode: "boolean" }).notNull().default(true),
  // "Waakvlam" (ADR 021): coaching ended and the family goes on alone, with a light
  // monthly "Hoe gaat het?". lastCoachConsentId is the coach whose access ended
  // then: "We willen weer hulp" asks them back with the parts they had.
  waakvlamAt: integer("waakvlam_at"),
  lastCoachConsentId: text("last_coach_consent_id"),
  // The monthly "Hoe gaat het?" also by mail to the admins, if the family wants it.
  checkinMail: integer("checkin_mail", { mode: "boolean" }).notNull().default(false),
});

// A person in the family. Has an account only when userId is set: a baby or
// "papa buiten beeld" is a member without one.
export const members = sqliteTable(
  "members",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    name: text("name").notNull(),
    relation: text("relation").notNull().default(""),
    livesAtHome: text("lives_at_home", { enum: LIVES_AT_HOME }).notNull().default("yes"),
    userId: text("user_id").references(() => users.id),
    role: text("role", { enum: MEMBER_ROLES }).notNull().default("member"),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
    // When this member last opened "Wie keek mee?", for "3 keer gekeken sinds je laatste bezoek".
    looksSeenAt: integer("looks_seen_at"),
    // An admin's weekly summary of looks by mail (ADR 012); on unless they turn it off.
    weeklySummary: integer("weekly_summary", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    index("members_family_idx").on(t.familyId),
    uniqueIndex("members_family_user_uq")
      .on(t.familyId, t.userId)
      .where(sql`${t.userId} is not null and ${t.deletedAt} is null`),
    check("members_lives_at_home_ck", sql`${t.livesAtHome} in ('yes','sometimes','no')`),
    check("members_role_ck", sql`${t.role} in ('admin','member')`),
  ],
);

// One-time link that lets another adult claim an existing member (or a new one)
// with their own account.
export const familyInvitations = sqliteTable(
  "family_invitations",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    tokenHash: text("token_hash").notNull().unique(),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id),
    role: text("role", { enum: MEMBER_ROLES }).notNull().default("member"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
    claimedAt: integer("claimed_at"),
    claimedBy: text("claimed_by").references(() => users.id),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("family_invitations_family_idx").on(t.familyId)],
);

export const networkPeople = sqliteTable(
  "network_people",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: NETWORK_KINDS }).notNull().default("informal"),
    relation: text("relation").notNull().default(""),
    organisation: text("organisation").notNull().default(""),
    phone: text("phone").notNull().default(""),
    userId: text("user_id").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("network_family_idx").on(t.familyId)],
);

export const goals = sqliteTable(
  "goals",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    title: text("title").notNull(),
    lifeArea: text("life_area", { enum: LIFE_AREAS }).notNull(),
    term: text("term", { enum: GOAL_TERMS }).notNull().default("short"),
    // The family's own order: 1 is what matters most to them now.
    priority: integer("priority").notNull(),
    status: text("status", { enum: GOAL_STATUSES }).notNull().default("active"),
    reachedAt: integer("reached_at"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("goals_family_idx").on(t.familyId, t.priority)],
);

// Which members a goal is for. No rows means: the whole family.
export const goalMembers = sqliteTable(
  "goal_members",
  {
    goalId: text("goal_id")
      .notNull()
      .references(() => goals.id),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.memberId] })],
);

export const steps = sqliteTable(
  "steps",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    goalId: text("goal_id")
      .notNull()
      .references(() => goals.id),
    what: text("what").notNull(),
    whoKind: text("who_kind", { enum: STEP_WHO }).notNull().default("together"),
    whoMemberId: text("who_member_id").references(() => members.id),
    whoNetworkId: text("who_network_id").references(() => networkPeople.id),
    // A step for a professional the family gave access to: that person sees it as
    // theirs, on the team page and on their own home page.
    whoConsentId: text("who_consent_id").references(() => consents.id),
    // "When" in the family's own words: "elke maandag", "voor de zomer".
    when: text("when").notNull().default(""),
    // A day for the step besides the words (YYYY-MM-DD, Amsterdam), or from-to:
    // the plan shows this week's and overdue steps first.
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    doneAt: integer("done_at"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("steps_goal_idx").on(t.goalId), index("steps_family_idx").on(t.familyId), index("steps_who_consent_idx").on(t.whoConsentId)],
);

export const whatIfs = sqliteTable(
  "what_ifs",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    situation: text("situation").notNull(),
    earlySigns: text("early_signs").notNull().default(""),
    actions: text("actions").notNull().default(""),
    informs: text("informs").notNull().default(""),
    phones: text("phones").notNull().default(""),
    // Calendar date (YYYY-MM-DD) the family last went through this agreement.
    lastCheckedOn: text("last_checked_on"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("what_ifs_family_idx").on(t.familyId)],
);

// "We gebruikten deze afspraak": each time the family used a wat-als agreement, the
// day and, in their own words, how it went. Over months the family sees hard
// moments come less often.
export const whatIfUses = sqliteTable(
  "what_if_uses",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    whatIfId: text("what_if_id")
      .notNull()
      .references(() => whatIfs.id),
    usedOn: text("used_on").notNull(),
    howItWent: text("how_it_went").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("what_if_uses_what_if_idx").on(t.whatIfId, t.usedOn), index("what_if_uses_family_idx").on(t.familyId)],
);

// "Samen terugkijken": every six months the family and their coach look back at the
// plan together. The day, who was there (in the family's words), and when the next
// one is due; per goal, how it went and what happens next.
export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    heldOn: text("held_on").notNull(),
    present: text("present").notNull().default(""),
    note: text("note").notNull().default(""),
    nextOn: text("next_on").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("reviews_family_idx").on(t.familyId, t.heldOn)],
);

export const reviewGoals = sqliteTable(
  "review_goals",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    goalId: text("goal_id")
      .notNull()
      .references(() => goals.id),
    howItWent: text("how_it_went").notNull().default(""),
    next: text("next", { enum: REVIEW_NEXT }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.goalId] })],
);

// "Wat gaat goed?" and "Waar zijn we trots op?", in the family's own words, for the
// whole family (memberId null) or one member. A part of the plan the family can share.
export const strengths = sqliteTable(
  "strengths",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    kind: text("kind", { enum: STRENGTH_KINDS }).notNull(),
    memberId: text("member_id").references(() => members.id),
    text: text("text").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("strengths_family_idx").on(t.familyId, t.createdAt)],
);

export const progressNotes = sqliteTable(
  "progress_notes",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    text: text("text").notNull(),
    goalId: text("goal_id").references(() => goals.id),
    mood: integer("mood"),
    authorUserId: text("author_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    index("progress_family_idx").on(t.familyId, t.createdAt),
    check("progress_mood_ck", sql`${t.mood} is null or ${t.mood} between 1 and 5`),
  ],
);

// Every create, edit and delete of plan data, so the family can see who changed
// what and when. Rows are only ever added.
export const changes = sqliteTable(
  "changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action", { enum: ["create", "update", "delete"] }).notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    at: integer("at").notNull().default(now),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [
    index("changes_family_idx").on(t.familyId, t.at),
    index("changes_entity_idx").on(t.entity, t.entityId),
  ],
);

// ---------------------------------------------------------------------------
// Consent: the family gives one professional access to chosen parts of the plan.

export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    // Bound when the professional claims the invitation.
    professionalUserId: text("professional_user_id").references(() => users.id),
    name: text("name").notNull(),
    organisation: text("organisation").notNull().default(""),
    role: text("role").notNull().default(""),
    purpose: text("purpose").notNull(),
    email: text("email").notNull().default(""),
    // The version in force: { goals: "read" | "write", ... }. Older versions are in
    // consent_versions, so the log can always say what was allowed at the time.
    scopes: text("scopes", { mode: "json" }).notNull().$type<Record<string, "read" | "write">>(),
    // Which records of a part ("alleen deze"); a part without an entry is shared whole.
    selection: text("selection", { mode: "json" }).notNull().default("{}").$type<Selection>(),
    endsAt: integer("ends_at").notNull(),
    version: integer("version").notNull().default(1),
    status: text("status", { enum: CONSENT_STATUSES }).notNull().default("pending"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    claimedAt: integer("claimed_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id),
  },
  (t) => [
    index("consents_family_idx").on(t.familyId),
    index("consents_professional_idx").on(t.professionalUserId, t.familyId),
    check("consents_status_ck", sql`${t.status} in ('pending','active','revoked')`),
  ],
);

export const consentVersions = sqliteTable(
  "consent_versions",
  {
    consentId: text("consent_id")
      .notNull()
      .references(() => consents.id),
    version: integer("version").notNull(),
    scopes: text("scopes", { mode: "json" }).notNull().$type<Record<string, "read" | "write">>(),
    selection: text("selection", { mode: "json" }).notNull().default("{}").$type<Selection>(),
    endsAt: integer("ends_at").notNull(),
    changedBy: text("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: integer("changed_at").notNull().default(now),
    // What this version is: the family changed it, the professional asked for more
    // (not in force), or the family answered a request (approval in force; a refusal
    // keeps what held). `answers` names the request version an answer is about.
    kind: text("kind", { enum: VERSION_KINDS }).notNull().default("change"),
    note: text("note").notNull().default(""),
    answers: integer("answers"),
  },
  (t) => [primaryKey({ columns: [t.consentId, t.version] })],
);

// A professional without access asks a family by link (and QR code on paper). The
// ask waits here until a family admin opens the link; an approval becomes a consent
// whose first version is this request and whose second is the family's answer.
export const accessRequests = sqliteTable(
  "access_requests",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    professionalUserId: text("professional_user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull().default(""),
    purpose: text("purpose").notNull(),
    scopes: text("scopes", { mode: "json" }).notNull().$type<Record<string, "read" | "write">>(),
    endsAt: integer("ends_at").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
    answeredAt: integer("answered_at"),
    answeredBy: text("answered_by").references(() => users.id),
    answer: text("answer", { enum: REQUEST_ANSWERS }),
    consentId: text("consent_id").references(() => consents.id),
  },
  (t) => [index("access_requests_professional_idx").on(t.professionalUserId)],
);

export const consentInvitations = sqliteTable(
  "consent_invitations",
  {
    id: text("id").primaryKey(),
    consentId: text("consent_id")
      .notNull()
      .references(() => consents.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    claimedAt: integer("claimed_at"),
    claimedBy: text("claimed_by").references(() => users.id),
  },
  (t) => [index("consent_invitations_consent_idx").on(t.consentId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    consentId: text("consent_id")
      .notNull()
      .references(() => consents.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_tokens_consent_idx").on(t.consentId)],
);

// One row per professional read or write. Only ever appended; each row's hash
// covers the previous row's hash of the same family, so a changed or removed row
// breaks the chain (checked by `npm run verify-log`).
export const accessLog = sqliteTable(
  "access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    familyId: text("family_id")
      .notNull()
      .references(() => families.id),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    actorUserId: text("actor_user_id")
      .notNull()
      .references(() => users.id),
    consentId: text("consent_id")
      .notNull()
      .references(() => consents.id),
    consentVersion: integer("consent_version").notNull(),
    section: text("section").notNull(),
    recordIds: text("record_ids").notNull(),
    action: text("action", { enum: ["read", "create", "update"] }).notNull(),
    channel: text("channel", { enum: ["web", "api"] }).notNull(),
    ip: text("ip").notNull(),
    userAgent: text("user_agent").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("access_log_family_seq_uq").on(t.familyId, t.seq),
    index("access_log_family_at_idx").on(t.familyId, t.at),
    index("access_log_consent_idx").on(t.consentId),
  ],
);

// How far each family's chain was last checked from its very first entry: the
// "Wie keek mee?" page then only needs to check what came after. A checkpoint is
// only written after a full check up to it succeeded (ADR 004).
export const accessLogCheckpoints = sqliteTable("access_log_checkpoints", {
  familyId: text("family_id")
    .primaryKey()
    .references(() => families.id),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
  checkedAt: integer("checked_at").notNull(),
});

// Every mail a scheduled job sent (ADR 012): one row per kind, subject and person,
// claimed before sending, so a job that runs twice, or two at once, sends once.
export const sentMails = sqliteTable(
  "sent_mails",
  {
    kind: text("kind", { enum: ["weekly-summary", "ends-soon", "review-due", "checkin"] }).notNull(),
    // What the mail is about: "<family>:<monday of the week>" or "<consent>:<end>".
    about: text("about").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.about, t.userId] })],
);

// A person's passkeys (WebAuthn): several per person, each with a name they chose
// ("telefoon", "laptop werk"), each removable. The id is the credential id the
// authenticator gave (base64url); the public key is stored, never a secret.
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: text("transports").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

// A WebAuthn challenge between the browser asking for options and sending its
// answer: one row, used once, for a few minutes. In SQLite so any server process
// can check it.
export const webauthnChallenges = sqliteTable("webauthn_challenges", {
  id: text("id").primaryKey(),
  challenge: text("challenge").notNull(),
  // Set when a signed-in person adds a passkey; empty when signing in.
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at").notNull(),
});

// A code app (TOTP, RFC 6238) as a second step. The secret is needed to check
// codes, so it is stored; confirmedAt is set once the person typed a right code.
// lastStep keeps a code from being used twice.
export const totpApps = sqliteTable("totp_apps", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  confirmedAt: integer("confirmed_at"),
  lastStep: integer("last_step").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
});

// Recovery codes for a lost phone: shown once, only their hashes kept, each works once.
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);
