/**
 * The body check the receiver runs on every verified delivery (webhook.md): the spec's
 * `contract.status_changed` event, an event type the connector does not use (acknowledged, not
 * kept), or a body that is neither (400, with what is wrong). The event schema is tried first, in
 * one pass; these pin that the answers are those of checking the envelope first.
 */
import { parseWebhookBody } from '../../../functions/src/services/status/status-event';
import { statusEventBody } from './fakes';

const event = statusEventBody;

const fields = (raw: string) => {
  const r = parseWebhookBody(raw, 'evt_1');
  return r.kind === 'invalid' ? r.problems.map((p) => p.field) : r.kind;
};

describe('parseWebhookBody', () => {
  it('reads a status event', () => {
    const r = parseWebhookBody(event(), 'evt_1');
    expect(r).toEqual({
      kind: 'status',
      event: expect.objectContaining({ eventId: 'evt_1', clmContractId: 'ctr_1', status: 'signed', sequence: 5, signedDocumentId: 'doc_7', payload: event() }),
    });
  });

  it('calls an event of another type unknown, whatever the rest of its body holds', () => {
    expect(parseWebhookBody(JSON.stringify({ id: 'evt_2', type: 'contract.commented' }), 'evt_2')).toEqual({
      kind: 'unknown-type',
      type: 'contract.commented',
    });
    expect(parseWebhookBody(event({ type: 'folder.created', data: 42 }), 'evt_1')).toEqual({ kind: 'unknown-type', type: 'folder.created' });
  });

  it('names what is wrong with a status event', () => {
    expect(fields(event({}, { status: 'archived' }))).toEqual(['data.status']);
    expect(fields(event({}, { sequence: -1 }))).toEqual(['data.sequence']);
    expect(fields(event({ occurredAt: 'yesterday' }))).toEqual(['occurredAt']);
  });

  it('names the envelope when there is no usable id or type, not the event fields', () => {
    expect(fields(JSON.stringify({ type: 'contract.status_changed' }))).toEqual(['id']);
    expect(fields(JSON.stringify({ id: 'evt_3', type: 7 }))).toEqual(['type']);
    expect(fields('[]')).toEqual(['(body)']);
    expect(fields('{"id":')).toEqual(['(body)']);
  });
});
