/** How the packer turns the files webpack wrote into web resources. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readWebResources, webResourceFile } from '../../solution/pack';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wr-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('web resources from dist/webresources', () => {
  it('names each file by its path and types it by its extension', () => {
    const found = readWebResources(dirWith({ 'dtclm_/js/ribbon.js': 'x', 'dtclm_/css/page.css': 'y', 'dtclm_/icons/a.svg': '<svg/>' }));
    expect(found.map((w) => [w.name, w.type])).toEqual([
      ['dtclm_/css/page.css', 2],
      ['dtclm_/icons/a.svg', 11],
      ['dtclm_/js/ribbon.js', 3],
    ]);
  });

  it('leaves source maps and licence notes out of the solution', () => {
    const found = readWebResources(dirWith({ 'dtclm_/js/ribbon.js': 'x', 'dtclm_/js/ribbon.js.map': '{}', 'dtclm_/js/ribbon.js.LICENSE.txt': 'MIT' }));
    expect(found.map((w) => w.name)).toEqual(['dtclm_/js/ribbon.js']);
  });

  it("gives the spec's web resources their display names", () => {
    expect(webResourceFile('dtclm_/html/requestcontract.html', Buffer.from('')).displayName).toBe('DiliTrust CLM Request Contract');
  });

  it('refuses names outside the publisher prefix and file types Dataverse does not take', () => {
    expect(() => webResourceFile('other_/js/x.js', Buffer.from(''))).toThrow(/not a valid web resource name/);
    expect(() => webResourceFile('dtclm_/js/x.ts', Buffer.from(''))).toThrow(/not a web resource type/);
  });

  it('stops the build when webpack wrote nothing', () => {
    expect(() => readWebResources(dirWith({}))).toThrow(/No web resources/);
  });
});
