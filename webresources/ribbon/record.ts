/** The record a form shows, as the ribbon needs it. */

export interface FormRecord {
  entityName: string;
  /** Lower case, no braces; empty while the record is not saved yet. */
  id: string;
}

export function formRecord(form: Xrm.FormContext): FormRecord {
  const entity = form.data.entity;
  return { entityName: entity.getEntityName(), id: entity.getId().replace(/[{}]/g, '').toLowerCase() };
}

/** A record exists in Dataverse once it has an id: only then can a contract point at it. */
export function isSaved(record: FormRecord): boolean {
  return record.id !== '';
}
