/**
 * The member pages' script: each `form[data-api]` posted as JSON to /api/members with the CSRF
 * token (read from the session call, repeated in the x-csrf-token header), errors shown beside the
 * form and on the field they name; the dashboard filled from /api/members/session. Text only,
 * never markup from the API.
 */
const API = '/api/members';
const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
const root = document.querySelector<HTMLElement>('.members');
const words = JSON.parse(root?.dataset.words ?? '{}') as { failed: string };
const query = new URLSearchParams(location.search);

type Member = {
  email: string;
  role: string;
  plan?: { id: string; activeUntil: string };
  online?: { lastLoginAt?: string; lastLogoutAt?: string };
  children?: { userId: string; email: string; role: string; verified: boolean }[];
  links?: { provider: string; linkedAt: string }[];
};
type ApiError = { error: { code: string; message: string; param?: string } };

let csrf = '';

export async function api<T>(method: string, path: string, body?: unknown): Promise<{ ok: boolean; status: number; data: T & Partial<ApiError> }> {
  const res = await fetch(API + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'x-site-lang': lang },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({ error: { code: 'failed', message: words.failed } }))) as T & Partial<ApiError>;
  return { ok: res.ok, status: res.status, data };
}

function show(form: HTMLFormElement, message: string, isError: boolean) {
  const out = form.querySelector<HTMLElement>('.form-error')!;
  out.textContent = message;
  out.hidden = false;
  out.classList.toggle('done', !isError);
  out.setAttribute('role', isError ? 'alert' : 'status');
}

async function submit(form: HTMLFormElement) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const body = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  try {
    const { ok, data } = await api<Record<string, unknown>>('POST', form.dataset.api!, body);
    if (!ok) {
      const error = data.error ?? { code: 'failed', message: words.failed };
      show(form, error.message, true);
      const input = error.param ? form.querySelector<HTMLElement>(`[name="${CSS.escape(error.param)}"]`) : null;
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
      return;
    }
    if (form.dataset.next) return void location.assign(form.dataset.next);
    show(form, form.dataset.done ?? '', false);
    form.reset();
    form.dispatchEvent(new CustomEvent('member:done', { detail: data, bubbles: true }));
  } catch {
    show(form, words.failed, true);
  } finally {
    if (button) button.disabled = false;
  }
}

function text(el: Element, value: string) {
  el.textContent = value;
}

function fill(user: Member) {
  for (const el of document.querySelectorAll<HTMLElement>('[data-field]')) {
    const path = el.dataset.field!;
    const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], user);
    if (path === 'role') text(el, (JSON.parse(el.dataset.labels ?? '{}') as Record<string, string>)[user.role] ?? user.role);
    else if (path === 'plan') text(el, user.plan ? `${user.plan.id} (→ ${user.plan.activeUntil.slice(0, 10)})` : (el.dataset.empty ?? ''));
    else if (path === 'links') text(el, (user.links ?? []).map((l) => l.provider).join(', ') || '—');
    else if (path.startsWith('online.')) text(el, typeof value === 'string' ? new Date(value).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—');
    else text(el, typeof value === 'string' ? value : '—');
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-role]')) el.hidden = el.dataset.role !== user.role;
  const list = document.querySelector<HTMLElement>('[data-list="children"]');
  if (list) {
    const states = JSON.parse(list.dataset.states ?? '{}') as { verified: string; pending: string; roles: Record<string, string> };
    list.replaceChildren(
      ...(user.children ?? []).map((c) => {
        const row = document.createElement('tr');
        for (const cell of [c.email, states.roles[c.role] ?? c.role, c.verified ? states.verified : states.pending]) row.append(Object.assign(document.createElement('td'), { textContent: cell }));
        return row;
      }),
    );
  }
}

export async function start(): Promise<Member | null> {
  const { data } = await api<{ csrf: string; user: Member | null }>('GET', '/session');
  csrf = data.csrf;
  for (const input of document.querySelectorAll<HTMLInputElement>('[data-from-query]')) input.value = query.get(input.dataset.fromQuery!) ?? '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-with-query]')) el.hidden = !query.has(el.dataset.withQuery!);
  for (const el of document.querySelectorAll<HTMLElement>('[data-without-query]')) el.hidden = query.has(el.dataset.withoutQuery!);
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-api]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    });
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-when]')) el.hidden = (el.dataset.when === 'member') !== Boolean(data.user);
  if (data.user) fill(data.user);
  document.getElementById('invite')?.addEventListener('member:done', () => void api<{ user: Member }>('GET', '/me').then((r) => r.ok && fill(r.data.user)));
  const auto = document.querySelector<HTMLFormElement>('form#auto-submit');
  if (auto) {
    auto.hidden = true;
    await submit(auto);
    auto.hidden = false;
    auto.querySelector('button')?.setAttribute('hidden', '');
  }
  document.body.dataset.ready = '';
  return data.user;
}

if (root) void start();
