import { CLM_USER_ID } from './contacts/contact-store';
import { SEED_TEMPLATES } from './templates/seed-templates';
import type { ContactStore } from './contacts/contact-store';
import type { TemplateStore } from './templates/template-store';

/**
 * What a fresh sandbox holds: the seed templates (NDA, Master Services Agreement, Quote
 * Acceptance, and an archived one), the root folder with a child (FolderStore), and two contacts
 * made in the CLM so that contact sync has something to bring over.
 */
export function seedWorld(world: { templates: TemplateStore; contacts: ContactStore }): void {
  for (const template of SEED_TEMPLATES) world.templates.upsert(template);
  world.contacts.create({ firstName: 'Camille', lastName: 'Durand', email: 'camille.durand@fabrikam.example', phone: '+33 1 23 45 67 89' }, CLM_USER_ID);
  world.contacts.create({ firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee@northwind.example' }, CLM_USER_ID);
}
