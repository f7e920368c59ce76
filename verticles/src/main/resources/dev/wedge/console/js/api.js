// Every call to the admin API, with the token from sessionStorage (never in a URL, never in localStorage: it
// goes when the tab closes).

const KEY = 'wedge-admin-token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

/** An API refusal: the HTTP status, the API's error code and its message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

/** Calls the API; answers the parsed JSON (or text), or throws ApiError. A 401 logs out. */
export async function call(method, path, {json, body, type, text = false, tokenOverride} = {}) {
  const headers = {authorization: `Bearer ${tokenOverride ?? token() ?? ''}`};
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (type) {
    headers['content-type'] = type;
  }
  const response = await fetch(path, {method, headers, body, cache: 'no-store', credentials: 'omit'});
  const answer = await response.text();
  if (response.status === 401 && tokenOverride === undefined) {
    setToken(null);
    location.hash = '#/login';
  }
  if (!response.ok) {
    let code;
    let message;
    try {
      ({error: code, message} = JSON.parse(answer));
    } catch {
      message = answer;
    }
    throw new ApiError(response.status, code, message || code);
  }
  if (text) return answer;
  return answer ? JSON.parse(answer) : null;
}

/** GET /apps/NAME/logs: the last lines as objects. */
export async function logs(app, lines = 50) {
  const text = await call('GET', `/apps/${encodeURIComponent(app)}/logs?lines=${lines}`, {text: true});
  return text.split('\n').filter(Boolean).map(line => JSON.parse(line));
}
