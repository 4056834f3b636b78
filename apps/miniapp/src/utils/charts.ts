/**
 * Charts as SVG text: one builder for H5 (inline <svg>) and weapp (an image of the same SVG).
 * Pure functions of the numbers, so the drawing is tested without a browser.
 */

export interface Series {
  name: string;
  colour: string;
  /** One value per label, null where there is nothing to draw (a month without ratings). */
  values: (number | null)[];
  /** How a value reads on the axis and in the summary: 92.5 → "92.5", 0.97 → "97%". */
  format: (v: number) => string;
  /** The series' own scale: [min, max]. */
  range: [number, number];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FONT = `font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"`;

/**
 * A line chart of up to two series over the same labels (months), each on its own scale: the
 * first on the left axis, the second on the right. Gaps where a value is null.
 */
export function lineChartSvg(labels: string[], series: Series[], title: string): string {
  const width = 640;
  const height = 320;
  const left = 64;
  const right = 64;
  const top = 52;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) =>
    left + (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (s: Series, v: number) => {
    const [lo, hi] = s.range;
    const t = hi === lo ? 0.5 : (v - lo) / (hi - lo);
    return top + plotH - Math.max(0, Math.min(1, t)) * plotH;
  };
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" ${FONT}>`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  // Grid: four lines, labelled with the first series' scale on the left, the second's on the right.
  for (let g = 0; g <= 4; g++) {
    const gy = top + (g * plotH) / 4;
    parts.push(
      `<line x1="${left}" y1="${gy}" x2="${width - right}" y2="${gy}" stroke="#e1e4ea" stroke-width="1"/>`,
    );
    series.slice(0, 2).forEach((s, si) => {
      const [lo, hi] = s.range;
      const v = hi - ((hi - lo) * g) / 4;
      const tx = si === 0 ? left - 8 : width - right + 8;
      parts.push(
        `<text x="${tx}" y="${gy + 6}" font-size="18" fill="${s.colour}" text-anchor="${si === 0 ? 'end' : 'start'}">${esc(s.format(v))}</text>`,
      );
    });
  }
  labels.forEach((label, i) => {
    // Every label when they fit, else every other one counted back from the last (this month).
    if (labels.length > 8 && (labels.length - 1 - i) % 2 === 1) return;
    parts.push(
      `<text x="${x(i)}" y="${height - bottom + 28}" font-size="18" fill="#444" text-anchor="middle">${esc(label)}</text>`,
    );
  });
  series.forEach((s, si) => {
    let path = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(s, v).toFixed(1)} `;
      pen = true;
    });
    if (path)
      parts.push(
        `<path d="${path.trim()}" fill="none" stroke="${s.colour}" stroke-width="3" stroke-linejoin="round"/>`,
      );
    s.values.forEach((v, i) => {
      if (v !== null)
        parts.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${y(s, v).toFixed(1)}" r="4" fill="${s.colour}"/>`,
        );
    });
    // Legend along the top.
    const lx = left + si * 220;
    parts.push(
      `<rect x="${lx}" y="14" width="24" height="6" fill="${s.colour}"/><text x="${lx + 32}" y="24" font-size="20" fill="#222">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, longest first as given, each with its count at its end. */
export function barChartSvg(bars: Bar[], title: string, colour = '#c7000b'): string {
  const width = 640;
  const rowH = 44;
  const labelW = 220;
  const top = 8;
  const height = top * 2 + Math.max(1, bars.length) * rowH;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = width - labelW - 72;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" ${FONT}>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(2, (b.value / max) * plotW);
    const label = b.label.length > 9 ? `${b.label.slice(0, 8)}…` : b.label;
    parts.push(
      `<text x="${labelW - 10}" y="${y + 29}" font-size="20" fill="#222" text-anchor="end">${esc(label)}</text>`,
      `<rect x="${labelW}" y="${y + 6}" width="${w.toFixed(1)}" height="${rowH - 12}" rx="3" fill="${colour}"/>`,
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 29}" font-size="20" fill="#222">${b.value}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The same SVG as an image source, for weapp's <Image>. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
