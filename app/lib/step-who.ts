/** Who does a step, by name, as the family sees it. */
export function whoName(
  step: { whoKind: string; whoMemberName: string | null; whoNetworkName: string | null; whoProfessionalName: string | null },
  together: string,
) {
  if (step.whoKind === "member") return step.whoMemberName;
  if (step.whoKind === "network") return step.whoNetworkName;
  if (step.whoKind === "professional") return step.whoProfessionalName;
  return together;
}
