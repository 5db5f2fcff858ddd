/**
 * docs/admin-guide.md and the sandbox's scripted admin steps (sandbox/admin-setup.ts) say the same
 * thing, step by step: each scripted step carries the title of a step of the guide, the guide's step
 * names what the script does there (the screen's words) and every connector role the script assigns
 * in it, in the script's order; and the application user gets exactly the role the guide names,
 * which is the solution's Dilitrust CLM Connector, not System Administrator, Customizer or Admin.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_GUIDE_STEPS, adminSteps, CONNECTOR_APPLICATION_ROLE_NAME } from '../../sandbox/admin-setup';
import { connectorRoles } from '../../solution/model';

const guide = readFileSync(path.join(__dirname, '../../docs/admin-guide.md'), 'utf8');

/** The text of a `## ` section of the guide, up to the next `## `. */
function section(title: string): string {
  const start = guide.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const end = guide.indexOf('\n## ', start + 1);
  return guide.slice(start, end < 0 ? undefined : end);
}

const connectorRoleNames = new Set(connectorRoles.map((r) => r.name));

describe.each(adminSteps().map((s, i) => [`${i + 1}. ${s.guideStep} / ${s.action}`, s] as const))('scripted step %s', (_, step) => {
  it('is a step of the admin guide, which names what the script does there', () => {
    const text = section(step.guideStep);
    expect(text).not.toBe('');
    expect(text).toContain(`**${step.action}`);
  });

  it('names, in bold, every connector role the script assigns in it', () => {
    const text = section(step.guideStep);
    for (const role of step.roles.filter((r) => connectorRoleNames.has(r)))
      expect({ role, named: text.includes(`**${role}**`) }).toEqual({ role, named: true });
  });
});

test("the script's steps within one guide step come in the guide's order", () => {
  const byStep = new Map<string, string[]>();
  for (const s of adminSteps()) byStep.set(s.guideStep, [...(byStep.get(s.guideStep) ?? []), s.action]);
  for (const [title, actions] of byStep) {
    const text = section(title);
    const positions = actions.map((a) => text.indexOf(`**${a}`));
    expect({ title, positions }).toEqual({ title, positions: [...positions].sort((a, b) => a - b) });
  }
});

test("step 3 gives the application user the Dilitrust CLM Connector role, the solution's, and checks no other role", () => {
  const text = section(ADMIN_GUIDE_STEPS.applicationUser);
  const checked = [...text.matchAll(/check\s+\*\*([^*]+)\*\*/g)].map((m) => m[1]);
  expect(checked).toEqual([CONNECTOR_APPLICATION_ROLE_NAME]);
  expect(connectorRoleNames.has(CONNECTOR_APPLICATION_ROLE_NAME)).toBe(true);
  const role = connectorRoles.find((r) => r.name === CONNECTOR_APPLICATION_ROLE_NAME)!;
  expect(role.miscPrivileges).toContain('prvActOnBehalfOfAnotherUser');
  // Why directly, and what the intersection means for mappings, are said where the role is given.
  expect(text).toMatch(/directly/);
  expect(text).toMatch(/team/);
  expect(text).toMatch(/intersection/);
  const flat = text.replace(/\s+/g, ' ');
  for (const other of ['System Administrator', 'System Customizer', 'Dilitrust CLM Admin']) expect(flat).toContain(`not *${other}*`);
});

test('the guide says nowhere else to give the application user another role', () => {
  for (const line of guide.split('\n').filter((l) => /application user/i.test(l))) expect(line).not.toMatch(/\*\*Dilitrust CLM Admin\*\* role \(step 3\)/);
});
