/** The two actions that ask first: which validation flow, and who will sign (shown, editable) before sending for signature. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { ContractSignatoriesAnswer, Signatory, ValidationFlow } from '../../../api/contracts';
import { editable, emailProblem, SignatoriesEditor, toSignatory, type EditableSignatory } from '../../lib/signatories-editor';

export function ValidationDialog(props: { contractName: string; flows: ValidationFlow[] | undefined; onStart(flowId: string): void; onCancel(): void }) {
  const [flowId, setFlowId] = useState<string>();
  const chosen = flowId ?? props.flows?.[0]?.id;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Launch validation of {props.contractName}</DialogTitle>
          <DialogContent>
            {!props.flows ? (
              <Spinner size="small" label="Reading the validation flows…" />
            ) : props.flows.length === 0 ? (
              <Text>DiliTrust CLM offers no validation flow for this contract.</Text>
            ) : (
              <RadioGroup aria-label="Validation flow" value={chosen} onChange={(_, d) => setFlowId(d.value)}>
                {props.flows.map((f) => (
                  <Radio key={f.id} value={f.id} label={f.name} />
                ))}
              </RadioGroup>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!chosen} onClick={() => chosen && props.onStart(chosen)}>
              Launch
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** What the panel knows of who will sign: still reading, read (editable), or not readable (the send then uses the CLM's own rule). */
export type SignatoriesState = { kind: 'reading' } | { kind: 'read'; answer: ContractSignatoriesAnswer } | { kind: 'unreadable'; message: string };

const SOURCE_NOTE: Record<ContractSignatoriesAnswer['source'], string> = {
  contract: 'The signatories chosen when the contract was requested, kept with it. Change them here if needed:',
  record: 'This contract was requested without signatories.',
  none: 'No signatory is known for this contract yet: add at least one.',
};

/** Where each name came from, said under it (the list kept with the contract, or the template's read now). */
function originNote(answer: ContractSignatoriesAnswer, email: string): string | undefined {
  const i = answer.signatories.findIndex((s) => s.email === email);
  if (i < 0) return 'Added now.';
  if (answer.source === 'record') return 'From the record, as the template says.';
  return answer.origins[i] === 'added'
    ? 'Added by hand when the contract was requested.'
    : 'Chosen at request time; the template takes this person from the record.';
}

export function SendToSignDialog(props: {
  contractName: string;
  signatories: SignatoriesState;
  /** The draft's link beside the signatories, when the contract has one. */
  draftLink?: ReactNode;
  onSend(signatories?: Signatory[]): void;
  onCancel(): void;
}) {
  const [list, setList] = useState<EditableSignatory[]>();
  const state = props.signatories;
  useEffect(() => {
    // A contract requested without signatories: the template's are offered, not filled in unasked.
    if (state.kind === 'read') setList(state.answer.source === 'record' ? [] : editable(state.answer.signatories));
  }, [state]);
  const problem = !list || list.length === 0 || list.some((s) => emailProblem(s.email) !== undefined);
  const canSend = state.kind === 'unreadable' || (state.kind === 'read' && !problem);
  const offerTemplate = state.kind === 'read' && state.answer.source === 'record' && list?.length === 0;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Send {props.contractName} for signature?</DialogTitle>
          <DialogContent>
            {props.draftLink}
            {state.kind === 'reading' && <Spinner size="small" label="Reading who will sign…" />}
            {state.kind === 'unreadable' && (
              <MessageBar intent="warning">
                <MessageBarBody>
                  The signatories could not be read ({state.message}). DiliTrust CLM will send it to the signatories it has for this contract.
                </MessageBarBody>
              </MessageBar>
            )}
            {state.kind === 'read' && list && (
              <>
                {state.answer.errors.map((e, i) => (
                  <MessageBar key={i} intent="warning">
                    <MessageBarBody>{e.message}</MessageBarBody>
                  </MessageBar>
                ))}
                <Text as="p">{SOURCE_NOTE[state.answer.source]}</Text>
                {offerTemplate && (
                  <MessageBar intent="info">
                    <MessageBarBody>
                      Use the template&apos;s signatories ({state.answer.signatories.map((s) => `${s.firstName} ${s.lastName}`.trim() || s.email).join(', ')}),
                      read from the record now, or add them by hand?
                    </MessageBarBody>
                    <MessageBarActions>
                      <Button onClick={() => setList(editable(state.answer.signatories))}>Use the template&apos;s signatories</Button>
                    </MessageBarActions>
                  </MessageBar>
                )}
                <SignatoriesEditor value={list} onChange={setList} disabled={false} note={(s) => originNote(state.answer, s.email)} />
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!canSend} onClick={() => props.onSend(state.kind === 'read' && list ? list.map(toSignatory) : undefined)}>
              Send to sign
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
