// The user store of the example apps: stored documents by user name, as a
// service would keep them in its database, and the `getAccess` that both
// apps give their guard.
import { AccessSet } from 'studio-permissions';

/** Stored documents by user. */
export const USERS = {
  ada: '{"role":"admin","permissions":{}}',
  kim: '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read"}}',
  rob: '{"role":"member","permissions":{"analytics":"read"}}',
};

/**
 * `getAccess` for the guards: the AccessSet of the user named by the `x-user`
 * header, or null (401) for a missing or unknown user. A stored document the
 * core refuses throws its error (400 with the core's code).
 */
export function accessFrom(users) {
  return (req) => {
    const name = req.headers['x-user'];
    if (typeof name !== 'string' || !Object.hasOwn(users, name)) return null;
    return AccessSet.fromJson(users[name]);
  };
}
