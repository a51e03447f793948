import { useRouteLoaderData } from "react-router";
import type { FamilyFrame } from "../plan/families.server";

/** The family and its members, loaded once by the family layout (routes/family/layout.tsx). */
export function useFamily(): FamilyFrame {
  const data = useRouteLoaderData<FamilyFrame>("routes/family/layout");
  if (!data) throw new Error("useFamily is only for routes inside the family layout");
  return data;
}
