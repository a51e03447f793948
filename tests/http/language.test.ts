import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { mockMailbox, signUpOverHttp } from "../support/mailbox";

// Arabic proves the right-to-left layout: the built server, asked by a browser that
// chose Arabic (the gp_lang cookie), answers with a right-to-left page.

let server: RunningServer;
const mailbox = mockMailbox();

beforeAll(async () => {
  server = await startServer({ env: mailbox.env });
});

afterAll(() => {
  server?.stop();
  mailbox.remove();
});

async function get(path: string, cookie = "") {
  const response = await fetch(server.base + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { response, html: await response.text() };
}

/** Signs up and starts a family; returns the session cookie and the family's address. */
async function familyIn(lang: string) {
  const post = (path: string, form: Record<string, string>, cookie = "") =>
    fetch(server.base + path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base, Cookie: [cookie, `gp_lang=${lang}`].filter(Boolean).join("; ") },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
  const email = `samira-${crypto.randomUUID()}@http.test`;
  const session = await signUpOverHttp(server.base, mailbox, { name: "Samira", email, password: "een lang wachtwoord" }, { Cookie: `gp_lang=${lang}` });
  const family = await post("/families", { name: "Gezin Bakker-El Amrani", memberName: "Samira", relation: "mama" }, session);
  return { email, cookie: `${session}; gp_lang=${lang}`, familyPath: new URL(family.headers.get("location")!, server.base).pathname };
}

describe("languages", () => {
  it("with gp_lang=ar the page is Arabic and right-to-left, and offers the other languages in their own words", async () => {
    const { response, html } = await get("/", "gp_lang=ar");
    expect(response.status).toBe(200);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain("خطة النمو الخاصة بأسرتكم");
    expect(html).toMatch(/<button[^>]*lang="nl"[^>]*dir="ltr"[^>]*>Nederlands<\/button>/);
    expect(html).toMatch(/<button[^>]*lang="en"[^>]*dir="ltr"[^>]*>English<\/button>/);
    expect(html).not.toContain(">العربية</button>");
  });

  it("without a choice the page is Dutch and left-to-right, and Arabic is offered in Arabic", async () => {
    const { html } = await get("/");
    expect(html).toMatch(/<html lang="nl" dir="ltr">/);
    expect(html).toMatch(/<button[^>]*lang="ar"[^>]*dir="rtl"[^>]*>العربية<\/button>/);
  });

  it("choosing Arabic sets the cookie, and the family's own pages follow", async () => {
    const switched = await fetch(server.base + "/language", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
      body: "lang=ar&redirectTo=/login",
      redirect: "manual",
    });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("set-cookie")).toMatch(/^gp_lang=ar;/);

    const { email, cookie, familyPath } = await familyIn("ar");
    // The sign-up mail spoke the language of the page it was asked from.
    expect((await mailbox.newestTo(email)).subject).toBe("أكمل حسابك في Groeiplan");
    const plan = await get(familyPath, cookie);
    expect(plan.response.status).toBe(200);
    expect(plan.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(plan.html).toContain("خطتنا");
    const card = await get(`${familyPath}/what-ifs/print`, cookie);
    expect(card.response.status).toBe(200);
    expect(card.html).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it("'Wie keek mee?' as a file keeps its Arabic name in a header that allows only ASCII", async () => {
    const { cookie, familyPath } = await familyIn("ar");
    const { response } = await get(`${familyPath}/looks.csv`, cookie);
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="groeiplan-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1])).toMatch(/^من-اطلع-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
