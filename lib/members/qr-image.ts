/**
 * The payment code as a scannable image: an SVG QR code (qrcode-generator, error correction M) as
 * a data URL, which the page shows in an <img> — no markup of ours enters the page's DOM.
 */
import qrcode from 'qrcode-generator';

export function qrImage(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
