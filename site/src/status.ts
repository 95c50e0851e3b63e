/** The status page's figures: /status.json drawn into tables and daily bars (text only, never markup from the data). */
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
  );
}

void show();
setInterval(() => void show(), 60_000);
