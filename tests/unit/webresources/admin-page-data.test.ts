/**
 * The admin page's `data` parameter: Dynamics hands a web resource page `?data=<text>` (navigateTo's
 * `data`, URL-encoded once more on the way); the page reads `template=<id or name>` from that text.
 */
import { readAdminPageData } from '../../../webresources/pages/admin/admin-page-data';
import { countsText, durationText, whenText } from '../../../webresources/pages/admin/run-words';

describe('the admin page data', () => {
  it('takes the template from data, names with spaces and ids alike', () => {
    expect(readAdminPageData(`?data=${encodeURIComponent('template=Master Services Agreement')}`)).toEqual({ template: 'Master Services Agreement' });
    expect(readAdminPageData(`?data=${encodeURIComponent('template={7EA70000-1A2B-4C3D-8E4F-000000000001}')}`)).toEqual({
      template: '{7EA70000-1A2B-4C3D-8E4F-000000000001}',
    });
  });

  it('is empty without data, with other data, or with a blank template', () => {
    expect(readAdminPageData('')).toEqual({});
    expect(readAdminPageData(`?data=${encodeURIComponent('other=1')}`)).toEqual({});
    expect(readAdminPageData(`?data=${encodeURIComponent('template=  ')}`)).toEqual({});
    expect(readAdminPageData('?template=NDA')).toEqual({});
  });
});

describe('a run in words', () => {
  it('says every count the run reported, in words, in its order', () => {
    expect(countsText({ created: 3, createdInClm: 2, conflicts: 1 })).toBe('3 created, 2 created in the CLM, 1 conflicts');
    expect(countsText({})).toBe('nothing counted');
  });

  it('gives durations in seconds, then minutes and seconds', () => {
    expect(durationText(2340)).toBe('2.3 s');
    expect(durationText(125_000)).toBe('2 min 5 s');
    expect(durationText(undefined)).toBe('');
  });

  // Dynamics shows every time in the user's personal time zone, whatever the browser's: a run that
  // started at 00:19 UTC reads 01:19 for a user in Paris (offset +60) and 19:19 the day before in New York.
  it("gives times in the user's Dynamics time zone, not the browser's", () => {
    const iso = '2026-12-01T00:19:02Z';
    expect(whenText(iso, { locale: 'en-US', timeZoneOffsetMinutes: 60 })).toBe('Dec 1, 2026, 1:19:02 AM');
    expect(whenText(iso, { locale: 'en-US', timeZoneOffsetMinutes: -300 })).toBe('Nov 30, 2026, 7:19:02 PM');
    expect(whenText(iso, { locale: 'fr-FR', timeZoneOffsetMinutes: 60 })).toBe('1 déc. 2026, 01:19:02');
    expect(whenText(undefined, { locale: 'en-US' })).toBe('');
  });
});
