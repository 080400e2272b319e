/** One problem of an RFC 9457 answer: at a JSON pointer into the body, or about a query parameter. */
export interface ProblemEntry {
  pointer?: string;
  parameter?: string;
  detail: string;
}

/** An error answer of the API, in its problem-details shape (RFC 9457). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemEntry[];
  /** The answer's other members, such as a 409's `allowed` statuses. */
  readonly extra: Record<string, unknown>;

  constructor(status: number, title: string, detail: string, errors: ProblemEntry[] = [], extra: Record<string, unknown> = {}) {
    super(detail || title);
    this.name = 'ApiProblem';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.extra = extra;
  }

  /** The problems at a pointer or under it (`#/nodes/1` finds `#/nodes/1/config`). */
  at(pointer: string): ProblemEntry[] {
    return this.errors.filter(
      (e) => e.pointer !== undefined && (e.pointer === pointer || e.pointer.startsWith(pointer + '/')),
    );
  }

  /** Reads an answer's body as a problem; a body that is not one still gives a readable error. */
  static async from(response: Response): Promise<ApiProblem> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON: keep the status line
    }
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      const errors = Array.isArray(b.errors) ? (b.errors as ProblemEntry[]) : [];
      const title = typeof b.title === 'string' ? b.title : response.statusText;
      const detail = typeof b.detail === 'string' ? b.detail : (b.errors as { message?: string }[])?.[0]?.message ?? '';
      return new ApiProblem(response.status, title, detail, errors, b);
    }
    return new ApiProblem(response.status, response.statusText || 'Error', `the server answered ${response.status}`);
  }
}
