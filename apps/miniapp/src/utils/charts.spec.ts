import { barChartSvg, lineChartSvg, svgDataUri } from './charts';

describe('charts drawn as SVG', () => {
  const series = {
    name: '综合得分',
    colour: '#1a5fb4',
    format: (v: number) => v.toFixed(0),
    range: [60, 100] as [number, number],
  };

  it('draws one point per value, leaves a gap for a month without ratings, and names itself', () => {
    const svg = lineChartSvg(
      ['9月', '10月', '11月'],
      [{ ...series, values: [80, null, 100] }],
      '全中心<趋势>',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="全中心&lt;趋势&gt;"');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    // Two separate strokes: the null breaks the line.
    const path = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).not.toContain('L');
    // 100 on a 60–100 scale is the top of the plot (y = 52), 80 its middle (y = 52 + 224 / 2).
    expect(svg).toContain('cy="52.0"');
    expect(svg).toContain('cy="164.0"');
  });

  it('draws bars in proportion, the longest for the largest count', () => {
    const svg = barChartSvg(
      [
        { label: '等候时间长', value: 4 },
        { label: '服务态度差', value: 2 },
      ],
      '差评标签',
    );
    const widths = [...svg.matchAll(/<rect x="220" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeCloseTo(widths[1] * 2, 1);
    expect(svg).toContain('>等候时间长<');
  });

  it('makes an image source of the same drawing for weapp', () => {
    expect(svgDataUri('<svg a="1"/>')).toBe(
      'data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E',
    );
  });
});
