// autocannon ships no types; these cover the part of its programmatic API the bench uses.
declare module "autocannon" {
  namespace autocannon {
    type RequestSpec = {
      // The context is autocannon's per-connection scratch object.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      setupRequest?: (request: Record<string, unknown>, context: any) => Record<string, unknown> | null;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      onResponse?: (status: number, body: string, context: any, headers: Record<string, string>) => void;
    };
    type Options = { url: string; connections?: number; duration?: number; timeout?: number; requests?: RequestSpec[] };
    type Result = { duration: number; errors: number; timeouts: number; non2xx: number };
    type Instance = PromiseLike<Result> & {
      on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): Instance;
    };
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
