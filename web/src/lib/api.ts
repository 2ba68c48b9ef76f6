/** The JSON API client: same-origin cookie session, the CSRF header on changes, problem+json errors. */

export interface FieldProblem {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly problems: FieldProblem[] = [],
    readonly code: string = 'error',
  ) {
    super(detail || title);
  }
  /** The reasons given for one field (e.g. 'body.name' or 'value.roles'), or for fields under it. */
  forField(field: string): string[] {
    return this.problems.filter((p) => p.field === field || p.field.startsWith(field + '.') || p.field.endsWith('.' + field)).map((p) => p.reason);
  }
}

let currentLang = 'en';
export function setApiLanguage(lang: string) {
  currentLang = lang;
}

/** Called when the session has expired (401 on a call that needed it). */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null) {
  onUnauthenticated = fn;
}

export async function api<T = any>(method: string, url: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang };
  if (method !== 'GET' && method !== 'HEAD') headers['x-pocdesk-csrf'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', String((e as Error)?.message ?? e), [], 'network');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated();
    const p = (data && typeof data === 'object' ? data : {}) as { title?: string; detail?: string; errors?: FieldProblem[]; type?: string };
    const code = p.type?.split('/').pop() ?? String(res.status);
    throw new ApiError(res.status, p.title ?? res.statusText, p.detail ?? (typeof data === 'string' ? data : ''), p.errors ?? [], code);
  }
  return data as T;
}

export const get = <T = any>(url: string) => api<T>('GET', url);
export const post = <T = any>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T = any>(url: string, body?: unknown) => api<T>('PUT', url, body ?? {});
export const patch = <T = any>(url: string, body?: unknown) => api<T>('PATCH', url, body ?? {});

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
