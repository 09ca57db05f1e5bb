// The console's API client: cookie session plus the CSRF token for changes; errors come back as values with
// the API's stable code and field problems, so forms can show them next to their fields.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  fields: FieldProblem[];
}

/** One field's problem: `code` is stable (FIELD_CODES in src/errors.ts), `message` the server's English. */
export interface FieldProblem {
  field: string;
  code?: string;
  message: string;
  params?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export class ApiClient {
  csrf: string | null = null;
  onUnauthenticated: () => void = () => undefined;

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    raw?: { type: string; data: Blob },
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (raw) {
      headers['content-type'] = raw.type;
      payload = raw.data;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
    } catch {
      return {
        ok: false,
        error: {
          status: 0,
          code: 'NETWORK',
          message: 'The service cannot be reached. Nothing was lost; try again.',
          fields: [],
        },
      };
    }
    if (res.status === 204) return { ok: true, data: undefined as T };
    const json = (await res.json().catch(() => ({}))) as { error?: Partial<ApiError> } & T;
    if (!res.ok) {
      if (res.status === 401 && path !== '/session') this.onUnauthenticated();
      return {
        ok: false,
        error: {
          status: res.status,
          code: json.error?.code ?? 'ERROR',
          message: json.error?.message ?? res.statusText,
          fields: json.error?.fields ?? [],
        },
      };
    }
    return { ok: true, data: json };
  }
}
