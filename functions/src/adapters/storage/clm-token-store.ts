/**
 * The CLM tokens, correct on many instances (clm-api.yaml /oauth/token; dataverse-model.md
 * token note). One JSON blob holds the pair; every change is ETag-guarded, and a refresh happens
 * under a lease on that blob so that exactly one process in the whole app spends the refresh token:
 *
 *   1. single-flight in the process: concurrent callers share one promise;
 *   2. blob lease across processes: the holder refreshes, the others poll (back-off) and re-read;
 *   3. re-check after taking the lease: a token newer than the one that failed is used as is;
 *   4. the new pair is written (If-Match + lease) BEFORE the new access token is handed out, so a
 *      crash right after can never leave the only live refresh token in a dead process's memory.
 *
 * `invalid_grant` marks the store broken (in the blob, for every instance): calls then fail fast
 * with ClmConnectionBrokenError (503) and never try that token again, until an admin pastes new
 * tokens into the environment variables dtclm_token_at / dtclm_token_rt. Those are read at most
 * every `envCheckMs` while all is well, and on every call while the store is empty or broken;
 * a paste is imported into the blob, then the two values are blanked in Dynamics (any Dynamics
 * user can read environment variables). The blob remembers a hash of the last imported refresh
 * token, so a stale read of the variables can never put back a token that has since rotated.
 *
 * Tokens are bound to the API origin they were taken for (connector-api.md, the token-origin
 * rule): a paste is kept with the origin `dtclm_api_url` names at that moment, and whenever it
 * later names another origin the tokens are sent nowhere (no refresh, no call) and every call
 * fails with ClmTokensForAnotherOriginError until new tokens are pasted, which are then taken for
 * the new origin. Whoever can change an environment variable cannot redirect the tokens.
 *
 * Tokens never appear in logs, errors or the blob's name; `log` receives events and counts only.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { trustedClmOrigin } from '../../../../api/clm-origin';
import { ClmConnectionBrokenError, ClmTokensForAnotherOriginError, UnavailableError } from '../../services/errors';
import type { ClmAccessTokens } from '../clm/access-tokens';
import { ClmInsecureUrlError, ClmNotConfiguredError } from '../clm/errors';
import { InvalidGrantError, type RefreshGrant } from '../clm/oauth';
import type { EnvironmentVariablesPort } from '../dataverse/environment-variables';
import { realSleep } from '../resilience';
import { DocumentChangedError, type SharedDocument, type Versioned } from './blob-json-document';
import type { HeldLease } from './blob-lease';

export const TOKEN_CONTAINER = 'connector-state';
export const TOKEN_BLOB = 'clm-tokens.json';

export const tokenState = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** RFC 3339; null when unknown (a pasted access token: used until the CLM answers 401). */
  accessTokenExpiresAt: z.string().nullable(),
  /** Grows by one on every write: import, refresh, broken. */
  generation: z.number().int(),
  brokenAt: z.string().optional(),
  brokenReason: z.string().optional(),
  /** sha256 of the last refresh token taken from the environment variables. */
  importedRefreshTokenHash: z.string().optional(),
  /**
   * The CLM API origin the tokens were taken for (`https://clm.example`). Absent only in a blob
   * written before tokens were bound: it is bound to the current origin on its first use.
   */
  origin: z.string().optional(),
  updatedAt: z.string(),
});
export type TokenState = z.infer<typeof tokenState>;

export interface ClmTokenStoreOptions {
  /** The blob (JsonBlobDocument) in production. */
  document: SharedDocument<TokenState>;
  environmentVariables: EnvironmentVariablesPort;
  /** The CLM API base (dtclm_api_url), for getAccessToken() and refresh() without one. */
  apiBase: () => Promise<string>;
  redeem: RefreshGrant;
  /** How often to look for pasted tokens while the store is healthy. Default 60 s. */
  envCheckMs?: number;
  /** Refresh an access token that expires within this. Default 120 s. */
  refreshMarginMs?: number;
  /** 15–60 s; must outlast one whole refresh call with its retries. Default 60 s. */
  leaseSeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: (event: ClmTokenEvent) => void;
}

