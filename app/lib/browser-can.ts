import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Whether this browser can do something (print, speak). False on the server and
 * during hydration, so a button for it appears only where it will work. `check`
 * must be a function defined once, outside the component.
 */
export function useBrowserCan(check: () => boolean): boolean {
  return useSyncExternalStore(noSubscription, check, () => false);
}
