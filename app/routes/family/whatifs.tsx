import { Form, Link, redirect, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Route } from "./+types/whatifs";
import { familyContext, readSection, writeSection } from "../../plan/context.server";
import { getWhatIf, listWhatIfs, updateWhatIf } from "../../plan/whatifs.server";
import { todayInTheNetherlands } from "../../plan/whatif-schema";
import { formatDate } from "../../lib/dates";
import { notFound } from "../../auth/user.server";
import { PhoneLinks } from "../../components/phone-links";
import { ReadAloud } from "../../components/read-aloud";
import { startsWithIf } from "../../lib/whatif-heading";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = familyContext(request, params.familyId);
  return { familyId: ctx.familyId, whatIfs: readSection(ctx, "whatifs", listWhatIfs) };
}

// The one action on this page: "we went through this together today".
export async function action({ request, params }: Route.ActionArgs) {
  const ctx = familyContext(request, params.familyId);
  const whatIfId = String((await request.formData()).get("whatIfId") ?? "");
  const today = todayInTheNetherlands();
  const ok = writeSection(ctx, "whatifs", (db, familyId, userId) => {
    const current = getWhatIf(db, familyId, whatIfId);
    if (!current) return false;
    if (current.lastCheckedOn === today) return true;
    const { situation, earlySigns, actions, informs, phones } = current;
    return updateWhatIf(db, familyId, userId, whatIfId, { situation, earlySigns, actions, informs, phones, lastCheckedOn: today });
  });
  if (!ok) throw notFound();
  return redirect(`/f/${ctx.familyId}/what-ifs#whatif-${whatIfId}`);
}

function heading(t: TFunction<"whatifs">, situation: string) {
  return startsWithIf(situation) ? situation : t("list.if", { situation });
}

/** The whole agreement as one text to read aloud, in the order of the card. */
function spoken(t: TFunction<"whatifs">, w: { situation: string; earlySigns: string; actions: string; informs: string; phones: string }) {
  const parts: [string, string][] = [
    [t("list.earlySigns"), w.earlySigns],
    [t("list.actions"), w.actions],
    [t("list.informs"), w.informs],
    [t("list.phones"), w.phones],
  ];
  return [heading(t, w.situation), ...parts.filter(([, text]) => text).map(([title, text]) => `${title}. ${text}`)].join("\n\n");
}

export default function WhatIfs() {
  const { t, i18n } = useTranslation("whatifs");
  const { familyId, whatIfs } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {whatIfs.length > 0 ? (
        <p className="actions">
          <Link to={`/f/${familyId}/what-ifs/print`} className="button-secondary">
            {t("list.print")}
          </Link>
        </p>
      ) : null}
      {whatIfs.length === 0 ? <p>{t("list.none")}</p> : null}
      {whatIfs.map((w) => (
        <section key={w.id} id={`whatif-${w.id}`} className="card" aria-labelledby={`whatif-${w.id}-title`}>
          <div className="read-row">
            <h2 id={`whatif-${w.id}-title`} className="own-words">
              {heading(t, w.situation)}
            </h2>
            <ReadAloud text={spoken(t, w)} label={heading(t, w.situation)} />
          </div>
          {w.earlySigns || w.actions || w.informs || w.phones ? (
            <dl className="whatif">
              {w.earlySigns ? (
                <>
                  <dt>{t("list.earlySigns")}</dt>
                  <dd className="pre">{w.earlySigns}</dd>
                </>
              ) : null}
              {w.actions ? (
                <>
                  <dt>{t("list.actions")}</dt>
                  <dd className="pre">{w.actions}</dd>
                </>
              ) : null}
              {w.informs ? (
                <>
                  <dt>{t("list.informs")}</dt>
                  <dd className="pre">{w.informs}</dd>
                </>
              ) : null}
              {w.phones ? (
                <>
                  <dt>{t("list.phones")}</dt>
                  <dd>
                    <PhoneLinks text={w.phones} />
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
          <p className="meta">
            {w.lastCheckedOn ? t("list.lastChecked", { date: formatDate(w.lastCheckedOn, i18n.language) }) : t("list.neverChecked")}
          </p>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="whatIfId" value={w.id} />
              <button type="submit" className="button-secondary" aria-label={t("list.checkedTodayLabel", { situation: w.situation })}>
                {t("list.checkedToday")}
              </button>
            </Form>
            <Link to={`/f/${familyId}/what-ifs/${w.id}`} className="button-secondary" aria-label={t("list.editLabel", { situation: w.situation })}>
              {t("list.edit")}
            </Link>
            <Link to={`/f/${familyId}/what-ifs/print?id=${w.id}`} className="button-link" aria-label={t("list.printOneLabel", { situation: w.situation })}>
              {t("list.print")}
            </Link>
            <Link to={`/f/${familyId}/delete/whatif/${w.id}`} className="button-link" aria-label={t("list.deleteLabel", { situation: w.situation })}>
              {t("list.delete")}
            </Link>
          </div>
        </section>
      ))}
      <p className="actions">
        <Link to={`/f/${familyId}/what-ifs/new`} className="button">
          {t("list.add")}
        </Link>
      </p>
    </div>
  );
}
