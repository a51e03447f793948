import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { TFunction } from "i18next";
import type { Route } from "./+types/export";
import { familyContext, notFound, readSection } from "../../plan/context.server";
import { EXPORT_VERSION, exportFor } from "../../plan/export.server";
import { formatDate, formatDateTime } from "../../lib/dates";
import { PrintButton } from "../../components/print-button";
import { ReviewPresent } from "../../components/review-goals";

// "Download alles" as a page to read and print: the same object as the file, so
// paper and file never differ. The two long lists show their newest entries; the
// file holds them all.

const PAGE_LIST = 200;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const what = new URL(request.url).searchParams.get("what");
  const exported = readSection(ctx, "family", (db, familyId) => exportFor(db, familyId, ctx.access, what));
  if (!exported) throw notFound();
  const newest = <T,>(list: T[]) => list.slice(-PAGE_LIST).reverse();
  return {
    familyId: ctx.familyId,
    isAdmin: ctx.access.role === "admin",
    version: EXPORT_VERSION,
    exported: {
      ...exported,
      changes: newest(exported.changes),
      ...(exported.kind === "family" ? { accessLog: newest(exported.accessLog) } : {}),
    },
    totals: { changes: exported.changes.length, accessLog: exported.kind === "family" ? exported.accessLog.length : 0 },
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Exported = Data["exported"];

const at = (iso: string) => Date.parse(iso);

function Section({ id, title, empty, children }: { id: string; title: string; empty: boolean; children: React.ReactNode }) {
  const { t } = useTranslation("export");
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p className="meta">{t("none")}</p> : children}
    </section>
  );
}

