/**
 * Bundles the web resources (shared/design/ARCHITECTURE.md, webresources/):
 *   webresources/ribbon/ribbon.ts         -> dtclm_/js/ribbon.js   (global DiliTrustCLM.Ribbon)
 *   webresources/pages/<name>/index.ts(x) -> dtclm_/js/<name>.js   (React + Fluent UI v9 pages)
 *   webresources/pages/<name>/index.html  -> dtclm_/html/<name>.html
 *   webresources/icons/*.svg              -> dtclm_/icons/*.svg
 * into dist/webresources/, where the solution packer takes them (the path is the web resource name).
 *
 * `npx webpack` uses the default below; scripts/build.ts calls webresourcesConfig({ outDir }).
 */
const fs = require('node:fs');
const path = require('node:path');
const { Compilation, sources } = require('webpack');

const ROOT = __dirname;
const SRC = path.join(ROOT, 'webresources');

/** A page's entry: index.tsx (a React page) or index.ts. */
function entryOf(name) {
  return ['index.tsx', 'index.ts'].map((f) => path.join(SRC, 'pages', name, f)).find((f) => fs.existsSync(f));
}

function pageNames() {
  const dir = path.join(SRC, 'pages');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && entryOf(d.name))
    .map((d) => d.name)
    .sort();
}

/** Files copied as they are: each page's HTML and the button icons. */
function staticFiles() {
  const pages = pageNames().map((name) => ({ from: path.join(SRC, 'pages', name, 'index.html'), to: `dtclm_/html/${name}.html` }));
  const iconsDir = path.join(SRC, 'icons');
  const icons = fs.existsSync(iconsDir)
    ? fs
        .readdirSync(iconsDir)
        .filter((f) => f.endsWith('.svg'))
        .sort()
        .map((f) => ({ from: path.join(iconsDir, f), to: `dtclm_/icons/${f}` }))
    : [];
  return [...pages, ...icons];
}

/** Emits the static files as webpack assets (no copy plugin needed for a handful of files). */
class StaticWebResourcesPlugin {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    const name = 'StaticWebResourcesPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const { from, to } of this.files) {
          if (!fs.existsSync(from)) {
            compilation.errors.push(new Error(`${path.relative(ROOT, from)} is missing`));
            continue;
          }
          compilation.fileDependencies.add(from);
          compilation.emitAsset(to, new sources.RawSource(fs.readFileSync(from)));
        }
      });
    });
  }
}

function webresourcesConfig({ outDir = path.join(ROOT, 'dist', 'webresources'), mode = 'production' } = {}) {
  const entry = {
    'dtclm_/js/ribbon': {
      import: path.join(SRC, 'ribbon', 'ribbon.ts'),
      // assign-properties adds Ribbon to an existing window.DiliTrustCLM instead of replacing it,
      // so the pages' own DiliTrustCLM.* globals and the ribbon's live side by side.
      library: { name: ['DiliTrustCLM', 'Ribbon'], type: 'assign-properties' },
    },
    // Sync to CLM's connector client, which the ribbon fetches with import() on a click
    // (webresources/ribbon/sync-contact.ts). One file, no chunks (MSAL inlined): a chunk loader
    // would add script elements to the app's page and need the organization's absolute
    // /WebResources/ path, both of which the Power Apps checker forbids. As a module (import())
    // the script runs in strict mode, so it names window.DiliTrustCLM instead of assigning a bare global.
    'dtclm_/js/sync-contact': {
      import: path.join(SRC, 'lib', 'sync-contact.ts'),
      library: { name: ['DiliTrustCLM', 'SyncContact'], type: 'window' },
      asyncChunks: false,
    },
  };
  for (const name of pageNames()) entry[`dtclm_/js/${name}`] = entryOf(name);

  return {
    mode,
    context: ROOT,
    entry,
    target: ['web', 'es2020'],
    // A source map beside each bundle, not named in it (no sourceMappingURL comment): the Power Apps
    // checker step of npm test reads the modules of each bundle from it (scripts/lib/power-apps-checker.ts).
    // The solution packer leaves *.map out of the solution.
    devtool: 'hidden-source-map',
    // Chunks loaded on demand (MSAL, only when a page first needs a token) sit beside the pages'
    // scripts: dtclm_/js/<chunk>.js, found relative to the script that loads them ('auto').
    output: { path: outDir, filename: '[name].js', chunkFilename: 'dtclm_/js/[name].js', publicPath: 'auto', clean: true },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // Types are checked by `tsc -p webresources/tsconfig.json`; the bundle only transpiles.
          options: { configFile: path.join(SRC, 'tsconfig.json'), transpileOnly: true, compilerOptions: { noEmit: false } },
        },
      ],
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [new StaticWebResourcesPlugin(staticFiles())],
  };
}

module.exports = (env = {}, argv = {}) => webresourcesConfig({ outDir: env.outDir, mode: argv.mode || 'production' });
module.exports.webresourcesConfig = webresourcesConfig;
