/**
 * The mapping editor of one template on the admin page (issue 16). PLACEHOLDER until the editor
 * lands: the admin page renders this for the template the admin picked. The props are the contract
 * between the page and the editor; keep them.
 */
import { Text } from '@fluentui/react-components';
import type { ConnectorClient } from '../../../lib/connector';

export interface MappingSectionProps {
  /** The connector API as the signed-in admin. */
  client: ConnectorClient;
  /** The dtclm_template row id being edited. The section reads the row (fields, mapping, ETag) itself. */
  templateId: string;
  /** Called after a save succeeded, so the page can refresh the template list's mapping states. */
  onSaved: () => void;
}

export function MappingSection({ templateId }: MappingSectionProps) {
  return <Text>The mapping editor for template {templateId} is not built yet.</Text>;
}
