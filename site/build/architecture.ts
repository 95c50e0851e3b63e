/** The architecture picture of the home page: an inline SVG, so it needs no request and takes the page's language. */
import { STRINGS, type Lang } from './content.ts';
import { esc } from './layout.ts';

export function architectureSvg(lang: Lang): string {
  const a = STRINGS[lang].home.arch;
  // A label with ' · ' in it is drawn as two lines, half its parts on each.
  const box = (x: number, y: number, w: number, h: number, label: string, cls = 'box') => {
    const parts = label.split(' · ');
    const half = Math.ceil(parts.length / 2);
    const lines = parts.length > 1 ? [parts.slice(0, half).join(' · '), parts.slice(half).join(' · ')] : parts;
    const text = lines.map((l, i) => `<tspan x="${x + w / 2}" y="${y + h / 2 + 5 + (i - (lines.length - 1) / 2) * 16}">${esc(l)}</tspan>`).join('');
    return `<g class="${cls}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8"/><text text-anchor="middle">${text}</text></g>`;
  };
  const arrow = (x1: number, y1: number, x2: number, y2: number, label = '') =>
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"/>${label ? `<text class="edge" x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 6}" text-anchor="middle">${esc(label)}</text>` : ''}`;
  return `<svg class="architecture" viewBox="0 0 860 330" role="img" aria-labelledby="arch-title">
<title id="arch-title">${esc(STRINGS[lang].home.architectureTitle)}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>
<rect class="account" x="190" y="10" width="480" height="310" rx="12"/><text class="account-label" x="205" y="32">${esc(a.yourAccount)}</text>
${box(10, 130, 150, 50, a.merchant, 'box outside')}
${box(220, 130, 130, 50, a.apiGateway)}
${box(390, 130, 130, 50, a.functions)}
${box(540, 60, 115, 50, a.table)}
${box(540, 200, 115, 50, a.queues)}
${box(375, 250, 160, 50, a.scheduled)}
${box(700, 125, 150, 60, a.providers, 'box outside')}
${arrow(160, 150, 218, 150, 'HTTPS')}
${arrow(350, 155, 388, 155)}
${arrow(520, 145, 538, 95)}
${arrow(520, 165, 538, 215)}
${arrow(455, 250, 455, 182)}
${arrow(522, 150, 698, 150)}
${arrow(698, 170, 658, 215, 'callbacks')}
<path d="M420 182 V215 H85 V182" fill="none" marker-end="url(#arrow)"/><text class="edge" x="300" y="210" text-anchor="middle">${esc(a.notify)}</text>
</svg>`;
}
