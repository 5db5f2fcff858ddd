/**
 * The token store's rules, with an in-memory shared document (ETag + lease semantics of a blob),
 * a rotating fake CLM token endpoint (reuse = invalid_grant, as clm-api.yaml) and fake environment
 * variables. fast-check's scheduler explores the interleavings of several instances.
 */
import fc from 'fast-check';
import { InvalidGrantError, type RefreshGrant } from '../../../functions/src/adapters/clm/oauth';
import type { EnvironmentVariablesPort, EnvironmentVariableValues } from '../../../functions/src/adapters/dataverse/environment-variables';
import { DocumentChangedError, type SharedDocument, type Versioned } from '../../../functions/src/adapters/storage/blob-json-document';
import type { HeldLease } from '../../../functions/src/adapters/storage/blob-lease';
import { ClmTokenStore, type TokenState } from '../../../functions/src/adapters/storage/clm-token-store';
import { ClmInsecureUrlError } from '../../../functions/src/adapters/clm/errors';
import { ClmConnectionBrokenError, ClmTokensForAnotherOriginError } from '../../../functions/src/services/errors';

type Wrap = <T>(f: () => Promise<T>) => Promise<T>;
const direct: Wrap = (f) => f();

/** A blob: ETag moves on every write; a lease fences writes without its id. */
class MemoryDocument implements SharedDocument<TokenState> {
  doc?: Versioned<TokenState>;
  leaseId?: string;
  private n = 0;
  constructor(private readonly wrap: Wrap = direct) {}
  read() {
    return this.wrap(async () => (this.doc ? { value: structuredClone(this.doc.value), etag: this.doc.etag } : undefined));
  }
  write(value: TokenState, c: { etag: string | undefined; leaseId?: string }) {
    return this.wrap(async () => {
      if (this.leaseId && c.leaseId !== this.leaseId) throw new DocumentChangedError();
      if ((c.etag ?? undefined) !== this.doc?.etag) throw new DocumentChangedError();
      this.doc = { value: structuredClone(value), etag: `"${++this.n}"` };
      return this.doc.etag;
    });
  }
  tryLease() {
    return this.wrap(async (): Promise<HeldLease | undefined> => {
      if (this.leaseId || !this.doc) return undefined;
      const id = `lease-${++this.n}`;
      this.leaseId = id;
      return { leaseId: id, release: async () => void (this.leaseId === id && (this.leaseId = undefined)) };
    });
  }
}

/** Rotating refresh tokens; a reused one is invalid_grant. */
class FakeClm {
  live = new Set<string>();
  redeemed: string[] = [];
  refused = 0;
  private n = 0;
  issue() {
    const pair = { at: `at-${++this.n}`, rt: `rt-${this.n}` };
    this.live.add(pair.rt);
    return pair;
  }
  redeem(wrap: Wrap = direct): RefreshGrant {
    return (_base, rt) =>
      wrap(async () => {
        this.redeemed.push(rt);
        if (!this.live.delete(rt)) {
          this.refused++;
          throw new InvalidGrantError();
        }
        const next = this.issue();
        return { access_token: next.at, refresh_token: next.rt, token_type: 'Bearer' as const, expires_in: 3600 };
      });
  }
}

class FakeVariables implements EnvironmentVariablesPort {
  values: EnvironmentVariableValues = {};
  /** What a stale cache would answer instead of `values`. */
  stale?: EnvironmentVariableValues;
  writes = 0;
  async read() {
    return { ...(this.stale ?? this.values) };
  }
  async write(v: EnvironmentVariableValues) {
    this.writes++;
    Object.assign(this.values, v);
  }
}

/** What dtclm_api_url names, as the store reads it (tests move it). */
const base = { url: 'https://clm.test/api/v1' };
beforeEach(() => {
  base.url = 'https://clm.test/api/v1';
});

function store(doc: SharedDocument<TokenState>, env: EnvironmentVariablesPort, redeem: RefreshGrant, clock = { t: 0 }, sleep?: (ms: number) => Promise<void>) {
  return new ClmTokenStore({
    document: doc,
    environmentVariables: env,
    apiBase: async () => base.url,
    redeem,
    envCheckMs: 60_000,
    refreshMarginMs: 120_000,
    leaseSeconds: 30,
    now: () => clock.t,
    sleep: sleep ?? (async (ms) => void (clock.t += ms)),
    random: () => 0.5,
  });
}

