import crypto from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
type CBOR = Parameters<typeof isoCBOR.encode>[0];

// A passkey device in software for the integration tests: it makes P-256 keys and
// answers challenges byte for byte as the WebAuthn spec says (attestation "none"),
// so the real library checks real signatures. The browser tests use Chromium's own
// virtual authenticator instead.

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest();

type Key = { id: string; rpId: string; userHandle: string; privateKey: crypto.KeyObject; counter: number };

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
}

export function softAuthenticator(origin = "http://localhost", options: { verifiesUser?: boolean } = {}) {
  const keys: Key[] = [];
  const flags = UP | (options.verifiesUser === false ? 0 : UV);
  return {
    keys,
    create(request: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
      const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
      const jwk = publicKey.export({ format: "jwk" });
      const id = crypto.randomBytes(16);
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x!, "base64url")],
          [-3, Buffer.from(jwk.y!, "base64url")],
        ]),
      );
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, id, Buffer.from(cose)]);
      const rpId = request.rp.id!;
      keys.push({ id: b64url(id), rpId, userHandle: request.user.id, privateKey, counter: 0 });
      const attestationObject = isoCBOR.encode(new Map<string, CBOR>([["fmt", "none"], ["attStmt", new Map<string, CBOR>()], ["authData", authData(rpId, flags | AT, 0, attested)]]));
      const clientData = JSON.stringify({ type: "webauthn.create", challenge: request.challenge, origin, crossOrigin: false });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: "public-key",
        response: { clientDataJSON: b64url(Buffer.from(clientData)), attestationObject: b64url(attestationObject), transports: ["internal"] },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    /** Signs with the key the request allows, or with this device's first key for the site. */
    get(request: PublicKeyCredentialRequestOptionsJSON, pick?: Key): AuthenticationResponseJSON {
      const allowed = request.allowCredentials?.map((c) => c.id) ?? [];
      const key = pick ?? keys.find((k) => k.rpId === request.rpId && (allowed.length === 0 || allowed.includes(k.id)));
      if (!key) throw new Error("no passkey for this site on this device");
      key.counter += 1;
      const data = authData(key.rpId, flags, key.counter);
      const clientData = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: request.challenge, origin, crossOrigin: false }));
      const signature = crypto.sign("sha256", Buffer.concat([data, sha256(clientData)]), key.privateKey);
      return {
        id: key.id,
        rawId: key.id,
        type: "public-key",
        response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(data), signature: b64url(signature), userHandle: key.userHandle },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}
