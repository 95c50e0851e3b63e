/** The status page's figures: /status.json drawn into tables and daily bars (text only, never markup from the data). */
import type { GatewayView } from '../../lib/status/gateway-view.ts';
import type { Series, Status } from '../../lib/status/summary.ts';

type Words = {
  lang: string;
  unavailable: string;
  updated: string;
  channels: string;
  apis: string;
  columns: Record<'name' | 'state' | 'h24' | 'd7' | 'd90' | 'p50' | 'p95' | 'p99' | 'days', string>;
  states: Record<Series['state'], string>;
  incidents: string;
  noIncidents: string;
  ongoing: string;
  gateway: { title: string; intro: string; unavailable: string; today: string; d7: string; columns: Record<'name' | 'rate' | 'p50' | 'p95', string> };
};

const root = document.getElementById('status');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);
const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);

function bars(days: Series['days']): HTMLElement {
  const wrap = el('div', undefined, { class: 'bars', role: 'img', 'aria-label': days.map((d) => `${d.day} ${d.ok}/${d.total}`).join(', ') });
  for (const d of days) {
    const level = d.total === 0 ? 'none' : d.ok === d.total ? 'ok' : d.ok / d.total >= 0.95 ? 'some' : 'bad';
    wrap.append(el('span', undefined, { class: `bar ${level}`, title: `${d.day}: ${d.ok}/${d.total}` }));
  }
  return wrap;
}

function table(title: string, rows: (Series & { name: string })[], w: Words, time: Intl.DateTimeFormat): HTMLElement {
  const section = el('section');
  section.append(el('h2', title));
  const t = el('table', undefined, { class: 'status' });
  const head = el('tr');
  for (const k of ['name', 'state', 'h24', 'd7', 'd90', 'p50', 'p95', 'p99', 'days'] as const) head.append(el('th', w.columns[k]));
  t.appendChild(el('thead')).append(head);
  const body = t.appendChild(el('tbody'));
  for (const r of rows) {
    const tr = el('tr', undefined, { 'data-name': r.name, 'data-state': r.state });
    tr.append(el('td', r.name), el('td', w.states[r.state], { class: `state ${r.state}` }));
    tr.append(el('td', pct(r.uptime.h24)), el('td', pct(r.uptime.d7)), el('td', pct(r.uptime.d90)));
    tr.append(el('td', ms(r.latencyMs.p50)), el('td', ms(r.latencyMs.p95)), el('td', ms(r.latencyMs.p99)));
    tr.appendChild(el('td')).append(bars(r.days));
    body.append(tr);
  }
  section.append(t);
  const incidents = rows.flatMap((r) => r.incidents.map((i) => ({ ...i, name: r.name })));
  section.append(el('h3', w.incidents));
  if (incidents.length === 0) section.append(el('p', w.noIncidents, { class: 'no-incidents' }));
  else {
    const list = section.appendChild(el('ul', undefined, { class: 'incidents' }));
    for (const i of incidents) {
      list.append(el('li', `${i.name}: ${time.format(new Date(i.from))} – ${i.to ? time.format(new Date(i.to)) : w.ongoing} (${i.failedChecks}) ${i.error}`));
    }
  }
  return section;
}

/** A latency bucket's upper bound; the last bucket has none. */
function bound(v: number | null): string {
  if (v === null) return '—';
  if (v > 86_400_000) return '> 24 h';
  if (v < 1000) return `≤ ${v} ms`;
  if (v < 60_000) return `≤ ${v / 1000} s`;
  return v < 3_600_000 ? `≤ ${v / 60_000} min` : `≤ ${v / 3_600_000} h`;
}

/** The gateway's view: per channel, today and the last 7 days, success rate (paid/created) and callback latency. */
function gatewayTable(view: GatewayView | null, w: Words): HTMLElement {
  const g = w.gateway;
  const section = el('section', undefined, { id: 'gateway-view' });
  section.append(el('h2', g.title), el('p', g.intro, { class: 'note' }));
  if (!view) {
    section.append(el('p', g.unavailable, { class: 'note unavailable' }));
    return section;
  }
  const t = el('table', undefined, { class: 'status gateway' });
  const thead = t.appendChild(el('thead'));
  const top = thead.appendChild(el('tr'));
  top.append(el('th'), el('th', `${g.today} ${view.to}`, { colspan: '3' }), el('th', `${g.d7} ${view.from} – ${view.to}`, { colspan: '3' }));
  const head = thead.appendChild(el('tr'));
  head.append(el('th', g.columns.name));
  for (let i = 0; i < 2; i++) head.append(el('th', g.columns.rate), el('th', g.columns.p50), el('th', g.columns.p95));
  const body = t.appendChild(el('tbody'));
  for (const c of view.channels) {
    const tr = body.appendChild(el('tr', undefined, { 'data-gateway': c.channel }));
    tr.append(el('td', c.channel));
    for (const win of [c.today, c.d7]) {
      tr.append(el('td', win.successRate === null ? '—' : `${pct(win.successRate)} (${win.succeeded}/${win.created})`), el('td', bound(win.callbackP50Ms)), el('td', bound(win.callbackP95Ms)));
    }
  }
  section.append(t);
  return section;
}

async function show(): Promise<void> {
  if (!root) return;
  const w = JSON.parse(root.dataset.words ?? '{}') as Words;
  const time = new Intl.DateTimeFormat(w.lang, { dateStyle: 'medium', timeStyle: 'medium' });
  let status: Status;
  try {
    const res = await fetch('/status.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    status = (await res.json()) as Status;
  } catch {
    root.replaceChildren(el('p', w.unavailable, { class: 'note' }));
    return;
  }
  root.replaceChildren(
    el('p', `${w.updated} ${time.format(new Date(status.generatedAt))}`, { class: 'updated' }),
    table(w.channels, status.channels.map((c) => ({ ...c, name: c.channel })), w, time),
    table(w.apis, status.apis.map((a) => ({ ...a, name: a.api })), w, time),
    gatewayTable(status.gateway, w),
  );
}

void show();
setInterval(() => void show(), 60_000);
