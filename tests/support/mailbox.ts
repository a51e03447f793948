import fs from "node:fs";
import path from "node:path";

// The app's own stand-in for the mail provider (MAIL_API_URL=mock) writes every mail
// it "sends" as a line of JSON to MAIL_MOCK_OUTBOX. A test that runs the real server
// reads the mails there, as a person would read their inbox.

export type SentMail = { from: string; to: string; subject: string; text: string };

export function mockMailbox() {
  const file = path.resolve(`tests/.tmp/outbox-${process.pid}-${crypto.randomUUID()}.jsonl`);
  const mails = (): SentMail[] => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line)) : []);
  return {
    env: { MAIL_API_URL: "mock", MAIL_MOCK_OUTBOX: file },
    mails,
    /** The newest mail to this address, waiting a little for it: the server sends while it answers. */
    async newestTo(address: string, timeoutMs = 10_000): Promise<SentMail> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mails().filter((mail) => mail.to === address).at(-1);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no mail to ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    remove: () => fs.rmSync(file, { force: true }),
  };
}

export type Mailbox = ReturnType<typeof mockMailbox>;

/**
 * Makes an account on the real server the way a person does: the sign-up form, the
 * mail, the link, the button. Returns the session cookie ("gp_session=...").
 */
export async function signUpOverHttp(base: string, mailbox: Mailbox, person: { name: string; email: string; password: string }, headers: Record<string, string> = {}) {
  const post = (pathname: string, form: Record<string, string>) =>
    fetch(base + pathname, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...headers },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
  const asked = await post("/signup", person);
  if (asked.status !== 200) throw new Error(`sign-up answered ${asked.status}`);
  const mail = await mailbox.newestTo(person.email.trim().toLowerCase());
  const link = mail.text.match(/https?:\/\/\S+\/signup\/[a-z2-7]+/)![0];
  const done = await post(new URL(link).pathname, {});
  const cookie = done.headers.get("set-cookie")?.match(/gp_session=[^;]+/)?.[0];
  if (done.status !== 302 || !cookie) throw new Error(`finishing the sign-up answered ${done.status}`);
  return cookie;
}