describe('ClmTokenStore', () => {
  it('imports a paste, blanks it, and never re-imports it from a stale read after it rotated', async () => {
    const clm = new FakeClm();
    const doc = new MemoryDocument();
    const env = new FakeVariables();
    const pair = clm.issue();
    env.values = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    const clock = { t: 0 };
    const s = store(doc, env, clm.redeem(), clock);
    expect(await s.getAccessToken()).toBe(pair.at);
    expect(env.values).toMatchObject({ dtclm_token_at: '', dtclm_token_rt: '' });
    const rotated = await s.refresh(pair.at);
    expect(rotated).not.toBe(pair.at);
    // Another instance's cache still shows the pasted pair; and a minute passes.
    env.stale = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    clock.t += 61_000;
    const other = store(doc, env, clm.redeem(), clock);
    expect(await other.getAccessToken()).toBe(rotated);
    expect(await s.getAccessToken()).toBe(rotated);
    expect(doc.doc?.value.refreshToken).not.toBe(pair.rt);
    expect(clm.refused).toBe(0);
  });

  it('a waiter adopts the token the lease holder stored, without refreshing itself', async () => {
    const clm = new FakeClm();
    const doc = new MemoryDocument();
    const env = new FakeVariables();
    const pair = clm.issue();
    env.values = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    const clock = { t: 0 };
    const a = store(doc, env, clm.redeem(), clock);
    await a.getAccessToken();
    // Another process holds the lease; while `b` waits, it stores a new pair and lets go.
    doc.leaseId = 'someone-else';
    const b = store(doc, env, clm.redeem(), clock, async (ms) => {
      clock.t += ms;
      if (doc.leaseId === 'someone-else') {
        doc.doc = {
          value: { ...doc.doc!.value, accessToken: 'at-from-elsewhere', accessTokenExpiresAt: new Date(clock.t + 3_600_000).toISOString() },
          etag: '"x"',
        };
        doc.leaseId = undefined;
      }
    });
    expect(await b.refresh(pair.at)).toBe('at-from-elsewhere');
    expect(clm.redeemed).toEqual([]);
  });

  it('invalid_grant marks every instance broken; calls then fail fast without refreshing; a paste repairs it', async () => {
    const clm = new FakeClm();
    const doc = new MemoryDocument();
    const env = new FakeVariables();
    const pair = clm.issue();
    env.values = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    const a = store(doc, env, clm.redeem());
    const b = store(doc, env, clm.redeem());
    await a.getAccessToken();
    clm.live.clear(); // the family was revoked
    await expect(a.refresh(pair.at)).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    await expect(b.refresh(pair.at)).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    await expect(a.getAccessToken()).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    await expect(b.getAccessToken()).rejects.toBeInstanceOf(ClmConnectionBrokenError);
    expect(clm.redeemed).toHaveLength(1);
    const fresh = clm.issue();
    env.values = { dtclm_token_at: fresh.at, dtclm_token_rt: fresh.rt };
    expect(await b.getAccessToken()).toBe(fresh.at);
    expect(await a.getAccessToken()).toBe(fresh.at);
  });

  it('property: whatever the interleaving of instances and callers, one refresh, nobody reuses a refresh token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 }), async (s, instances, calls) => {
        const clm = new FakeClm();
        const pair = clm.issue();
        const clock = { t: 0 };
        const wrap: Wrap = (f) => s.schedule(Promise.resolve()).then(f);
        const doc = new MemoryDocument(wrap);
        doc.doc = { value: { accessToken: pair.at, refreshToken: pair.rt, accessTokenExpiresAt: null, generation: 1, updatedAt: '' }, etag: '"0"' };
        const env = new FakeVariables();
        const sleep = (ms: number) => s.schedule(Promise.resolve()).then(() => void (clock.t += ms));
        const stores = Array.from({ length: instances }, () => store(doc, env, clm.redeem(wrap), clock, sleep));
        const results = Array.from({ length: calls }, (_, i) => stores[i % instances].refresh(pair.at));
        await s.waitFor(Promise.all(results));
        const tokens = await Promise.all(results);
        expect(clm.redeemed).toEqual([pair.rt]);
        expect(clm.refused).toBe(0);
        expect(new Set(tokens)).toEqual(new Set([doc.doc.value.accessToken]));
        expect(doc.leaseId).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

// connector-api.md, the token-origin rule.
describe('ClmTokenStore: tokens go only to the API origin they were taken for', () => {
  function world() {
    const clm = new FakeClm();
    const doc = new MemoryDocument();
    const env = new FakeVariables();
    const pair = clm.issue();
    env.values = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    const redeemedAt: string[] = [];
    const redeem: RefreshGrant = (apiBase, rt) => (redeemedAt.push(apiBase), clm.redeem()(apiBase, rt));
    return { clm, doc, env, pair, redeemedAt, redeem };
  }

  it('keeps a paste with the origin of dtclm_api_url; another path on that origin still gets the tokens', async () => {
    const w = world();
    const s = store(w.doc, w.env, w.redeem);
    expect(await s.accessTokenFor('https://clm.test/api/v1')).toBe(w.pair.at);
    expect(w.doc.doc?.value.origin).toBe('https://clm.test');
    expect(await s.accessTokenFor('https://clm.test/api/v2')).toBe(w.pair.at);
  });

  it('sends nothing once dtclm_api_url names another origin: no token handed out, no refresh', async () => {
    const w = world();
    const s = store(w.doc, w.env, w.redeem);
    await s.accessTokenFor('https://clm.test/api/v1');
    await expect(s.accessTokenFor('https://listener.example/api')).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
    await expect(s.refreshFor('https://listener.example/api', w.pair.at)).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
    base.url = 'https://listener.example/api';
    await expect(s.getAccessToken()).rejects.toThrow(/paste new tokens for https:\/\/listener\.example/);
    await expect(s.refresh(w.pair.at)).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
    // Another instance, cold, with an expired token it would refresh: still nothing sent.
    const clock = { t: 10 * 3_600_000 };
    const other = store(w.doc, w.env, w.redeem, clock);
    await expect(other.getAccessToken()).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
    expect(w.redeemedAt).toEqual([]);
  });

  it('takes tokens pasted after the change for the new origin', async () => {
    const w = world();
    const s = store(w.doc, w.env, w.redeem);
    await s.accessTokenFor('https://clm.test/api/v1');
    base.url = 'https://clm-new.test/api';
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
    const fresh = w.clm.issue();
    w.env.values = { dtclm_token_at: fresh.at, dtclm_token_rt: fresh.rt };
    expect(await s.getAccessToken()).toBe(fresh.at);
    expect(w.doc.doc?.value.origin).toBe('https://clm-new.test');
    await expect(s.accessTokenFor('https://clm.test/api/v1')).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
  });

  it('refuses a plain-http CLM address (not loopback) before anything is read or sent, and accepts http on loopback', async () => {
    const w = world();
    const s = store(w.doc, w.env, w.redeem);
    await expect(s.accessTokenFor('http://clm.test/api/v1')).rejects.toBeInstanceOf(ClmInsecureUrlError);
    expect(w.doc.doc).toBeUndefined();
    const local = store(new MemoryDocument(), w.env, w.redeem);
    expect(await local.accessTokenFor('http://127.0.0.1:7071/api/v1')).toBe(w.pair.at);
  });

  it('binds a blob written before tokens were bound to the origin of its first use', async () => {
    const w = world();
    const s = store(w.doc, w.env, w.redeem);
    await s.accessTokenFor('https://clm.test/api/v1');
    const legacy = { ...w.doc.doc!.value };
    delete legacy.origin;
    w.doc.doc = { value: legacy, etag: '"legacy"' };
    const later = store(w.doc, w.env, w.redeem);
    expect(await later.accessTokenFor('https://clm.test/api/v1')).toBe(w.pair.at);
    expect(w.doc.doc.value.origin).toBe('https://clm.test');
    await expect(later.accessTokenFor('https://elsewhere.test')).rejects.toBeInstanceOf(ClmTokensForAnotherOriginError);
  });
});

describe('ClmTokenStore when Dataverse is down', () => {
  it('keeps using the stored tokens; an empty store reports the outage', async () => {
    const clm = new FakeClm();
    const doc = new MemoryDocument();
    const env = new FakeVariables();
    const pair = clm.issue();
    env.values = { dtclm_token_at: pair.at, dtclm_token_rt: pair.rt };
    const clock = { t: 0 };
    await store(doc, env, clm.redeem(), clock).getAccessToken();
    const down: EnvironmentVariablesPort = { read: async () => Promise.reject(new Error('Dataverse is down')), write: async () => undefined };
    clock.t += 120_000;
    expect(await store(doc, down, clm.redeem(), clock).getAccessToken()).toBe(pair.at);
    await expect(store(new MemoryDocument(), down, clm.redeem(), clock).getAccessToken()).rejects.toThrow('Dataverse is down');
  });
});
