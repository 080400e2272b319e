import { describe, expect, it } from 'vitest';
import { ApiProblem } from './problem';

describe('ApiProblem', () => {
  it('reads a problem answer with its entries and finds those at or under a pointer', async () => {
    const response = new Response(
      JSON.stringify({
        title: 'Bad Request',
        status: 400,
        detail: 'the request has 2 problems',
        errors: [
          { pointer: '#/nodes/1/config', detail: 'needs input text' },
          { pointer: '#/nodes/10', detail: 'unknown node type' },
        ],
      }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const problem = await ApiProblem.from(response);
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('the request has 2 problems');
    expect(problem.at('#/nodes/1').map((e) => e.detail)).toEqual(['needs input text']);
    expect(problem.at('#/nodes/10').map((e) => e.detail)).toEqual(['unknown node type']);
    expect(problem.at('#/connections')).toEqual([]);
  });

  it("keeps the answer's other members, such as a conflict's allowed statuses", async () => {
    const response = new Response(
      JSON.stringify({ title: 'Conflict', status: 409, detail: 'workflow is draft', workflowStatus: 'draft', allowed: ['active', 'archived'] }),
      { status: 409 },
    );
    const problem = await ApiProblem.from(response);
    expect(problem.extra.allowed).toEqual(['active', 'archived']);
    expect(problem.extra.workflowStatus).toBe('draft');
  });

  it('keeps the status of an answer that is not JSON', async () => {
    const problem = await ApiProblem.from(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(problem.status).toBe(502);
    expect(problem.message).toContain('502');
  });
});