export type ClmTokenEvent =
  | { event: 'clm.tokens.imported'; generation: number }
  | { event: 'clm.tokens.refreshed'; generation: number }
  | { event: 'clm.tokens.adopted'; generation: number }
  | { event: 'clm.tokens.broken'; generation: number }
  | { event: 'clm.tokens.bound'; generation: number }
  | { event: 'clm.tokens.other-origin' }
  | { event: 'clm.tokens.blank-failed' };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class ClmTokenStore implements ClmAccessTokens {
  private current?: Versioned<TokenState>;
  private lastEnvCheck = Number.NEGATIVE_INFINITY;
  private loading?: Promise<void>;
  private refreshing?: Promise<string>;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly envCheckMs: number;
  private readonly marginMs: number;
  private readonly leaseSeconds: number;

  constructor(private readonly o: ClmTokenStoreOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
    this.random = o.random ?? Math.random;
    this.envCheckMs = o.envCheckMs ?? 60_000;
    this.marginMs = o.refreshMarginMs ?? 120_000;
    this.leaseSeconds = o.leaseSeconds ?? 60;
  }

  async getAccessToken(): Promise<string> {
    return this.accessTokenFor(await this.o.apiBase());
  }

  async refresh(failedAccessToken?: string): Promise<string> {
    return this.refreshFor(await this.o.apiBase(), failedAccessToken);
  }

  /** A usable access token that may be sent to `apiBase`: only when it is the origin the tokens were taken for. */
  async accessTokenFor(apiBase: string): Promise<string> {
    const origin = originOf(apiBase);
    let state = await this.currentState(origin);
    if (state.origin === undefined) state = await this.bindLegacy(origin);
    this.sameOrigin(state, origin);
    if (state.brokenAt) throw new ClmConnectionBrokenError();
    if (this.expiring(state)) return this.refreshFor(apiBase, state.accessToken || undefined);
    return state.accessToken;
  }

  /** A new access token after `failedAccessToken` was refused by `apiBase`; the refresh goes to `apiBase` only if the tokens were taken for its origin. */
  refreshFor(apiBase: string, failedAccessToken?: string): Promise<string> {
    const origin = originOf(apiBase);
    if (this.refreshing) return this.refreshing.then((token) => (this.sameOrigin(this.current?.value, origin), token));
    const known = this.current?.value;
    // This process already holds a newer token than the one that failed (a refresh just ended).
    if (failedAccessToken !== undefined && known && !known.brokenAt && known.origin === origin && this.usable(known, failedAccessToken))
      return Promise.resolve(known.accessToken);
    const stale = failedAccessToken ?? known?.accessToken;
    this.refreshing = this.refreshAcrossInstances(apiBase, origin, stale).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Throws unless the tokens were taken for `origin`: nothing is sent to another one. */
  private sameOrigin(state: TokenState | undefined, origin: string): void {
    if (state?.origin !== undefined && state.origin !== origin) {
      this.o.log?.({ event: 'clm.tokens.other-origin' });
      throw new ClmTokensForAnotherOriginError(state.origin, origin);
    }
  }

  /** A blob from before tokens were bound: bound now, once, to the origin in use (ETag-guarded). */
  private async bindLegacy(origin: string): Promise<TokenState> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = this.current!;
      if (doc.value.origin !== undefined) return doc.value;
      const next: TokenState = { ...doc.value, origin, generation: doc.value.generation + 1, updatedAt: new Date(this.now()).toISOString() };
      try {
        this.current = { value: next, etag: await this.o.document.write(next, { etag: doc.etag }) };
        this.o.log?.({ event: 'clm.tokens.bound', generation: next.generation });
        return next;
      } catch (e) {
        if (!(e instanceof DocumentChangedError)) throw e;
        // Another instance wrote first (bound it, refreshed, or took a paste): read what it wrote.
        const fresh = await this.o.document.read();
        if (!fresh) throw new ClmNotConfiguredError('Dilitrust_token_rt (dtclm_token_rt)');
        this.current = fresh;
      }
    }
    throw new UnavailableError('The CLM tokens could not be stored yet; please try again.', 5, 'clm');
  }

  // --- reading the state and importing pasted tokens -------------------------------------------

  private async currentState(origin: string): Promise<TokenState> {
    const state = this.current?.value;
    // Broken, or taken for another origin: only a paste helps, so look for one on every call.
    const stuck = state !== undefined && (state.brokenAt !== undefined || (state.origin !== undefined && state.origin !== origin));
    const due = !state || stuck || this.now() - this.lastEnvCheck >= this.envCheckMs;
    if (due) await (this.loading ??= this.load(origin, stuck).finally(() => (this.loading = undefined)));
    if (!this.current) throw new ClmNotConfiguredError('Dilitrust_token_rt (dtclm_token_rt)');
    return this.current.value;
  }

  private async load(origin: string, stuck: boolean): Promise<void> {
    const emptyOrStuck = !this.current || stuck;
    const [storedRead, envRead] = await Promise.allSettled([this.o.document.read(), this.o.environmentVariables.read({ fresh: emptyOrStuck })]);
    if (storedRead.status === 'rejected') throw storedRead.reason;
    const stored = storedRead.value;
    this.current = stored;
    this.lastEnvCheck = this.now();
    // Dataverse down: the stored tokens still work; only an empty store needs the variables.
    if (envRead.status === 'rejected') {
      if (!stored) throw envRead.reason;
      return;
    }
    const env = envRead.value;
    const refreshToken = env.dtclm_token_rt?.trim();
    // An access token alone cannot be kept alive: a paste is taken when the refresh token is there.
    if (!refreshToken) return;
    const pasted = hash(refreshToken);
    if (stored?.value.importedRefreshTokenHash !== pasted) await this.importPaste(env.dtclm_token_at?.trim() ?? '', refreshToken, pasted, origin);
    // Taken now or before (a blank that failed, or a stale cached read): make sure Dynamics shows blanks.
    await this.o.environmentVariables.write({ dtclm_token_at: '', dtclm_token_rt: '' }).catch(() => this.o.log?.({ event: 'clm.tokens.blank-failed' }));
  }

  /** A paste is taken for the origin `dtclm_api_url` names now: the admin pasted them for that CLM. */
  private async importPaste(accessToken: string, refreshToken: string, pasted: string, origin: string): Promise<void> {
    const deadline = this.now() + this.leaseSeconds * 1000 + 5_000;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      const base = this.current;
      const next: TokenState = {
        accessToken,
        refreshToken,
        accessTokenExpiresAt: null,
        generation: (base?.value.generation ?? 0) + 1,
        importedRefreshTokenHash: pasted,
        origin,
        updatedAt: new Date(this.now()).toISOString(),
      };
      try {
        this.current = { value: next, etag: await this.o.document.write(next, { etag: base?.etag }) };
        this.o.log?.({ event: 'clm.tokens.imported', generation: next.generation });
        return;
      } catch (e) {
        if (!(e instanceof DocumentChangedError)) throw e;
      }
      // Another instance wrote first (maybe this very paste), or holds the lease for a refresh.
      this.current = await this.o.document.read();
      if (this.current?.value.importedRefreshTokenHash === pasted) return;
      if (this.now() >= deadline) throw new UnavailableError('The new CLM tokens could not be stored yet; please try again.', 5, 'clm');
      await this.sleep(this.jitter(delay));
    }
  }

  // --- refreshing -------------------------------------------------------------------------------

  private async refreshAcrossInstances(apiBase: string, origin: string, stale: string | undefined): Promise<string> {
    const deadline = this.now() + this.leaseSeconds * 1000 + 5_000;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      const state = await this.readState(origin);
      if (this.usable(state, stale)) return this.adopt(state);
      const lease = await this.o.document.tryLease(this.leaseSeconds);
      if (lease) {
        try {
          return await this.refreshUnderLease(lease, apiBase, origin, stale);
        } finally {
          await lease.release();
        }
      }
      // Another process is refreshing: wait, then read what it stored.
      if (this.now() >= deadline) throw new UnavailableError('The CLM token is being renewed by another instance; please try again.', 5, 'clm');
      await this.sleep(this.jitter(delay));
    }
  }

  private async refreshUnderLease(lease: HeldLease, apiBase: string, origin: string, stale: string | undefined): Promise<string> {
    // Re-read under the lease: the previous holder may have refreshed (or new tokens were pasted) a moment ago.
    const state = await this.readState(origin);
    if (this.usable(state, stale)) return this.adopt(state);
    const doc = this.current!;
    let tokens;
    try {
      tokens = await this.o.redeem(apiBase, state.refreshToken);
    } catch (e) {
      if (!(e instanceof InvalidGrantError)) throw e;
      const broken: TokenState = {
        ...state,
        accessToken: '',
        brokenAt: new Date(this.now()).toISOString(),
        brokenReason: 'invalid_grant',
        generation: state.generation + 1,
        updatedAt: new Date(this.now()).toISOString(),
      };
      try {
        this.current = { value: broken, etag: await this.o.document.write(broken, { etag: doc.etag, leaseId: lease.leaseId }) };
      } catch {
        // The blob moved on (new tokens pasted meanwhile): the next call reads it.
        this.current = undefined;
      }
      this.o.log?.({ event: 'clm.tokens.broken', generation: broken.generation });
      throw new ClmConnectionBrokenError();
    }
    const next: TokenState = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: new Date(this.now() + tokens.expires_in * 1000).toISOString(),
      generation: state.generation + 1,
      ...(state.importedRefreshTokenHash ? { importedRefreshTokenHash: state.importedRefreshTokenHash } : {}),
      origin,
      updatedAt: new Date(this.now()).toISOString(),
    };
    // The old refresh token is dead from now on: the new one must be stored before anything else.
    this.current = { value: next, etag: await this.o.document.write(next, { etag: doc.etag, leaseId: lease.leaseId }) };
    this.o.log?.({ event: 'clm.tokens.refreshed', generation: next.generation });
    return next.accessToken;
  }

  /** The stored state, refused when broken or taken for another origin than `origin`. */
  private async readState(origin: string): Promise<TokenState> {
    const doc = await this.o.document.read();
    if (!doc) throw new ClmNotConfiguredError('Dilitrust_token_rt (dtclm_token_rt)');
    this.current = doc;
    // A legacy blob (no origin) reaches here only after accessTokenFor bound it, or from refresh()
    // on a 401 of the origin in use: the origin it is used with is the one it was used with.
    this.sameOrigin(doc.value, origin);
    if (doc.value.brokenAt) throw new ClmConnectionBrokenError();
    return doc.value;
  }

  private adopt(state: TokenState): string {
    this.o.log?.({ event: 'clm.tokens.adopted', generation: state.generation });
    return state.accessToken;
  }

  /** A token other than the stale one, that does not expire within the margin. */
  private usable(state: TokenState, stale: string | undefined): boolean {
    return state.accessToken !== '' && state.accessToken !== stale && !this.expiring(state);
  }

  private expiring(state: TokenState): boolean {
    if (!state.accessToken) return true;
    if (state.accessTokenExpiresAt === null) return false;
    return Date.parse(state.accessTokenExpiresAt) - this.now() <= this.marginMs;
  }

  private jitter(ms: number): number {
    return Math.floor(ms * (0.5 + this.random() / 2));
  }
}

/** The origin the tokens may go to; a plain-http address (not loopback) is refused before anything is sent. */
function originOf(apiBase: string): string {
  const origin = trustedClmOrigin(apiBase);
  if (!origin) throw new ClmInsecureUrlError();
  return origin;
}
