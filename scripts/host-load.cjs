/**
 * Loads a functions package the way the Azure Functions Node worker does, in this fresh process:
 * reads the package's package.json, requires its `main`, and answers the worker's side of the
 * v4 programming model: `@azure/functions-core` is a module the worker provides (it is not on npm),
 * and `app.http` / `app.timer` / `app.storageQueue` end in its `registerFunction(metadata, handler)`.
 *
 *   node scripts/host-load.cjs <package dir>
 *
 * prints one JSON line: { "requireMs": <time of the require>, "functions": [<metadata>...] }.
 * Plain CommonJS on purpose: it runs in a bare `node`, like the worker, without tsx or jest.
 */
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const dir = resolve(process.argv[2] || '.');
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
if (typeof pkg.main !== 'string') throw new Error(`${dir}/package.json has no "main": the worker would find no entry point`);

const functions = [];
let programmingModel = null;
const core = {
  version: '3.10.1',
  setProgrammingModel(model) {
    programmingModel = model;
  },
  getProgrammingModel: () => programmingModel,
  registerFunction(metadata, handler) {
    if (typeof handler !== 'function') throw new Error(`function ${metadata.name} registered without a handler`);
    functions.push(metadata);
    return { dispose() {} };
  },
  registerHook: () => ({ dispose() {} }),
  log() {},
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === '@azure/functions-core') return core;
  return load.call(this, request, parent, isMain);
};

const started = process.hrtime.bigint();
require(join(dir, pkg.main));
const requireMs = Number(process.hrtime.bigint() - started) / 1e6;
// The app may hold timers or sockets open; the worker would keep running, this check need not.
process.stdout.write(JSON.stringify({ requireMs, programmingModel: programmingModel && programmingModel.name, functions }) + '\n', () => process.exit(0));
