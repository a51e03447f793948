import { createElement, type ReactElement } from "react";
import "../../app/i18n.server";
import type { Language } from "../../app/i18n";
import { PageLanguageContext } from "../../app/page-language";
import { isRouteErrorResponse, RouterContextProvider } from "react-router";
import { sessionContext, signInFromCookie } from "../../app/auth/user.server";

// Calls a route's loader or action the way React Router does, after the same
// session check the root middleware makes, and turns whatever comes back (data, a
// thrown redirect or 404, a data() with a status) into one shape.

export type Result = { status: number; data: any; location: string | null; headers: Headers };

type Args = { request: Request; params: Record<string, string>; context: any };
type RouteFn = (args: any) => unknown;

export function makeRequest(
  path: string,
  options: { method?: string; cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  return new Request(`http://localhost${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

function fromResponse(response: Response): Result {
  return { status: response.status, data: null, location: response.headers.get("Location"), headers: response.headers };
}

/** The arguments React Router hands a loader or action, the session checked as the root middleware does. */
export function routeArgs(request: Request, params: Record<string, string> = {}): Args {
  const context = new RouterContextProvider();
  context.set(sessionContext, signInFromCookie(request));
  return { request, params, context };
}

export async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}): Promise<Result> {
  const args = routeArgs(request, params);
  try {
    const value: any = await fn(args);
    if (value instanceof Response) return fromResponse(value);
    if (value && value.type === "DataWithResponseInit") {
      return { status: value.init?.status ?? 200, data: value.data, location: null, headers: new Headers(value.init?.headers) };
    }
    return { status: 200, data: value, location: null, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown);
    if (isRouteErrorResponse(thrown)) return { status: thrown.status, data: thrown.data, location: null, headers: new Headers() };
    throw thrown;
  }
}

/** GET a loader as `cookie`. */
export function load(fn: RouteFn, path: string, params: Record<string, string>, cookie?: string) {
  return call(fn, makeRequest(path, { cookie }), params);
}

/** POST a form to an action as `cookie`. */
export function submit(fn: RouteFn, path: string, params: Record<string, string>, form: Record<string, string | string[]>, cookie?: string) {
  return call(fn, makeRequest(path, { cookie, form }), params);
}

/** A page element as the server renders it in `lang`: the texts of every language are registered by i18n.server. */
export function inLanguage(lang: Language, element: ReactElement): ReactElement {
  return createElement(PageLanguageContext.Provider, { value: lang }, element);
}
