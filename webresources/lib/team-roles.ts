/**
 * The security roles a user holds through their teams (dataverse-model.md, Security roles: a role
 * held through a team counts in the buttons as in the functions).
 *
 * Microsoft documents `userSettings.roles` as the roles "of each of the security role or teams
 * that the user is associated with" (getGlobalContext.userSettings, Client API reference), but
 * Unified Interface gives team roles with an id and no name (MicrosoftDocs/powerapps-docs#1330) or
 * not at all (#5046). So the team roles are asked of Dataverse: the teams the user belongs to, with
 * their roles, in one Web API request (the Basic User privileges read team and role). Once per
 * browser session: the answer is kept in sessionStorage per user (the ribbon and the pages share
 * the app's origin), so the many rule evaluations of a session make no further request. A failed
 * read counts no team role and is asked again next time; the functions check the roles on every
 * call anyway, so a hidden button is a courtesy, not the protection.
 */
type WebApi = Pick<Xrm.WebApi, 'retrieveMultipleRecords'>;

const pending = new Map<string, Promise<string[]>>();

/** The role names the user holds through teams; `userId` without braces, lower case. */
export function teamRoleNames(userId: string, webApi: WebApi): Promise<string[]> {
  // One function with its helpers inside: the ribbon's bundle is one minified scope, and few
  // top-level names there keep the minifier from naming one `$` (read as jQuery by the Power Apps
  // checker's avoid-dom-form).
  const key = `dtclm_teamroles:${userId}`;
  const read = async (): Promise<string[]> => {
    const query = `?$select=teamid&$filter=teammembership_association/any(m:m/systemuserid eq ${userId})&$expand=teamroles_association($select=name)`;
    const result = await webApi.retrieveMultipleRecords('team', query);
    const teams = result.entities as Array<{ teamroles_association?: Array<{ name?: string | null }> }>;
    const names = teams.flatMap((t) => (t.teamroles_association ?? []).map((r) => r.name ?? '')).filter(Boolean);
    try {
      sessionStorage.setItem(key, JSON.stringify(names));
    } catch {
      // Storage refused (private mode, quota): the page's own promise still keeps it.
    }
    return names;
  };
  try {
    const text = sessionStorage.getItem(key);
    if (text) return Promise.resolve(JSON.parse(text) as string[]);
  } catch {
    // Unreadable: asked again below.
  }
  let running = pending.get(userId);
  if (!running) {
    running = read().catch(() => {
      pending.delete(userId);
      return [];
    });
    pending.set(userId, running);
  }
  return running;
}
