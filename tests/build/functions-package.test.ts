/**
 * dist/functions.zip as the Functions host gets it: unzipped into an empty folder with no
 * node_modules beside it, then loaded in a fresh `node` the way the Node worker loads an app
 * (package.json's main, `@azure/functions-core` provided by the worker). Its entry point must
 * register every route, timer and queue of functions/src/routes.ts, nothing else, and hold
 * nothing of the sandbox or the tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { appFunctions } from '../../functions/src/routes';
import { bundleFunctions, loadLikeHost, writeFunctionsManifest, zipFunctions, type HostLoad } from '../../scripts/functions-package';

// The list routes.ts gives, for an app that is never built here (handlers only close over the provider).
const {
  http: httpRoutes,
  timers: timerJobs,
  queues: queueJobs,
} = appFunctions(() => {
  throw new Error('the app is not built when the functions are listed');
});

let outDir: string;
let zipNames: string[];
let unpacked: string;
let loaded: HostLoad;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'functions-package-'));
  const dir = await bundleFunctions(outDir);
  writeFunctionsManifest(dir);
  const zip = await JSZip.loadAsync(readFileSync(await zipFunctions(dir, outDir)));
  // Far from the repository, so that nothing resolves from its node_modules.
  unpacked = mkdtempSync(join(tmpdir(), 'wwwroot-'));
  zipNames = [];
  for (const file of Object.values(zip.files).filter((f) => !f.dir)) {
    zipNames.push(file.name);
    mkdirSync(dirname(join(unpacked, file.name)), { recursive: true });
    writeFileSync(join(unpacked, file.name), await file.async('nodebuffer'));
  }
  loaded = loadLikeHost(unpacked);
}, 180_000);

type Binding = Record<string, unknown>;
const trigger = (name: string): Binding => {
  const fn = loaded.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`function ${name} is not registered by the packed app`);
  return Object.values(fn.bindings).find((b) => String(b.type).endsWith('Trigger'))!;
};

describe('the functions package', () => {
  it('holds host.json, package.json and the bundle at its root, and no node_modules to install', () => {
    expect(zipNames.sort()).toEqual(['host.json', 'index.js', 'index.js.LEGAL.txt', 'package.json']);
  });

  it('has a package.json whose main is the bundle and no dependencies left to install', () => {
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.main).toBe('index.js');
    expect(pkg.dependencies).toEqual({});
    expect(pkg.devDependencies).toBeUndefined();
  });

  it('has a host.json of version 2.0 with the extension bundle [4.*, 5.0.0)', () => {
    const host = JSON.parse(readFileSync(join(unpacked, 'host.json'), 'utf8')) as { version: string; extensionBundle: unknown };
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
  });

  it('loads in a bare node and sets the v4 programming model, as the worker expects', () => {
    expect(loaded.programmingModel).toBe('@azure/functions');
  });

  it('registers exactly the functions of routes.ts', () => {
    const expected = [...httpRoutes.map((r) => r.name), ...timerJobs.map((t) => t.name), ...queueJobs.map((q) => q.name)].sort();
    expect(loaded.functions.map((f) => f.name).sort()).toEqual(expected);
  });

  it('gives every HTTP function the route and methods of routes.ts, anonymous (the app checks the Entra token itself)', () => {
    for (const r of httpRoutes) {
      const t = trigger(r.name);
      expect({ name: r.name, type: t.type, route: t.route, methods: [...(t.methods as string[])].sort(), authLevel: t.authLevel }).toEqual({
        name: r.name,
        type: 'httpTrigger',
        route: r.route,
        methods: [...r.methods].sort(),
        authLevel: 'anonymous',
      });
    }
  });

  it('gives every timer the schedule of routes.ts and every queue function its queue on AzureWebJobsStorage', () => {
    for (const j of timerJobs)
      expect({ name: j.name, ...pick(trigger(j.name), ['type', 'schedule']) }).toEqual({ name: j.name, type: 'timerTrigger', schedule: j.schedule });
    for (const q of queueJobs) {
      expect({ name: q.name, ...pick(trigger(q.name), ['type', 'queueName', 'connection']) }).toEqual({
        name: q.name,
        type: 'queueTrigger',
        queueName: q.queueName,
        connection: 'AzureWebJobsStorage',
      });
    }
  });

  it('bundles nothing from sandbox/, tests/ or webresources/', () => {
    const inputs = JSON.parse(readFileSync(join(outDir, 'functions-inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('functions/src/index.ts');
    expect(inputs.filter((i) => /^(sandbox|tests|webresources|bench|scripts)\//.test(i))).toEqual([]);
  });

  it('refuses to bundle an entry point that imports the sandbox', async () => {
    await expect(bundleFunctions(mkdtempSync(join(tmpdir(), 'functions-bad-')), 'tests/build/fixtures/imports-sandbox.ts')).rejects.toThrow(
      /must not depend on sandbox\//,
    );
  });
});

function pick(o: Binding, keys: string[]): Binding {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
