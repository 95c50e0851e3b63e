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

type Company = { companyId: string; name: string; createdAt: string };
type CompanyWords = Record<'testPayment' | 'paymentMade' | 'payments' | 'refresh' | 'notifyUrl' | 'sendNotification' | 'attempts' | 'noneYet', string>;

function node<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function rows(body: HTMLElement, cells: string[][], empty: string) {
  body.replaceChildren(...(cells.length ? cells : [[empty]]).map((r) => node('tr', {}, ...r.map((c) => node('td', { textContent: c })))));
}

/** One company: its test payment button, its payments, its test notification form and attempts. */
function companyCard(c: Company, w: CompanyWords): HTMLElement {
  const base = `/companies/${encodeURIComponent(c.companyId)}`;
  const payments = node('tbody', { className: 'payments' });
  const attempts = node('tbody', { className: 'attempts' });
  const result = node('p', { className: 'form-error', hidden: true });
  const loadPayments = async () => {
    const r = await api<{ data: { payNo: string; status: string; amount: number; createdAt: string }[] }>('GET', `${base}/payments`);
    if (r.ok) rows(payments, r.data.data.map((p) => [p.payNo, p.status, `${(p.amount / 100).toFixed(2)} CNY`, p.createdAt]), w.noneYet);
  };
  const loadAttempts = async () => {
    const r = await api<{ data: { at: string; url: string; status?: number; ms: number; error?: string }[] }>('GET', `${base}/notifications`);
    if (r.ok) rows(attempts, r.data.data.map((a) => [a.at, a.url, a.status ? String(a.status) : (a.error ?? ''), `${a.ms} ms`]), w.noneYet);
  };
  const pay = node('button', { className: 'button', type: 'button', textContent: w.testPayment });
  pay.addEventListener('click', () => {
    pay.disabled = true;
    void api<{ payment: { payNo: string; action?: { value: string } }; qrImage?: string }>('POST', `${base}/test-payments`).then(async (r) => {
      pay.disabled = false;
      result.hidden = false;
      result.classList.toggle('done', r.ok);
      if (!r.ok) return void (result.textContent = r.data.error?.message ?? words.failed);
      result.replaceChildren(`${w.paymentMade} `, node('code', { className: 'pay-no', textContent: r.data.payment.payNo }), ' ', node('code', { className: 'qr', textContent: r.data.payment.action?.value ?? '' }));
      // The code as a scannable image too: a data URL the member API made, never markup.
      if (r.data.qrImage) result.append(node('img', { className: 'qr', src: r.data.qrImage, width: 200, height: 200, alt: w.paymentMade }));
      await loadPayments();
    });
  });
  const refresh = node('button', { type: 'button', textContent: w.refresh });
  refresh.addEventListener('click', () => void loadPayments());
  const url = node('input', { name: 'url', type: 'url', required: true, id: `url-${c.companyId}` });
  const notifyForm = node('form', { className: 'notify' }, node('label', { htmlFor: url.id, textContent: w.notifyUrl }), url, node('button', { className: 'button secondary', type: 'submit', textContent: w.sendNotification }), node('p', { className: 'form-error', hidden: true }));
  notifyForm.dataset.api = `${base}/test-notifications`;
  notifyForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(notifyForm).then(loadAttempts);
  });
  void loadPayments();
  void loadAttempts();
  const card = node('article', { className: 'company' }, node('h3', { textContent: c.companyId }), node('p', {}, pay, ' ', refresh), result, node('h4', { textContent: w.payments }), node('table', { className: 'list' }, payments), notifyForm, node('h4', { textContent: w.attempts }), node('table', { className: 'list' }, attempts));
  card.dataset.companyId = c.companyId;
  return card;
}

async function loadCompanies() {
  const list = document.querySelector<HTMLElement>('[data-list="companies"]');
  if (!list) return;
  const r = await api<{ data: Company[]; apiUrl: string }>('GET', '/companies');
  if (!r.ok) return;
  const w = JSON.parse(list.dataset.words ?? '{}') as CompanyWords;
  list.replaceChildren(...r.data.data.map((c) => companyCard(c, w)));
  return r.data.apiUrl;
}

/** The plan order's code, then its state every two seconds until payee's notification has made it PAID. */
async function watchOrder(order: { outTradeNo: string; qrCode: string; qrImage: string }) {
  const box = document.getElementById('order')!;
  const w = JSON.parse(box.dataset.words ?? '{}') as { waiting: string; active: string };
  box.querySelector<HTMLImageElement>('[data-order="qr-image"]')!.src = order.qrImage;
  box.querySelector('[data-order="qr"]')!.textContent = order.qrCode;
  const state = box.querySelector<HTMLElement>('.order-state')!;
  state.textContent = w.waiting;
  box.hidden = false;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const r = await api<{ order: { status: string } }>('GET', `/plans/orders/${encodeURIComponent(order.outTradeNo)}`);
    if (r.ok && r.data.order.status === 'PAID') {
      state.textContent = w.active;
      state.classList.add('paid');
      return;
    }
  }
}

export async function start(): Promise<Member | null> {
  const { data } = await api<{ csrf: string; user: Member | null }>('GET', '/session');
  csrf = data.csrf;
  for (const input of document.querySelectorAll<HTMLInputElement>('[data-from-query]')) input.value = query.get(input.dataset.fromQuery!) ?? '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-query-error]')) el.hidden = !query.get('error')?.endsWith(el.dataset.queryError!);
  for (const el of document.querySelectorAll<HTMLElement>('[data-with-query]')) el.hidden = !query.has(el.dataset.withQuery!);
  for (const el of document.querySelectorAll<HTMLElement>('[data-without-query]')) el.hidden = query.has(el.dataset.withoutQuery!);
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-api]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    });
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-when]')) el.hidden = (el.dataset.when === 'member') !== Boolean(data.user);
  if (data.user) {
    fill(data.user);
    void loadCompanies();
  }
  document.getElementById('buy-plan')?.addEventListener('member:done', (e) => void watchOrder((e as CustomEvent<{ order: { outTradeNo: string; qrCode: string; qrImage: string } }>).detail.order));
  document.getElementById('create-company')?.addEventListener('member:done', (e) => {
    const { company } = (e as CustomEvent<{ company: { apiKey: string } }>).detail;
    void loadCompanies().then((apiUrl) => {
      document.querySelector('[data-new="env"]')!.textContent = `export PAYEE_URL=${apiUrl ?? ''} PAYEE_KEY=${company.apiKey}`;
      document.getElementById('new-key')!.hidden = false;
    });
  });
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
