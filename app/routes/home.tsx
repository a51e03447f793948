import { Link, redirect } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/home";
import { currentUser } from "../auth/user.server";
import { getDb } from "../../db/client.server";
import { listFamiliesOfUser } from "../plan/families.server";
import { listConsentsOfProfessional } from "../../consent/grants";

export function loader({ request, context }: Route.LoaderArgs) {
  const user = currentUser({ context });
  if (user) {
    // Most people belong to one family: take them straight to their plan. A
    // professional without a family of their own goes to the families that gave access.
    const db = getDb();
    const families = listFamiliesOfUser(db, user.id);
    if (families.length === 1) throw redirect(`/f/${families[0].id}`);
    if (families.length === 0 && listConsentsOfProfessional(db, user.id).length > 0) throw redirect("/care");
    throw redirect("/families");
  }
  return null;
}

export default function Home() {
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("home.title")}</h1>
      <p className="own-words" dir="auto">{t("home.lead")}</p>
      <ul>
        <li>{t("home.point1")}</li>
        <li>{t("home.point2")}</li>
        <li>{t("home.point3")}</li>
      </ul>
      <p className="actions">
        <Link to="/signup" className="button">
          {t("home.signup")}
        </Link>
        <Link to="/login" className="button-secondary">
          {t("home.login")}
        </Link>
      </p>
    </section>
  );
}
