/**
 * PNG preview of decoded receipt items, as the paper would look: text in a 12-dot monospace grid
 * (font A), reverse video as white on black, raster images and QR codes drawn dot for dot. sharp
 * and qrcode load with the first preview, not with the dev kiosk (≈ 38 MB of its idle RSS).
 */
import type { DecodedItem, Span } from './decode-commands.ts';

const LINE = 30;
const TALL_LINE = 54;
const COLUMN = 12;
const MARGIN = 16;

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function grayPng(
  width: number,
  height: number,
  dot: (x: number, y: number) => boolean,
): Promise<string> {
  const raw = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * width + x] = dot(x, y) ? 0 : 255;
  const { default: sharp } = await import('sharp');
  const png = await sharp(raw, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function textLine(spans: readonly Span[], y: number): string {
  const tall = spans.some((s) => s.tall);
  const height = tall ? TALL_LINE : LINE;
  let x = 0;
  let out = '';
  for (const span of spans) {
    const chars = [...span.text];
    const w = chars.length * COLUMN;
    if (span.invert) out += `<rect x="${MARGIN + x}" y="${y}" width="${w}" height="${height}" fill="#000"/>`;
    const baseline = span.tall ? (height - 12) / 2 : height - 8;
    const transform = span.tall ? `translate(0 ${y}) scale(1 2)` : `translate(0 ${y})`;
    out +=
      `<text transform="${transform}" x="${MARGIN + x}" y="${baseline}" font-family="DejaVu Sans Mono" font-size="20"` +
      `${span.bold ? ' font-weight="bold"' : ''}${span.underline ? ' text-decoration="underline"' : ''}` +
      ` fill="${span.invert ? '#fff' : '#000'}" xml:space="preserve">${xml(span.text)}</text>`;
    x += w;
  }
  return out;
}

export async function renderPreview(items: readonly DecodedItem[], widthDots: number): Promise<Buffer> {
  const [{ default: QRCode }, { default: sharp }] = await Promise.all([import('qrcode'), import('sharp')]);
  let y = MARGIN;
  const parts: string[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'line': {
        const spans = item.spans.filter((s) => s.text.length);
        if (spans.length) parts.push(textLine(spans, y));
        y += spans.some((s) => s.tall) ? TALL_LINE : LINE;
        break;
      }
      case 'raster': {
        const bytesPerRow = item.width / 8;
        const href = await grayPng(item.width, item.height, (x, yy) => {
          const byte = item.bits[yy * bytesPerRow + (x >> 3)] ?? 0;
          return ((byte >> (7 - (x & 7))) & 1) === 1;
        });
        parts.push(
          `<image x="${MARGIN}" y="${y}" width="${item.width}" height="${item.height}" href="${href}"/>`,
        );
        y += item.height;
        break;
      }
      case 'qr': {
        const qr = QRCode.create(item.data, { errorCorrectionLevel: item.errorLevel });
        const modules = qr.modules.size;
        const quiet = 4;
        const px = (modules + 2 * quiet) * item.moduleSize;
        const href = await grayPng(px, px, (x, yy) => {
          const mx = Math.floor(x / item.moduleSize) - quiet;
          const my = Math.floor(yy / item.moduleSize) - quiet;
          return mx >= 0 && my >= 0 && mx < modules && my < modules && qr.modules.get(my, mx) === 1;
        });
        parts.push(`<image x="${MARGIN}" y="${y}" width="${px}" height="${px}" href="${href}"/>`);
        y += px;
        break;
      }
      case 'cut':
        y += LINE / 2;
        parts.push(
          `<line x1="0" y1="${y}" x2="${widthDots + 2 * MARGIN}" y2="${y}" stroke="#888" stroke-dasharray="8 6" stroke-width="2"/>`,
        );
        y += LINE / 2;
        break;
      case 'marker':
        parts.push(
          `<text x="${MARGIN}" y="${y + LINE - 8}" font-family="DejaVu Sans Mono" font-size="16" fill="#c00">${xml(item.text)}</text>`,
        );
        y += LINE;
        break;
    }
  }
  const width = widthDots + 2 * MARGIN;
  const height = Math.max(y + MARGIN, 2 * MARGIN);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  return sharp(Buffer.from(svg), { limitInputPixels: false }).png().toBuffer();
}
