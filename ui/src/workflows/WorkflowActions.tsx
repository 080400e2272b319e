import type { Workflow } from '../api/types';

// Replaced by the actions themselves in the next commits of issue 13: the editor's header shows them.
export function WorkflowActions(_props: { workflow: Workflow; onChanged: (workflow: Workflow) => void }) {
  return null;
}
