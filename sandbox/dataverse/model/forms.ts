/**
 * The forms the emulator's organization holds before anything is imported: the main forms Dynamics
 * 365 Sales installs for opportunity and quote (a form keeps the id of the solution that made it, so
 * they are the same in every environment; see solution/model/forms.ts for where the ids were read).
 * A solution that merges a tab into one of them depends on it: the import refuses it without them.
 */
export interface OrganizationForm {
  id: string;
  table: string;
  name: string;
  type: 'main';
  /** The solution that installed it (what a MissingDependency's `solution` names). */
  solution: string;
}

export const organizationForms: OrganizationForm[] = [
  { id: 'a837e4a7-01b8-4f82-a475-be9abd67e667', table: 'opportunity', name: 'Opportunity', type: 'main', solution: 'msdynce_Sales' },
  { id: '54076a2d-d043-4a1b-b061-4d06846371a9', table: 'quote', name: 'Quote', type: 'main', solution: 'msdynce_Sales' },
];
