/**
 * WinOpportunity and WinQuote, the unbound actions that close a sale as won (and LoseOpportunity, as lost) (Microsoft, "WinOpportunity
 * Action" / WinOpportunityRequest, "WinQuote Action" / WinQuoteRequest):
 *
 *   POST WinOpportunity { Status: 3, OpportunityClose: { subject, "opportunityid@odata.bind": "/opportunities(<id>)" } }
 *   POST WinQuote       { Status: 4, QuoteClose: { subject, "quoteid@odata.bind": "/quotes(<id>)" } }
 *
 * Both parameters are required (Nullable false). The action creates the close activity (completed)
 * and moves the record to its Won state with the given status, which must be a status of that state
 * (opportunity: Won 1 / Won 3; quote: Won 2 / Won 4). Only an open opportunity and only an active
 * quote can be won: a closed opportunity, or a quote still in draft (it must be activated first, as
 * the "Activate Quote" command does) or already won or closed, is refused. The caller needs Write
 * on the record and Create on activities (the close activity is an activity: prvCreateActivity),
 * Append on it and Append To on the record; impersonation intersects as for any request.
 * Answers 204 No Content (the actions return no value).
 */
import { badRequest, DataverseError, ErrorCodes } from '../errors';
import type { TableInfo } from '../schema/catalog';
import type { Row } from '../store/store';
import { emptyResponse, readJson, type ApiRequest, type ApiResponse } from '../http/types';
import { parseKey } from '../odata/path';
import { locate, requireRow } from './locate';
import { createRow, updateRow } from './write';
import type { Scope } from './scope';

export const CLOSE_ACTIONS = ['WinOpportunity', 'LoseOpportunity', 'WinQuote'] as const;
export type CloseAction = (typeof CLOSE_ACTIONS)[number];

interface CloseRule {
  table: 'opportunity' | 'quote';
  entitySet: string;
  parameter: 'OpportunityClose' | 'QuoteClose';
  closeTable: 'opportunityclose' | 'quoteclose';
  lookup: 'opportunityid' | 'quoteid';
  /** The state a record must be in, and the state it is closed to (Won; Lost for LoseOpportunity). */
  from: number;
  won: number;
  /** Words for a record in another state. */
  notWinnable: (state: number) => string;
}

const RULES: Record<CloseAction, CloseRule> = {
  WinOpportunity: {
    table: 'opportunity',
    entitySet: 'opportunities',
    parameter: 'OpportunityClose',
    closeTable: 'opportunityclose',
    lookup: 'opportunityid',
    from: 0,
    won: 1,
    notWinnable: (state) => `The opportunity is already closed (${state === 1 ? 'Won' : 'Lost'}); only an open opportunity can be won.`,
  },
  // LoseOpportunity { Status: 4 Canceled | 5 Out-Sold, OpportunityClose }: the same, to the Lost state (2).
  LoseOpportunity: {
    table: 'opportunity',
    entitySet: 'opportunities',
    parameter: 'OpportunityClose',
    closeTable: 'opportunityclose',
    lookup: 'opportunityid',
    from: 0,
    won: 2,
    notWinnable: (state) => `The opportunity is already closed (${state === 1 ? 'Won' : 'Lost'}); only an open opportunity can be lost.`,
  },
  WinQuote: {
    table: 'quote',
    entitySet: 'quotes',
    parameter: 'QuoteClose',
    closeTable: 'quoteclose',
    lookup: 'quoteid',
    from: 1,
    won: 2,
    notWinnable: (state) =>
      state === 0
        ? 'The quote is a draft: activate it before it can be won.'
        : `The quote is already ${state === 2 ? 'won' : 'closed'}; only an active quote can be won.`,
  },
};

/** A completed close activity: Completed (1) with its Completed status (2). */
const CLOSE_COMPLETED = { statecode: 1, statuscode: 2 } as const;

export function closeAction(scope: Scope, action: CloseAction, req: ApiRequest): ApiResponse {
  const rule = RULES[action];
  const body = readJson(req) as Record<string, unknown> | null;
  const status = body?.Status;
  const close = body?.[rule.parameter] as Record<string, unknown> | undefined;
  if (typeof status !== 'number' || !Number.isInteger(status))
    throw badRequest(`${action} needs the parameter Status (Edm.Int32).`, ErrorCodes.invalidArgument);
  if (!close || typeof close !== 'object') throw badRequest(`${action} needs the parameter ${rule.parameter}.`, ErrorCodes.invalidArgument);

  const targetInfo = scope.catalog.table(rule.table);
  const closeInfo = scope.catalog.table(rule.closeTable);
  const row = targetRow(scope, targetInfo, rule, close[`${rule.lookup}@odata.bind`]);
  const state = typeof row.statecode === 'number' ? row.statecode : 0;
  if (state !== rule.from) throw new DataverseError(400, ErrorCodes.invalidArgument, rule.notWinnable(state));
  const statusAttribute = targetInfo.attributes.get('statuscode');
  const statusOption = (statusAttribute ? (scope.catalog.options(statusAttribute)?.options ?? []) : []).find((o) => o.value === status);
  if (!statusOption || statusOption.state !== rule.won) {
    throw new DataverseError(
      400,
      ErrorCodes.invalidArgument,
      `${status} is not a valid status code for state code ${rule.table}State.${action === 'LoseOpportunity' ? 'Lost' : 'Won'}.`,
    );
  }
  scope.access.requireOnRow(rule.table, 'write', row);
  scope.access.requireOnRow(rule.table, 'appendTo', row);

  const id = String(row[targetInfo.def.primaryIdAttribute]);
  const columns = Object.fromEntries(Object.entries(close).filter(([k]) => !k.includes('@')));
  scope.store.transaction(() => {
    createRow(scope, closeInfo, {
      ...(columns as Row),
      [rule.lookup]: { entity: rule.table, id },
      ...CLOSE_COMPLETED,
      actualend: new Date().toISOString(),
    });
    updateRow(scope, targetInfo, row, { statecode: rule.won, statuscode: status });
  });
  return emptyResponse(204);
}

function targetRow(scope: Scope, info: TableInfo, rule: CloseRule, bind: unknown): Row {
  const m = typeof bind === 'string' ? /^\/?([A-Za-z_]+)\((.+)\)$/.exec(bind) : null;
  if (!m || m[1] !== rule.entitySet) {
    throw badRequest(`${rule.parameter} needs "${rule.lookup}@odata.bind": "/${rule.entitySet}(<id>)".`, ErrorCodes.invalidArgument);
  }
  return requireRow(locate(scope.store, info, parseKey(m[2])), info, scope.access);
}
