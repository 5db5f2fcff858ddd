import { nameGuid, braced } from '../../solution/pack/guid';
import { el, serialize, textEl } from '../../solution/pack/xml';
import { parseXml } from './helpers/xml-tree';

describe('the XML writer of the packer', () => {
  it('escapes markup characters in text and attributes so that the text reads back unchanged', () => {
    const tricky = `Tom & Jerry <"quoted"> 'single' \t tab\nnewline`;
    const xml = serialize(el('root', { label: tricky }, textEl('value', tricky)));
    const doc = parseXml(xml);
    expect(doc.attrs.label).toBe(tricky);
    expect(xml).not.toMatch(/<"quoted">/);
    expect(xml).toContain('&amp;');
  });

  it('writes text that looks like a reference as text, so that it too reads back unchanged', () => {
    // xmlbuilder2 on its own keeps "&amp;" and "&#10;" as they are, which a reader decodes.
    const literal = 'R&amp;D &#10; &lt;x&gt; &#x9;';
    const xml = serialize(el('root', { label: literal }, textEl('value', literal)));
    const doc = parseXml(xml);
    expect(doc.attrs.label).toBe(literal);
    expect(doc.children[0]!.text).toBe(literal);
  });

  it('writes tab, LF and CR in attribute values as the character references a Dynamics export carries', () => {
    expect(serialize(el('root', { v: 'a\tb\nc\rd' }), { declaration: false })).toBe('<root v="a&#x9;b&#xA;c&#xD;d" />\n');
  });

  it('refuses characters XML 1.0 cannot carry instead of writing a file Dynamics rejects', () => {
    expect(() => serialize(textEl('value', 'bell \u0007'))).toThrow(/U\+0007 cannot appear in XML: "bell \\u0007"/);
    expect(() => serialize(el('value', { label: 'start \u0001' }))).toThrow(/U\+0001/);
  });

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => serialize(el('bad name'))).toThrow(/Invalid XML name: bad name/);
    expect(() => serialize(el('root', { 'bad attr': 'x' }))).toThrow(/Invalid XML name: bad attr/);
    expect(() => serialize(el('1root'))).toThrow(/Invalid XML name/);
  });

  it('resolves an attribute prefix from the declarations in scope and refuses an undeclared one', () => {
    const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
    expect(serialize(el('root', { 'xmlns:xsi': xsi }, el('Email', { 'xsi:nil': 'true' })), { declaration: false })).toBe(
      `<root xmlns:xsi="${xsi}">\n  <Email xsi:nil="true" />\n</root>\n`,
    );
    expect(() => serialize(el('root', {}, el('Email', { 'xsi:nil': 'true' })))).toThrow(/prefix/);
  });

  it('writes empty elements the way Dynamics exports do', () => {
    expect(serialize(el('RootComponents'), { declaration: false })).toBe('<RootComponents />\n');
  });
});

describe('deterministic GUIDs', () => {
  it('gives the same RFC 4122 version 5 GUID for the same name and different ones for different names', () => {
    const a = nameGuid('webresource:dtclm_/js/ribbon.js');
    expect(nameGuid('webresource:dtclm_/js/ribbon.js')).toBe(a);
    expect(nameGuid('webresource:dtclm_/html/admin.html')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('matches the RFC 4122 example of a version 5 UUID (DNS namespace, "python.org")', () => {
    // Known answer from Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(nameGuid('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('writes GUIDs in braces and lower case, as solution files carry them', () => {
    expect(braced('71890C1A-0001-4000-8000-000000000001')).toBe('{71890c1a-0001-4000-8000-000000000001}');
  });
});
