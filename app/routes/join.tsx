import { Form, Link, data, redirect, useActionData, useLoaderData, useParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/join";
import { getDb } from "../../db/client.server";
import { currentUser, requireUser } from "../auth/user.server";
import { CLAIM_LIMIT, clientIp, takeAttempt } from "../auth/rate-limit.server";
import { claimJoinLink, inspectJoinLink } from "../plan/join-links.server";
import { memberAccess } from "../../consent/gate";
import { orUnavailable } from "../lib/storage.server";
import { closedLink } from "../lib/closed-link.server";
import { ClosedLink } from "../components/closed-link";

// /join/<token>: an adult takes their place in a family with their own account.
// Nothing about the family shows until the token is known to be valid.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const found = inspectJoinLink(getDb(), params.token);
  if (found.state !== "open") return closedLink(found.state);
  const user = currentUser({ context });
  const alreadyMember = user ? memberAccess(getDb(), user.id, found.familyId) !== null : false;
  return {
    state: "open" as const,
    familyName: found.familyName,
    memberName: found.memberName,
    signedIn: Boolean(user),
    // Only someone already in the family learns where the family lives.
    familyId: alreadyMember ? found.familyId : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser({ request, context });
  if (!takeAttempt(`join:ip:${clientIp(request)}`, CLAIM_LIMIT)) return closedLink("tooMany");
  const db = getDb();
  // The one family write outside the gate: the user is not a member yet, so the
  // invitation itself is the permission.
  const result = orUnavailable(() => claimJoinLink(db, params.token, user.id));
  if (result.state === "joined") return redirect(`/f/${result.familyId}`);
  if (result.state === "alreadyMember") return data({ state: "alreadyMember" as const, familyId: result.familyId }, { status: 409 });
  return closedLink(result.state);
}


export default function Join() {
  const { t } = useTranslation("members");
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const view = result ?? loaded;

  if (view.state === "alreadyMember" || (view.state === "open" && view.familyId)) {
    const familyId = view.familyId!;
    return (
      <section className="card">
        <h1>{t("join.alreadyMember")}</h1>
        <p className="actions">
          <Link to={`/f/${familyId}`} className="button">
            {t("join.toPlan")}
          </Link>
        </p>
      </section>
    );
  }

  if (view.state !== "open") {
    return (
      <ClosedLink title={t(`join.state.${view.state}.title`)} text={t(`join.state.${view.state}.text`)}>
        <Link to="/" className="button-secondary">
          {t("join.home")}
        </Link>
      </ClosedLink>
    );
  }

  return <OpenInvitation familyName={view.familyName} memberName={view.memberName} signedIn={view.signedIn} />;
}

function OpenInvitation({ familyName, memberName, signedIn }: { familyName: string; memberName: string; signedIn: boolean }) {
  const { t } = useTranslation("members");
  const { token } = useParams();
  // After signing up or in, the visitor comes straight back to this link.
  const redirectTo = encodeURIComponent(`/join/${token ?? ""}`);
  return (
    <section className="card">
      <h1>{t("join.title", { family: familyName })}</h1>
      <p>{t("join.intro", { member: memberName })}</p>
      {signedIn ? (
        <Form method="post" noValidate>
          <p>{t("join.question")}</p>
          <div className="actions">
            <button type="submit" className="primary">
              {t("join.submit")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <p>{t("join.signedOut")}</p>
          <p className="actions">
            <Link to={`/signup?redirectTo=${redirectTo}`} className="button">
              {t("join.signup")}
            </Link>
            <Link to={`/login?redirectTo=${redirectTo}`} className="button-secondary">
              {t("join.login")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
