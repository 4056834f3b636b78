import { exceedsDepth, IMMUTABLE, setStaticCacheHeaders } from './http-hardening';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('body depth limit', () => {
  it('counts a flat object as depth 1 and refuses only what is deeper than the limit', () => {
    expect(exceedsDepth({ a: 1 }, 1)).toBe(false);
    expect(exceedsDepth({ a: { b: 1 } }, 1)).toBe(true);
    expect(exceedsDepth(nested(32), 32)).toBe(false);
    expect(exceedsDepth(nested(33), 32)).toBe(true);
    expect(exceedsDepth({ ok: [1, 2, { x: 'y' }], deep: nested(40) }, 32)).toBe(true);
  });

  it('leaves scalars and null alone and survives nesting far beyond the call stack', () => {
    for (const value of [null, undefined, 1, 'text', true])
      expect(exceedsDepth(value, 1)).toBe(false);
    expect(exceedsDepth(nested(200_000), 32)).toBe(true);
  });
});

describe('H5 cache headers', () => {
  const headerFor = (path: string) => {
    const headers: Record<string, string> = {};
    setStaticCacheHeaders(
      {
        setHeader: (name: string, value: string) => {
          headers[name] = value;
        },
      } as unknown as Parameters<typeof setStaticCacheHeaders>[0],
      path,
    );
    return headers['cache-control'];
  };

  it('caches content-hashed build files for a year and revalidates everything else', () => {
    expect(headerFor('/srv/h5/js/app.1a2b3c4d.js')).toBe(IMMUTABLE);
    expect(headerFor('/srv/h5/css/index.0f9e8d7c.css')).toBe(IMMUTABLE);
    expect(headerFor('/srv/h5/js/vendors-5a6b7c8d.js')).toBe(IMMUTABLE);
    expect(headerFor('/srv/h5/index.html')).toBe('no-cache');
    expect(headerFor('/srv/h5/static/images/logo.png')).toBe('no-cache');
    expect(headerFor('/srv/h5/js/location.js')).toBe('no-cache');
  });
});
