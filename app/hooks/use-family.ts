import { useRouteLoaderData } from "react-router";
import type { loader } from "../routes/family/layout";

/** The family and its members, loaded once by the family layout. */
export function useFamily() {
  const data = useRouteLoaderData<typeof loader>("routes/family/layout");
  if (!data) throw new Error("useFamily is only for routes inside the family layout");
  return data;
}
