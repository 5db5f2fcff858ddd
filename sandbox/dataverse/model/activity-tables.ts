/**
 * The activities the connector makes: a task (the renewal reminder) and the close activities that
 * WinOpportunity and WinQuote create (opportunityclose, quoteclose). In Dataverse every activity
 * table takes the privileges of `activitypointer` (prvCreateActivity, prvReadActivity, ...: Microsoft,
 * "Privileges by entity", Activity), so only activitypointer has privileges of its own
 * (security/privilege-owner.ts). Only the columns the connector writes or reads are described.
 */
import { dateTime, lookup, memo, primaryKey, text } from '../../../solution/model/columns';
import { systemColumns } from '../../../solution/model/system-columns';
import type { AttributeDef, OptionSetDef, TableDef } from '../../../solution/model/types';

function allSystem(attrs: AttributeDef[]): AttributeDef[] {
  return attrs.map((a) => ({ ...a, isSystem: true }));
}

/** An activity is Open (0), Completed (1) or Canceled (2); a task's Open statuses are Not Started (2) and In Progress (3). */
const activityStates = (entity: string, open: [number, string][], completed: [number, string][], canceled: [number, string][]) =>
  ({
    state: {
      name: `${entity}_statecode`,
      displayName: 'Activity Status',
      isGlobal: false,
      options: [
        { value: 0, label: 'Open' },
        { value: 1, label: 'Completed' },
        { value: 2, label: 'Canceled' },
      ],
    },
    status: {
      name: `${entity}_statuscode`,
      displayName: 'Status Reason',
      isGlobal: false,
      options: [
        ...open.map(([value, label]) => ({ value, label, state: 0 })),
        ...completed.map(([value, label]) => ({ value, label, state: 1 })),
        ...canceled.map(([value, label]) => ({ value, label, state: 2 })),
      ],
    },
  }) satisfies { state: OptionSetDef; status: OptionSetDef };

function activity(
  logicalName: string,
  schemaName: string,
  entitySetName: string,
  displayName: string,
  objectTypeCode: number,
  own: AttributeDef[],
  states: ReturnType<typeof activityStates>,
): TableDef {
  return {
    logicalName,
    schemaName,
    entitySetName,
    displayName,
    displayCollectionName: `${displayName}s`,
    primaryIdAttribute: 'activityid',
    primaryNameAttribute: 'subject',
    ownershipType: 'UserOwned',
    objectTypeCode,
    isCustomEntity: false,
    attributes: allSystem([
      primaryKey('activityid', 'ActivityId', displayName),
      text('subject', 'Subject', 'Subject', 200, { isPrimaryName: true, requiredLevel: 'ApplicationRequired' }),
      memo('description', 'Description', 'Description', 2000),
      dateTime('scheduledend', 'ScheduledEnd', 'Due', 'UserLocal'),
      dateTime('actualend', 'ActualEnd', 'Actual End', 'UserLocal'),
      ...own,
      ...systemColumns({ entity: logicalName, displayName, ownership: 'UserOwned', states }),
    ]),
  };
}

const activityPointerTable = activity(
  'activitypointer',
  'ActivityPointer',
  'activitypointers',
  'Activity',
  4200,
  [],
  activityStates('activitypointer', [[1, 'Open']], [[2, 'Completed']], [[3, 'Canceled']]),
);

const taskTable = activity(
  'task',
  'Task',
  'tasks',
  'Task',
  4212,
  [lookup('regardingobjectid', 'RegardingObjectId', 'Regarding', ['opportunity', 'quote'])],
  activityStates(
    'task',
    [
      [2, 'Not Started'],
      [3, 'In Progress'],
    ],
    [[5, 'Completed']],
    [[6, 'Canceled']],
  ),
);

const opportunityCloseTable = activity(
  'opportunityclose',
  'OpportunityClose',
  'opportunitycloses',
  'Opportunity Close',
  4208,
  [lookup('opportunityid', 'OpportunityId', 'Opportunity', ['opportunity'])],
  activityStates('opportunityclose', [[1, 'Open']], [[2, 'Completed']], [[3, 'Canceled']]),
);

const quoteCloseTable = activity(
  'quoteclose',
  'QuoteClose',
  'quotecloses',
  'Quote Close',
  4211,
  [lookup('quoteid', 'QuoteId', 'Quote', ['quote'])],
  activityStates('quoteclose', [[1, 'Open']], [[2, 'Completed']], [[3, 'Canceled']]),
);

export const activityTables: TableDef[] = [activityPointerTable, taskTable, opportunityCloseTable, quoteCloseTable];
