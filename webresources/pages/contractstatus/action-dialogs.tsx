/** The two actions that ask first: which validation flow, and a last look before sending for signature. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ValidationFlow } from '../../../api/contracts';

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

export function SendToSignDialog(props: { contractName: string; onSend(): void; onCancel(): void }) {
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Send {props.contractName} for signature?</DialogTitle>
          <DialogContent>
            DiliTrust CLM sends it to the signatories checked when the contract was requested, in their order. Check them in DiliTrust CLM first if they may
            have changed.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onSend}>
              Send to sign
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
