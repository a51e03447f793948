import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { consents } from "../../db/schema";
import { inspectInvitation } from "../../consent/grants";
import { sendInvitationEmail } from "../../app/mail.server";
import { defaultEndDay } from "../../app/sharing/consent-form.server";
import * as newAccess from "../../app/routes/family/access-new";
import * as editAccess from "../../app/routes/family/access-edit";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";
import { makeRequest, call } from "../support/routes";
import { mailProviderAnswers, mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";

beforeAll(() => {
  mailServer.listen({ onUnhandledRequest: "error" });
});

afterEach(() => {
  resetMail();
});

afterAll(() => {
  mailServer.close();
});

const form = {
  name: "Ahmed Yilmaz",
  organisation: "Schuldhulp Oost",
  role: "schuldhulp",
  purpose: "Helpen met de schulden",
  goals: "read",
  whatifs: "none",
  progress: "read",
  network: "none",
};

async function inviteByEmail(familyId: string, cookie: string, email: string, lang = "nl") {
  const request = makeRequest(`/f/${familyId}/access/new`, {
    cookie: `${cookie}; gp_lang=${lang}`,
    form: { ...form, endsOn: defaultEndDay(), email },
  });
  return call(newAccess.action, request, { familyId });
}

describe("sending the invitation by email", () => {
  it("posts one mail with the link to the provider, in the family's language", async () => {
    useMailProvider();
    const result = await sendInvitationEmail({ to: "ahmed@example.nl", link: "https://groeiplan.example/invite/abc", familyName: "Gezin De Vries", lang: "nl" });
    expect(result).toBe("sent");
    expect(sentMails).toHaveLength(1);
    expect(sentMails[0].authorization).toBe("Bearer test-key");
    expect(sentMails[0].body).toMatchObject({ from: "groeiplan@example.nl", to: "ahmed@example.nl" });
    expect(sentMails[0].body.subject).toBe("Gezin De Vries nodigt je uit om mee te kijken");
    expect(sentMails[0].body.text).toContain("https://groeiplan.example/invite/abc");

    await sendInvitationEmail({ to: "ahmed@example.nl", link: "https://groeiplan.example/invite/def", familyName: "The Smiths", lang: "en" });
    expect(sentMails[1].body.subject).toBe("The Smiths invites you to look along");
  });

  it("the invite page mails the same link it shows", async () => {
    useMailProvider();
    const { familyId, admin } = await makeFamily(undefined, "Gezin Jansen");
    const result = await inviteByEmail(familyId, admin.cookie, "ahmed@example.nl");
    expect(result.status).toBe(200);
    expect(result.data.invitation).toMatchObject({ mail: "sent", email: "ahmed@example.nl" });
    expect(sentMails).toHaveLength(1);
    expect(sentMails[0].body.to).toBe("ahmed@example.nl");
    expect(sentMails[0].body.subject).toContain("Gezin Jansen");
    expect(sentMails[0].body.text).toContain(result.data.invitation.link);
    expect(getDb().select().from(consents).where(eq(consents.familyId, familyId)).get()!.email).toBe("ahmed@example.nl");
  });

  it("without configuration it only shows the link and sends nothing", async () => {
    const direct = await sendInvitationEmail({ to: "ahmed@example.nl", link: "https://x/invite/abc", familyName: "Gezin", lang: "nl" });
    expect(direct).toBe("not-configured");

    const { familyId, admin } = await makeFamily();
    const result = await inviteByEmail(familyId, admin.cookie, "ahmed@example.nl");
    expect(result.status).toBe(200);
    expect(result.data.invitation.mail).toBe("not-configured");
    expect(result.data.invitation.link).toMatch(/\/invite\/[a-z2-7]+$/);
    expect(sentMails).toHaveLength(0);
  });

  it("sends nothing when no address was given", async () => {
    useMailProvider();
    const { familyId, admin } = await makeFamily();
    const result = await inviteByEmail(familyId, admin.cookie, "");
    expect(result.data.invitation.mail).toBe("none");
    expect(sentMails).toHaveLength(0);
  });

  it("when the provider fails, says so, and the consent and its link still work", async () => {
    useMailProvider();
    mailProviderAnswers(500);
    expect(await sendInvitationEmail({ to: "a@example.nl", link: "https://x/invite/abc", familyName: "Gezin", lang: "nl" })).toBe("failed");

    const { familyId, admin } = await makeFamily();
    const result = await inviteByEmail(familyId, admin.cookie, "ahmed@example.nl");
    expect(result.status).toBe(200);
    expect(result.data.invitation.mail).toBe("failed");
    expect(sentMails).toHaveLength(2);
    const stored = getDb().select().from(consents).where(eq(consents.familyId, familyId)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].status).toBe("pending");
    const token = result.data.invitation.link.split("/").pop();
    expect(inspectInvitation(getDb(), token).state).toBe("open");
  });

  it("a new link for a waiting consent goes to the address the family gave", async () => {
    useMailProvider();
    const { familyId, admin } = await makeFamily();
    const created = await inviteByEmail(familyId, admin.cookie, "ahmed@example.nl");
    const consentId = created.data.consentId;
    const again = await call(
      editAccess.action,
      makeRequest(`/f/${familyId}/access/${consentId}`, { cookie: admin.cookie, form: { intent: "new-link" } }),
      { familyId, consentId },
    );
    expect(again.data.invitation.mail).toBe("sent");
    expect(sentMails).toHaveLength(2);
    expect(sentMails[1].body.text).toContain(again.data.invitation.link);
    expect(again.data.invitation.link).not.toBe(created.data.invitation.link);

    // A consent made without an address sends nothing.
    const quiet = await makeConsent(familyId, admin.id, { claim: false });
    const noMail = await call(
      editAccess.action,
      makeRequest(`/f/${familyId}/access/${quiet.consentId}`, { cookie: admin.cookie, form: { intent: "new-link" } }),
      { familyId, consentId: quiet.consentId },
    );
    expect(noMail.data.invitation.mail).toBe("none");
    expect(sentMails).toHaveLength(2);
  });
});
