// A real OpenID Connect provider for the tests (the npm package oidc-provider, installed by
// `npm ci` from package-lock.json), on a loopback port:
//   node tests/oidc_provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
// Its own sign-in page (devInteractions) takes any password for the accounts below.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const ACCOUNTS = {
  ana: { email: "ana@example.com", name: "Ana Lima", team: "north", groups: [] },
  ben: { email: "ben@example.com", name: "Ben Ode", team: "south", groups: [] },
  dana: { email: "dana@example.com", name: "Dana Lee", team: ["north"], groups: ["coach-trainers"] },
  tom: { email: "tom@example.com", name: "Tom Hale", team: ["south"], groups: ["coach-trainers"] },
};
const SCOPE = "openid email profile";
const CLAIMS = ["sub", "email", "email_verified", "name", "groups", "team"];

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups", "team"] },
  pkce: { required: () => true },
  cookies: { keys: ["oidc-provider-test-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, email_verified: true, ...account }; } };
  },
  // Service Coach is the company's own app: no consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPE);
    grant.addOIDCClaims(CLAIMS);
    await grant.save();
    return grant;
  },
});
provider.listen(Number(port), "127.0.0.1", () => console.log(`oidc-provider ready on ${port}`));
