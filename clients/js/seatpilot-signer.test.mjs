// node --test clients/js/   (Node >= 20, built-in test runner, no dependencies)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import { signRequest, createSigner, importSigningKey, stringToSign, stringToSignBytes, canonicalPath, newNonce } from "./seatpilot-signer.mjs";

const { vectors } = JSON.parse(readFileSync(new URL("../../schemas/signing-vectors.json", import.meta.url), "utf8"));
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;

test("there are at least 6 vectors, covering the required cases", () => {
  assert.ok(vectors.length >= 6);
  assert.ok(vectors.some((v) => v.body === ""), "an empty body");
  assert.ok(vectors.some((v) => v.url !== v.path && v.url.includes("?")), "a query string");
  assert.ok(vectors.some((v) => v.body.includes("José Núñez")), "non-ASCII UTF-8");
});

for (const v of vectors) {
  test(`vector ${v.name}`, async (t) => {
    await t.test("body_utf8_hex matches the body", () => {
      assert.equal(Buffer.from(v.body, "utf8").toString("hex"), v.body_utf8_hex);
    });
    await t.test("string to sign", () => {
      assert.equal(stringToSign({ method: v.method, path: v.path, ts: v.ts, nonce: v.nonce, body: v.body }), v.string_to_sign);
      const bytes = stringToSignBytes({ method: v.method, path: v.path, ts: v.ts, nonce: v.nonce, body: v.body });
      assert.deepEqual(Buffer.from(bytes), Buffer.from(v.string_to_sign, "utf8"));
    });
    await t.test("independent check with node:crypto", () => {
      assert.equal(createHmac("sha256", Buffer.from(v.secret, "utf8")).update(v.string_to_sign, "utf8").digest("hex"), v.signature);
    });
    await t.test("signRequest with the path", async () => {
      const h = await signRequest({ secret: v.secret, keyId: v.key_id, method: v.method, path: v.path, body: v.body, ts: v.ts, nonce: v.nonce });
      assert.deepEqual(h, { "x-key": v.key_id, "x-ts": v.ts, "x-nonce": v.nonce, "x-sig": v.signature });
    });
    await t.test("signRequest with the url (query string stripped)", async () => {
      const h = await signRequest({ secret: v.secret, keyId: v.key_id, method: v.method, path: v.url, body: v.body, ts: v.ts, nonce: v.nonce });
      assert.equal(h["x-sig"], v.signature);
    });
    await t.test("body as bytes signs the same", async () => {
      const bytes = new Uint8Array(Buffer.from(v.body_utf8_hex, "hex"));
      const h = await signRequest({ secret: v.secret, keyId: v.key_id, method: v.method, path: v.path, body: bytes, ts: v.ts, nonce: v.nonce });
      assert.equal(h["x-sig"], v.signature);
    });
    await t.test("a non-extractable CryptoKey from importSigningKey signs the same", async () => {
      const cryptoKey = await importSigningKey(v.secret);
      assert.equal(cryptoKey.extractable, false);
      await assert.rejects(crypto.subtle.exportKey("raw", cryptoKey));
      const h = await createSigner({ cryptoKey, keyId: v.key_id })({ method: v.method, path: v.path, body: v.body, ts: v.ts, nonce: v.nonce });
      assert.equal(h["x-sig"], v.signature);
    });
    await t.test("a lowercase method is signed uppercase", async () => {
      const h = await signRequest({ secret: v.secret, keyId: v.key_id, method: v.method.toLowerCase(), path: v.path, body: v.body, ts: v.ts, nonce: v.nonce });
      assert.equal(h["x-sig"], v.signature);
    });
  });
}

test("the secret is used as text, never base64url-decoded", async () => {
  const v = vectors.find((x) => x.name === "post-empty-body-secret-not-decoded") ?? vectors[0];
  const decoded = Buffer.from(v.secret, "base64url");
  const wrong = createHmac("sha256", decoded).update(v.string_to_sign, "utf8").digest("hex");
  assert.notEqual(wrong, v.signature);
});

test("default headers: shapes of x-key, x-ts, x-nonce, x-sig", async () => {
  const before = Date.now();
  const h = await signRequest({ secret: "s3cr3t-base64url_text", keyId: "demo.door1Kx7pQ2mZ9vR4sT", method: "POST", path: "/v1/events", body: "{}" });
  const after = Date.now();
  assert.deepEqual(Object.keys(h).sort(), ["x-key", "x-nonce", "x-sig", "x-ts"]);
  assert.equal(h["x-key"], "demo.door1Kx7pQ2mZ9vR4sT");
  assert.match(h["x-ts"], /^[0-9]{13}$/);
  assert.ok(Number(h["x-ts"]) >= before && Number(h["x-ts"]) <= after);
  assert.match(h["x-nonce"], NONCE);
  assert.match(h["x-sig"], HEX64);
  const expected = createHmac("sha256", "s3cr3t-base64url_text").update(`POST|/v1/events|${h["x-ts"]}|${h["x-nonce"]}|{}`).digest("hex");
  assert.equal(h["x-sig"], expected);
  for (const value of Object.values(h)) assert.equal(typeof value, "string");
});

test("nonces are fresh and well-formed", async () => {
  const sign = createSigner({ secret: "abc", keyId: "demo.k0000000000000000" });
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const { "x-nonce": n } = await sign({ method: "GET", path: "/v1/events/demo-gala/live/snapshot" });
    assert.match(n, NONCE);
    seen.add(n);
  }
  assert.equal(seen.size, 200);
  assert.match(newNonce(), NONCE);
});

test("path: query string and fragment are not signed; full URLs are refused", () => {
  assert.equal(canonicalPath("/v1/events?x=1&y=2"), "/v1/events");
  assert.equal(canonicalPath("/v1/events#frag"), "/v1/events");
  assert.equal(canonicalPath("/v1/events"), "/v1/events");
  assert.throws(() => canonicalPath("https://api.example.com/v1/events"), TypeError);
  assert.throws(() => canonicalPath("v1/events"), TypeError);
});

test("bad inputs are refused", async () => {
  const base = { secret: "abc", keyId: "demo.k0000000000000000", method: "POST", path: "/v1/events" };
  await assert.rejects(signRequest({ ...base, body: { a: 1 } }), TypeError, "objects must be serialised by the caller");
  await assert.rejects(signRequest({ ...base, nonce: "short" }), TypeError);
  await assert.rejects(signRequest({ ...base, nonce: "has space in it 123" }), TypeError);
  await assert.rejects(signRequest({ ...base, nonce: "x".repeat(65) }), TypeError);
  await assert.rejects(signRequest({ ...base, ts: "17673120000.5" }), TypeError);
  await assert.rejects(signRequest({ ...base, ts: -1 }), TypeError);
  await assert.rejects(signRequest({ ...base, method: "PO ST" }), TypeError);
  await assert.rejects(signRequest({ ...base, secret: "" }), TypeError);
  await assert.rejects(signRequest({ ...base, keyId: "" }), TypeError);
});

test("ts accepts a number or a digit string, written as sent", async () => {
  const base = { secret: "abc", keyId: "demo.k0000000000000000", method: "GET", path: "/v1/x", nonce: "n".repeat(16) };
  const a = await signRequest({ ...base, ts: 1767312000000 });
  const b = await signRequest({ ...base, ts: "1767312000000" });
  assert.equal(a["x-ts"], "1767312000000");
  assert.equal(a["x-sig"], b["x-sig"]);
});