function Goals({ exported, nameOf, memberName }: { exported: Exported; nameOf: (id: string | null) => string; memberName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation("export");
  const lang = i18n.language;
  return (
    <ul className="list">
      {exported.goals.map((goal) => (
        <li key={goal.id}>
          <p className="item-title own-words" dir="auto">{goal.title}</p>
          <p className="meta">
            {t(`common:lifeAreas.${goal.lifeArea}`)} · {t(`common:goalStatus.${goal.status}`)} ·{" "}
            {goal.forMembers.length ? t("forMembers", { names: goal.forMembers.map(memberName).join(", ") }) : t("forWhole")} ·{" "}
            {t("by", { name: nameOf(goal.createdBy) })} · {formatDate(at(goal.createdAt), lang)}
          </p>
          <ul>
            {exported.steps
              .filter((step) => step.goalId === goal.id)
              .map((step) => (
                <li key={step.id}>
                  <span className="pre" dir="auto">{step.what}</span>
                  {step.when ? <> · {t("stepWhen", { when: step.when })}</> : null}
                  {step.doneAt ? <> · {t("stepDone", { date: formatDate(at(step.doneAt), lang) })}</> : null}
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function Consents({ exported, nameOf }: { exported: Extract<Exported, { kind: "family" }>; nameOf: (id: string | null) => string }) {
  const { t, i18n } = useTranslation("export");
  const lang = i18n.language;
  const parts = (scopes: Record<string, string>) =>
    Object.keys(scopes).length
      ? Object.entries(scopes)
          .map(([part, level]) => `${t(`access:parts.${part}`)} (${t(`access:level.${level}`)})`)
          .join(", ")
      : t("consent.nothing");
  return (
    <ul className="list">
      {exported.consents.map((consent) => (
        <li key={consent.id}>
          <p className="item-title">
            {consent.name}
            {consent.organisation ? ` · ${consent.organisation}` : ""}
          </p>
          <p className="meta">
            {t(`consent.status.${consent.status}`)} · {t("consent.until", { date: formatDate(at(consent.endsAt), lang) })}
          </p>
          <p className="pre" dir="auto">{consent.purpose}</p>
          <p>{parts(consent.scopes)}</p>
          <details>
            <summary>{t("consent.versions")}</summary>
            <ul>
              {consent.versions.map((version) => (
                <li key={version.version}>
                  {t("consent.version", { version: version.version, date: formatDateTime(at(version.changedAt), lang), kind: t(`consent.kind.${version.kind}`) })}:{" "}
                  {parts(version.scopes)} · {t("consent.until", { date: formatDate(at(version.endsAt), lang) })} · {t("by", { name: nameOf(version.changedBy) })}
                  {version.note ? <span className="pre" dir="auto"> · {version.note}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

function changeLine(t: TFunction, change: Exported["changes"][number], who: string) {
  return t(`history:sentence.${change.entity}.${change.action}`, { who, defaultValue: `${who}: ${change.entity} ${change.action}` });
}

export default function ExportPage() {
  const { t, i18n } = useTranslation("export");
  const lang = i18n.language;
  const { familyId, isAdmin, version, exported, totals } = useLoaderData<typeof loader>();
  const people = new Map(exported.people.map((person) => [person.id, person.organisation ? `${person.name} (${person.organisation})` : person.name]));
  const nameOf = (id: string | null) => (id ? (people.get(id) ?? "?") : "?");
  const members = new Map(exported.members.map((member) => [member.id, member.name]));
  const memberName = (id: string | null) => (id ? (members.get(id) ?? "?") : "?");
  const what = exported.kind === "family" ? "family" : "mine";
  return (
    <div className="stack">
      <section className="card" aria-labelledby="export-heading">
        <h1 id="export-heading">{t("title")}</h1>
        <p>{t(`intro.${exported.kind}`)}</p>
        <p className="notice">{t("careful")}</p>
        <p className="actions no-print">
          <a href={`/f/${familyId}/export.json?what=${what}`} className="button" download>
            {t("download")}
          </a>
          <PrintButton />
        </p>
        <p className="meta">
          {t("downloadHint")} {t("format", { version })}
        </p>
        {isAdmin ? (
          <p className="no-print">
            <Link to={`?what=${exported.kind === "family" ? "mine" : "family"}`}>{exported.kind === "family" ? t("mine") : t("whole")}</Link>
          </p>
        ) : null}
        <p className="meta">
          <span className="pre" dir="auto">{exported.family.name}</span> · {t("madeOn", { date: formatDateTime(at(exported.exportedAt), lang) })}
        </p>
      </section>

      {exported.kind === "member" ? (
        <Section id="export-account" title={t("section.account")} empty={false}>
          <p>{t("account.name", { name: exported.account.name })}</p>
          <p>{t("account.email", { email: exported.account.email })}</p>
          <p className="meta">{t("account.since", { date: formatDate(at(exported.account.createdAt), lang) })}</p>
        </Section>
      ) : null}

      <Section id="export-members" title={t("section.members")} empty={exported.members.length === 0}>
        <ul className="list">
          {exported.members.map((member) => (
            <li key={member.id}>
              <p className="item-title pre">{member.name}</p>
              <p className="meta">
                {member.relation ? (
                  <>
                    <span className="pre" dir="auto">{member.relation}</span>
                    {" · "}
                  </>
                ) : null}
                {t(`members:livesAtHome.${member.livesAtHome}`)} · {member.userId ? t("members:account.yes") : t("members:account.no")}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="export-goals" title={t("section.goals")} empty={exported.goals.length === 0 && exported.steps.length === 0}>
        <Goals exported={exported} nameOf={nameOf} memberName={memberName} />
      </Section>

      <Section id="export-strengths" title={t("section.strengths")} empty={exported.strengths.length === 0}>
        <ul className="list">
          {exported.strengths.map((strength) => (
            <li key={strength.id}>
              <p className="own-words pre" dir="auto">{strength.text}</p>
              <p className="meta">
                {t(`strengths:kind.${strength.kind}`)} · {strength.memberId ? t("forMembers", { names: memberName(strength.memberId) }) : t("forWhole")} ·{" "}
                {t("by", { name: nameOf(strength.createdBy) })} · {formatDate(at(strength.createdAt), lang)}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="export-whatifs" title={t("section.whatIfs")} empty={exported.whatIfs.length === 0}>
        <ul className="list">
          {exported.whatIfs.map((whatIf) => (
            <li key={whatIf.id}>
              <p className="item-title own-words" dir="auto">{whatIf.situation}</p>
              {[
                ["whatifs:form.earlySigns", whatIf.earlySigns],
                ["whatifs:form.actions", whatIf.actions],
                ["whatifs:form.informs", whatIf.informs],
                ["whatifs:list.phones", whatIf.phones],
              ]
                .filter(([, text]) => text)
                .map(([label, text]) => (
                  <p key={label}>
                    <strong>{t(label)}</strong> <span className="pre" dir="auto">{text}</span>
                  </p>
                ))}
              {exported.whatIfUses
                .filter((use) => use.whatIfId === whatIf.id)
                .map((use) => (
                  <p key={use.id} className="meta">
                    {t("usedOn", { date: formatDate(use.usedOn, lang) })}
                    {use.howItWent ? (
                      <>
                        {" "}
                        <span className="pre" dir="auto">
                          {use.howItWent}
                        </span>
                      </>
                    ) : null}
                  </p>
                ))}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="export-reviews" title={t("section.reviews")} empty={exported.reviews.length === 0}>
        <ul className="list">
          {exported.reviews.map((review) => (
            <li key={review.id}>
              <p className="item-title">{t("reviews:review.title", { date: formatDate(review.heldOn, lang) })}</p>
              <ReviewPresent present={review.present} label={t("reviews:review.present")} />
              <ul>
                {review.goals.map((outcome) => (
                  <li key={outcome.goalId}>
                    <span className="own-words" dir="auto">
                      {exported.goals.find((goal) => goal.id === outcome.goalId)?.title ?? t("reviews:review.removed")}
                    </span>
                    {" · "}
                    {t(`reviews:next.${outcome.next}`)}
                    {outcome.howItWent ? (
                      <>
                        {" · "}
                        <span className="pre" dir="auto">
                          {outcome.howItWent}
                        </span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
              {review.note ? (
                <p>
                  <strong>{t("reviews:review.note")}</strong> <span className="pre" dir="auto">{review.note}</span>
                </p>
              ) : null}
              <p className="meta">{t("reviews:review.nextOn", { date: formatDate(review.nextOn, lang) })}</p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="export-progress" title={t("section.progress")} empty={exported.progress.length === 0}>
        <ul className="list">
          {exported.progress.map((note) => (
            <li key={note.id}>
              <p className="pre own-words" dir="auto">{note.text}</p>
              <p className="meta">
                {formatDateTime(at(note.createdAt), lang)} · {t("by", { name: nameOf(note.createdBy) })}
                {note.mood ? <> · {t(`progress:moodWords.${note.mood}`)}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      {exported.kind === "family" ? (
        <>
          <Section id="export-network" title={t("section.network")} empty={exported.network.length === 0}>
            <ul className="list">
              {exported.network.map((person) => (
                <li key={person.id}>
                  <p className="item-title pre">{person.name}</p>
                  <p className="meta">
                    {t(`network:kind.${person.kind}`)}
                    {[person.relation, person.organisation, person.phone].filter(Boolean).map((part) => (
                      <span key={part} className="pre" dir="auto">
                        {" "}
                        · {part}
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </Section>

          <Section id="export-consents" title={t("section.consents")} empty={exported.consents.length === 0}>
            <Consents exported={exported} nameOf={nameOf} />
          </Section>

          <Section id="export-looks" title={t("section.accessLog")} empty={exported.accessLog.length === 0}>
            {totals.accessLog > exported.accessLog.length ? <p className="meta">{t("log.more", { shown: exported.accessLog.length, total: totals.accessLog })}</p> : null}
            <ul>
              {exported.accessLog.map((entry) => (
                <li key={entry.seq}>
                  {t("log.line", {
                    date: formatDateTime(at(entry.at), lang),
                    name: nameOf(entry.actorUserId),
                    part: t(`access:parts.${entry.section}`),
                    action: t(`looks:csv.actions.${entry.action}`),
                  })}
                </li>
              ))}
            </ul>
            <p className="meta">{t("receipt")}</p>
          </Section>
        </>
      ) : null}

      <Section id="export-changes" title={t("section.changes")} empty={exported.changes.length === 0}>
        {totals.changes > exported.changes.length ? <p className="meta">{t("log.more", { shown: exported.changes.length, total: totals.changes })}</p> : null}
        <ul>
          {exported.changes.map((change) => (
            <li key={change.id}>
              {formatDateTime(at(change.at), lang)}: {changeLine(t, change, nameOf(change.userId))}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
