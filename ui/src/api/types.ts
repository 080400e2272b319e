/** The shapes of the API the UI reads: `/api/v1` (seed 002) in camelCase, `/task-types` in snake_case. */

export type PortType = 'text' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'file' | 'any' | string;

export interface Port {
  name: string;
  type: PortType;
  required: boolean;
  default_value: unknown;
  description: string | null;
}

export interface TaskType {
  name: string;
  description: string;
  inputs: Port[];
  outputs: Port[];
  example_input?: Record<string, unknown>;
}

export interface Position {
  x: number;
  y: number;
}

/** A node of a graph: `id` is its task name, `nodeId` its type (a task type or `trigger.manual`). */
export interface GraphNode {
  id: string;
  nodeId: string;
  label?: string | null;
  position?: Position | null;
  config?: Record<string, unknown> | null;
  retries?: unknown;
  timeout?: unknown;
}

export interface GraphConnection {
  sourceNodeId: string;
  sourcePort: string;
  targetNodeId: string;
  targetPort: string;
}

export type WorkflowStatus = 'draft' | 'active' | 'paused' | 'archived';

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string | null;
  status: WorkflowStatus;
  version: number;
  tags: string[];
  organizationId: string;
  ownerId: string;
  isPublic: boolean;
  isTemplate: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Workflow extends WorkflowSummary {
  nodes: GraphNode[];
  connections: GraphConnection[];
  config: Record<string, unknown>;
  settings: Record<string, unknown>;
  sharedWith: string[];
}

export interface WorkflowListing {
  count: number;
  limit: number;
  offset: number;
  workflows: WorkflowSummary[];
}

export type ExecutionStatus =
  | 'queued'
  | 'running'
  | 'waiting'
  | 'pausing'
  | 'paused'
  | 'completed'
  | 'failed'
  | 'terminated';

export type NodeStatus = 'pending' | 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'skipped' | string;

export interface Attempt {
  attempt: number;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  error?: unknown;
}

export interface NodeRun {
  nodeId: string;
  status: NodeStatus;
  input: unknown;
  output: unknown;
  error: unknown;
  attempts: number;
  attemptHistory: Attempt[];
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Execution {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: ExecutionStatus;
  triggerInputs: Record<string, unknown> | null;
  output: unknown;
  error: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  rerunOf: string | null;
  nodes: Record<string, NodeRun>;
}

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: ExecutionStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  rerunOf?: string | null;
}

export interface ExecutionListing {
  count: number;
  limit: number;
  offset: number;
  executions: ExecutionSummary[];
}

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'terminated']);
