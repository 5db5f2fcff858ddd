import { newId, newSecretToken } from '../ids';

/**
 * OAuth tokens with rotating refresh tokens (clm-api.yaml, POST /oauth/token; RFC 9700 4.14.2).
 *
 * Tokens form trees: a family starts with one pair; each refresh spends a refresh token and makes
 * a child pair. Spending a refresh token twice is taken as theft: the second use is refused and
 * every token descended from the reused one (the pair its first use made, and all after) is revoked.
 */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

interface TokenRecord {
  kind: 'access' | 'refresh';
  familyId: string;
  clientId: string;
  /** Access tokens only: epoch ms after which the token is expired. */
  expiresAtMs?: number;
  /** Refresh tokens only: spent by a successful refresh. */
  used: boolean;
  revoked: boolean;
  /** Tokens this refresh token's use produced. */
  children: string[];
}

interface Family {
  clientId: string;
  accessTokenTtlSeconds: number;
}

export type RefreshOutcome = { ok: true; pair: TokenPair; expiresIn: number } | { ok: false; reason: 'unknown' | 'reused' | 'revoked' };

export type AccessCheck = { ok: true; clientId: string } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export interface TokenStats {
  /** Every call of the token endpoint with grant_type=refresh_token, whether it succeeded or not. */
  refreshes: number;
  refreshesSucceeded: number;
  refreshesRefused: number;
}

/** The API client the sandbox's tokens belong to (what `Contact.updatedBy` names). */
export const CONNECTOR_CLIENT_ID = 'cli_dynamics365_connector';

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly families = new Map<string, Family>();
  readonly stats: TokenStats = { refreshes: 0, refreshesSucceeded: 0, refreshesRefused: 0 };

  constructor(private defaultTtlSeconds: number) {}

  get accessTokenTtlSeconds(): number {
    return this.defaultTtlSeconds;
  }

  setDefaultTtl(seconds: number): void {
    this.defaultTtlSeconds = seconds;
  }

  /** A new family: what an admin pastes into the connector after authorising it in the CLM. */
  issueFamily(opts: { accessTokenTtlSeconds?: number; clientId?: string } = {}): TokenPair {
    const familyId = newId('cli');
    const family = { clientId: opts.clientId ?? CONNECTOR_CLIENT_ID, accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? this.defaultTtlSeconds };
    this.families.set(familyId, family);
    return this.issuePair(familyId, family);
  }

  refresh(refreshToken: string): RefreshOutcome {
    this.stats.refreshes += 1;
    const record = this.tokens.get(refreshToken);
    const outcome = this.spend(record);
    if (outcome.ok) this.stats.refreshesSucceeded += 1;
    else this.stats.refreshesRefused += 1;
    return outcome;
  }

  checkAccess(accessToken: string): AccessCheck {
    const record = this.tokens.get(accessToken);
    if (!record || record.kind !== 'access') return { ok: false, reason: 'unknown' };
    if (record.revoked) return { ok: false, reason: 'revoked' };
    if (Date.now() >= (record.expiresAtMs ?? 0)) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: record.clientId };
  }

  /** Test control: every access token issued so far is expired now (refresh tokens stay good). */
  expireAccessTokens(): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (record.kind === 'access' && (record.expiresAtMs ?? 0) > Date.now()) {
        record.expiresAtMs = Date.now() - 1;
        count += 1;
      }
    }
    return count;
  }

  private spend(record: TokenRecord | undefined): RefreshOutcome {
    if (!record || record.kind !== 'refresh') return { ok: false, reason: 'unknown' };
    if (record.used) {
      // Reuse: someone holds a copy of a spent token. Cut off everything that came after it.
      this.revokeDescendants(record);
      return { ok: false, reason: 'reused' };
    }
    if (record.revoked) return { ok: false, reason: 'revoked' };
    record.used = true;
    const family = this.families.get(record.familyId);
    if (!family) return { ok: false, reason: 'unknown' };
    const pair = this.issuePair(record.familyId, family);
    record.children.push(pair.access_token, pair.refresh_token);
    return { ok: true, pair, expiresIn: family.accessTokenTtlSeconds };
  }

  private revokeDescendants(record: TokenRecord): void {
    const pending = [...record.children];
    while (pending.length > 0) {
      const child = this.tokens.get(pending.pop() as string);
      if (!child) continue;
      child.revoked = true;
      pending.push(...child.children);
    }
  }

  private issuePair(familyId: string, family: Family): TokenPair {
    const access_token = newSecretToken('at');
    const refresh_token = newSecretToken('rt');
    const base = { familyId, clientId: family.clientId, used: false, revoked: false, children: [] };
    this.tokens.set(access_token, { ...base, kind: 'access', expiresAtMs: Date.now() + family.accessTokenTtlSeconds * 1000 });
    this.tokens.set(refresh_token, { ...base, kind: 'refresh' });
    return { access_token, refresh_token };
  }
}
