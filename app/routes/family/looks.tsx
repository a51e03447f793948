import { Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/looks";
import { familyContext, notFound, writeSection } from "../../plan/context.server";
import { checkedReceipt } from "../../sharing/receipt.server";
import { consentChoices, filterQuery, listLogEntries, PAGE_SIZE, parseLogFilters } from "../../sharing/looks.server";
import { SelectField, TextField } from "../../components/fields";
import { calmWhenStorageFails, skipOnStorageTrouble } from "../../lib/storage.server";
import { formatDate, formatDateTime } from "../../lib/dates";
import { lastWeek, markLooksSeen, visitsOf, weekSummary } from "../../sharing/visits.server";
import { getMember, setWeeklySummary } from "../../plan/members.server";
import { mailIsSetUp } from "../../mail.server";
import { useVisitWords, VisitItem } from "../../components/visit-item";
import { Notice } from "../../components/notice";

// "Wie keek mee?": every logged look and write by a professional, newest first, as
// visits in plain sentences that open to what was seen. Any member of the family
// may see it. The line on top says whether the log is whole; below the looks, last
// week in the words of the weekly mail, and the receipt the family can keep.
// The looks come before the search form: on a phone, what happened is what people
// open this page for.

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const { filters, values, errors } = parseLogFilters(new URL(request.url));
  const rows = listLogEntries(ctx.db, ctx.familyId, filters, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const { visits, titles, nextBefore } = visitsOf(ctx.db, ctx.familyId, page);
  const query = filterQuery(filters);
  const last = page.at(-1);
  const older = nextBefore ?? (rows.length > PAGE_SIZE && last ? { at: last.at, id: last.id } : null);
  // As many of the newest entries as the visits shown hold are each checked against their own hash.
  const { chain, receipt } = checkedReceipt(ctx.db, ctx.familyId, { newest: visits.reduce((sum, visit) => sum + visit.looks, 0) });
  // Seeing the newest looks is what makes them no longer new on the plan page.
  if (!filters.before) {
    try {
      markLooksSeen(ctx.db, ctx.access.memberId);
    } catch (error) {
      skipOnStorageTrouble(error);
    }
  }
  return {
    familyId: ctx.familyId,
    visits,
    titles,
    // Last week in the words of the weekly mail; the mail never says more than this.
    week: weekSummary(ctx.db, ctx.familyId, lastWeek()),
    weeklyMail: ctx.access.role === "admin" ? { on: getMember(ctx.db, ctx.familyId, ctx.access.memberId)?.weeklySummary ?? false, mailSetUp: await mailIsSetUp() } : null,
    people: consentChoices(ctx.db, ctx.familyId),
    values,
    errors,
    filtered: query !== "",
    older: older ? `?${query ? `${query}&` : ""}before=${older.at}-${older.id}` : null,
    paged: filters.before !== null,
    newest: `/f/${ctx.familyId}/looks${query ? `?${query}` : ""}`,
    csv: `/f/${ctx.familyId}/looks.csv${query ? `?${query}` : ""}`,
    chain,
    receipt: receipt ? { seq: receipt.seq, hash: receipt.hash, at: receipt.at, file: `/f/${ctx.familyId}/looks-receipt.json` } : null,
  };
}

/** An admin turns their own weekly summary by mail on or off. */
export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  if (ctx.access.role !== "admin") throw notFound();
  const on = (await request.formData()).get("weekly") === "on";
  writeSection(ctx, "family", (db) => setWeeklySummary(db, ctx.access.memberId, on));
  return redirect(`/f/${ctx.familyId}/looks?weekly=${on ? "on" : "off"}`);
});

export default function Looks() {
  const { t, i18n } = useTranslation("looks");
  const { familyId, visits, titles, people, values, errors, filtered, older, paged, newest, csv, chain, receipt, week, weeklyMail } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const words = useVisitWords();
  return (
    <div className="stack">
      <section className="card">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {chain.ok ? (
          <Notice>
            {t("intact")}
          </Notice>
        ) : (
          <p className="form-error" role="alert">
            {t("broken")}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("listTitle")}</h2>
        {visits.length === 0 ? <p>{filtered || paged ? t("noneFound") : t("empty")}</p> : null}
        <ol className="list">
          {visits.map((visit) => (
            <VisitItem key={visit.id} visit={visit} titles={titles} words={words} familyId={familyId} />
          ))}
        </ol>
        {older ? (
          <p className="actions">
            <Link to={older} className="button-secondary">
              {t("older")}
            </Link>
          </p>
        ) : null}
        {paged ? (
          <p>
            <Link to={newest}>{t("newest")}</Link>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="week-heading">
        <h2 id="week-heading">{t("week.title", { from: formatDate(week.monday, i18n.language), to: formatDate(week.sunday, i18n.language) })}</h2>
        {week.people.length === 0 ? <p>{t("week.none")}</p> : null}
        <ul>
          {week.people.map((person) => (
            <li key={`${person.name}-${person.role}`}>
              {t("week.line", { who: person.role ? t("who", { name: person.name, organisation: person.role }) : person.name, count: person.visits })}
            </li>
          ))}
        </ul>
        {weeklyMail ? (
          <Form method="post" className="actions">
            {params.get("weekly") ? (
              <Notice>
                {t(params.get("weekly") === "on" ? "week.turnedOn" : "week.turnedOff")}
              </Notice>
            ) : null}
            <p className="meta">{t(weeklyMail.on ? "week.mailOn" : "week.mailOff")}{weeklyMail.mailSetUp ? "" : ` ${t("week.noMail")}`}</p>
            <button type="submit" name="weekly" value={weeklyMail.on ? "off" : "on"} className="button-secondary">
              {t(weeklyMail.on ? "week.turnOff" : "week.turnOn")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("filters.title")}</h2>
        <Form method="get">
          <SelectField
            name="person"
            label={t("filters.person")}
            defaultValue={values.person}
            options={[
              { value: "", label: t("filters.everyone") },
              ...people.map((person) => ({
                value: person.id,
                label: person.organisation ? t("who", { name: person.name, organisation: person.organisation }) : person.name,
              })),
            ]}
          />
          <div className="two-col">
            <TextField type="date" name="from" label={t("filters.from")} defaultValue={values.from} errors={errors} />
            <TextField type="date" name="to" label={t("filters.to")} defaultValue={values.to} errors={errors} />
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t("filters.submit")}
            </button>
            {filtered ? (
              <Link to={`/f/${familyId}/looks`} className="button-secondary">
                {t("filters.reset")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <p>
        <a href={csv} download>
          {t("download")}
        </a>
      </p>

      {receipt ? (
        <section className="card" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{t("receipt.title")}</h2>
          <p>{t("receipt.explain")}</p>
          <p className="meta">
            {t("receipt.what", { seq: receipt.seq, date: formatDateTime(Date.parse(receipt.at), i18n.language) })} <code className="code">{receipt.hash.slice(0, 16)}</code>
          </p>
          <p>
            <a href={receipt.file} download>
              {t("receipt.download")}
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
