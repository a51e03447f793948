import { Form, Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/looks";
import { familyContext } from "../../plan/context.server";
import { checkFamilyLog } from "../../../consent/log";
import { SECTIONS } from "../../../consent/sections";
import { consentChoices, filterQuery, listLogEntries, PAGE_SIZE, parseLogFilters } from "../../sharing/looks.server";
import { formatDateTime } from "../../lib/dates";
import { SelectField, TextField } from "../../components/fields";
import { skipOnStorageTrouble } from "../../lib/storage.server";

// "Wie keek mee?": every logged look and write by a professional, newest first, in
// plain sentences. Any member of the family may see it. The line on top says
// whether the log's hash chain is whole.
// The looks come before the search form: on a phone, what happened is what people
// open this page for.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const { filters, values, errors } = parseLogFilters(new URL(request.url));
  const rows = listLogEntries(ctx.db, ctx.familyId, filters, PAGE_SIZE + 1);
  const entries = rows.slice(0, PAGE_SIZE).map((row) => ({
    id: row.id,
    at: row.at,
    section: row.section,
    action: row.action,
    channel: row.channel,
    name: row.actorName,
    organisation: row.organisation,
    consentId: row.consentId,
    consentName: row.consentName,
    consentVersion: row.consentVersion,
  }));
  const query = filterQuery(filters);
  const last = entries.at(-1);
  const chain = checkFamilyLog(ctx.db, ctx.familyId, { onSaveFailed: skipOnStorageTrouble });
  return {
    familyId: ctx.familyId,
    entries,
    people: consentChoices(ctx.db, ctx.familyId),
    values,
    errors,
    filtered: query !== "",
    older: rows.length > PAGE_SIZE && last ? `?${query ? `${query}&` : ""}before=${last.at}-${last.id}` : null,
    paged: filters.before !== null,
    newest: `/f/${ctx.familyId}/looks${query ? `?${query}` : ""}`,
    csv: `/f/${ctx.familyId}/looks.csv${query ? `?${query}` : ""}`,
    chain: { ok: chain.ok, checked: chain.checked },
  };
}

const ACTIONS = ["read", "create", "update"];

export default function Looks() {
  const { t, i18n } = useTranslation("looks");
  const { familyId, entries, people, values, errors, filtered, older, paged, newest, csv, chain } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="card">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {chain.ok ? (
          <p className="notice" role="status">
            {t("intact")}
          </p>
        ) : (
          <p className="form-error" role="alert">
            {t("broken")}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("listTitle")}</h2>
        {entries.length === 0 ? <p>{filtered || paged ? t("noneFound") : t("empty")}</p> : null}
        <ol className="list">
          {entries.map((entry) => {
            const who = entry.organisation ? t("who", { name: entry.name, organisation: entry.organisation }) : t("whoPlain", { name: entry.name });
            const known = (SECTIONS as readonly string[]).includes(entry.section) && ACTIONS.includes(entry.action);
            return (
              <li key={entry.id}>
                <p className="item-title">{t(known ? `sentence.${entry.action}.${entry.section}` : "sentence.other", { who })}</p>
                <p className="meta">
                  <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, i18n.language)}</time> · {t(`channel.${entry.channel}`)}
                  {" · "}
                  <Link to={`/f/${familyId}/access/${entry.consentId}#version-${entry.consentVersion}`}>
                    {t("consent", { name: entry.consentName, version: entry.consentVersion })}
                  </Link>
                </p>
              </li>
            );
          })}
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
    </div>
  );
}
