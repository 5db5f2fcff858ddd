/**
 * `npx tsx scripts/power-apps-checker.ts [dir]`: Microsoft's Power Apps checker rules over the web
 * resources as they ship (dist/webresources, made by `npm run build`), a step of `npm test`
 * (scripts/test.ts). Fails on any finding in our own code, on a third-party finding the allow-list
 * (scripts/lib/power-apps-checker-allowed.ts, with its reasons in docs/web-resources.md) does not
 * name, and on an allow-list entry that nothing matches any more. How: scripts/lib/power-apps-checker.ts.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './build-common';
import { POWER_APPS_CHECKER_ALLOWED } from './lib/power-apps-checker-allowed';
import { checkerPassed, checkerReport, checkWebResources } from './lib/power-apps-checker';

const dir = process.argv[2] ?? join(ROOT, 'dist', 'webresources');
if (!existsSync(dir)) {
  console.error(`power-apps checker: ${relative(ROOT, dir) || dir} is missing: run \`npm run build\` first (CI builds before npm test)`);
  process.exit(1);
}
const result = checkWebResources(dir, { allowed: POWER_APPS_CHECKER_ALLOWED });
console.log(checkerReport(result));
process.exit(checkerPassed(result) ? 0 : 1);
