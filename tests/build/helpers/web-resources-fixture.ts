/** A dist/webresources-like folder with stand-in files, so the packer can be tested without webpack. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURE_WEB_RESOURCES: Record<string, string> = {
  'dtclm_/js/ribbon.js': 'var DiliTrustCLM = DiliTrustCLM || {}; DiliTrustCLM.Ribbon = {};',
  'dtclm_/js/requestcontract.js': 'document.title = "Request Contract";',
  'dtclm_/js/contractstatus.js': 'document.title = "Contract Status";',
  'dtclm_/js/admin.js': 'document.title = "Settings";',
  'dtclm_/js/signin.js': 'document.title = "Sign-in";',
  'dtclm_/html/requestcontract.html': '<!DOCTYPE html><html><body><script src="../js/requestcontract.js"></script></body></html>',
  'dtclm_/html/contractstatus.html': '<!DOCTYPE html><html><body><script src="../js/contractstatus.js"></script></body></html>',
  'dtclm_/html/admin.html': '<!DOCTYPE html><html><body><script src="../js/admin.js"></script></body></html>',
  'dtclm_/html/signin.html': '<!DOCTYPE html><html><body><script src="../js/signin.js"></script></body></html>',
  'dtclm_/icons/requestcontract.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'dtclm_/icons/contractstatus.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'dtclm_/icons/sendtosign.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

export function makeWebResourcesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'webresources-'));
  for (const [name, content] of Object.entries(FIXTURE_WEB_RESOURCES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
