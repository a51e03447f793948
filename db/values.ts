// The fixed lists of values the database allows. Kept apart from schema.ts so that
// forms in the browser can use them without shipping drizzle and the whole schema.

export const LIVES_AT_HOME = ["yes", "sometimes", "no"] as const;
export const MEMBER_ROLES = ["admin", "member"] as const;
export const NETWORK_KINDS = ["informal", "professional"] as const;
export const LIFE_AREAS = [
  "money",
  "work",
  "housing",
  "home",
  "mind",
  "body",
  "substances",
  "self_care",
  "family_friends",
  "participation",
  "justice",
  "school",
  "parenting",
  "safety",
] as const;
export const GOAL_TERMS = ["short", "long"] as const;
export const GOAL_STATUSES = ["active", "reached", "paused", "stopped"] as const;
export const STEP_WHO = ["member", "network", "professional", "together"] as const;
// "Wat gaat goed?" and "Waar zijn we trots op?": two kinds of strengths, beside the goals.
export const STRENGTH_KINDS = ["going_well", "proud"] as const;
export const CONSENT_STATUSES = ["pending", "active", "revoked"] as const;
export const VERSION_KINDS = ["change", "request", "approval", "refusal"] as const;
export const REQUEST_ANSWERS = ["approved", "declined"] as const;


/**
 * Which records of a part a consent shares when the family chose "alleen deze". A
 * part without an entry is shared whole ("alles"). For progress: only the notes
 * about the goals this consent shares, and notes without a goal if the family said so.
 */
export type Selection = {
  goals?: string[];
  strengths?: string[];
  whatifs?: string[];
  network?: string[];
  progress?: { withoutGoal: boolean };
};

/** What happens next with a goal after "samen terugkijken". */
export const REVIEW_NEXT = ["reached", "continue", "change", "stop"] as const;
