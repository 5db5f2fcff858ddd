/**
 * Third-party findings of the Power Apps checker rules that may ship, by package and rule, each
 * with its reason. docs/web-resources.md ("Microsoft's Power Apps checker") lists the same entries
 * for people; tests/build/power-apps-checker.test.ts holds the two together. Our own code has no
 * entry here: a finding there is fixed in the code.
 *
 * do-not-make-parent-assumption matches text: any expression that starts with `parent.` or
 * `opener.`, or with a variable that one of those was put in, is "the window's parent frame".
 */
import type { AllowedFinding } from './power-apps-checker';

export const POWER_APPS_CHECKER_ALLOWED: readonly AllowedFinding[] = [
  {
    package: 'react-dom',
    rule: 'do-not-make-parent-assumption',
    reason: 'React walks its own fiber tree with locals named parent (parent.alternate, parent.stateNode): no window or frame.',
  },
  {
    package: 'react',
    rule: 'do-not-make-parent-assumption',
    reason: "The rule's text match fires inside React's createElement (its props loop), which reads no window or frame.",
  },
  {
    package: '@codemirror/view',
    rule: 'do-not-make-parent-assumption',
    reason: "The mapping editor's view tree: this.parent is a view's parent view, locals named parent are nodes of the editor's own DOM.",
  },
  {
    package: '@codemirror/autocomplete',
    rule: 'do-not-make-parent-assumption',
    reason: "The completion tooltip's parent is a rectangle of the editor's own layout (parent.height).",
  },
  {
    package: '@lezer/common',
    rule: 'do-not-make-parent-assumption',
    reason: "The mapping editor's syntax tree: parent is a tree node (parent._tree).",
  },
  {
    package: '@lezer/lr',
    rule: 'do-not-make-parent-assumption',
    reason: "The mapping editor's JSON parser: parent is a parse stack (parent.buffer).",
  },
  {
    package: '@azure/msal-browser',
    rule: 'avoid-unpub-api',
    reason: "MSAL's own createGuid(), imported from its BrowserUtils module, not the unpublished Dynamics global of that name.",
  },
];
