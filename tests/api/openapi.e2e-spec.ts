import SwaggerParser from '@apidevtools/swagger-parser';
import { ERROR_STATUS } from '@haochaping/domain';
import { startTestApp, type TestApp } from '../support/test-app';

/* The OpenAPI document is the contract integrating systems and the mini-program's types use. */

type Schema = { $ref?: string; type?: string; format?: string; allOf?: Schema[] };
type Media = Record<string, { schema?: Schema }>;
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, { content?: Media }>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const ERROR_REF = '#/components/schemas/ErrorBody';
/** Operations that answer no 4xx: liveness only reports the database (503 with its own body). */
const NEVER_4XX = new Set(['HealthController_health']);

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  let operations: [string, Operation][];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI document', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(operations.length).toBeGreaterThanOrEqual(55);
  });

  it('documents a success body (JSON schema or binary file) for every operation', () => {
    const missing = operations
      .filter(([, op]) => {
        const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        return !ok.some(([, r]) =>
          Object.values(r.content ?? {}).some(
            (m) => m.schema && (m.schema.$ref || m.schema.allOf || m.schema.type),
          ),
        );
      })
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('documents the error body for the 4xx answers of every operation that can fail', () => {
    const missing = operations
      .filter(([, op]) => !NEVER_4XX.has(op.operationId))
      .filter(([, op]) => {
        const errors = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
        return (
          errors.length === 0 ||
          !errors.every(([, r]) => r.content?.['application/json']?.schema?.$ref === ERROR_REF)
        );
      })
      .map(([name]) => name);
    expect(missing).toEqual([]);
    const codes = (doc.components.schemas.ErrorCode as { enum?: string[] }).enum;
    expect(codes).toEqual(Object.keys(ERROR_STATUS));
  });

  it('documents 401 and 403 on every guarded operation', () => {
    const missing = operations
      .filter(([, op]) => op.security?.length)
      .filter(([, op]) => !op.responses['401'] || !op.responses['403'])
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('documents files as binary: xlsx/csv exports, QR codes and photos', () => {
    const binary = (path: string, types: string[]) => {
      const content = doc.paths[path].get.responses['200'].content ?? {};
      expect(Object.keys(content).sort()).toEqual([...types].sort());
      for (const type of types)
        expect(content[type].schema).toEqual({ type: 'string', format: 'binary' });
    };
    binary('/api/exports/monthly', [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    binary('/api/transactions/{id}/qrcode', ['image/svg+xml', 'image/png']);
    binary('/api/attachments/{id}', ['image/jpeg']);
  });

  it('types page and pageSize as integers, and pages as {items, total, page, pageSize}', () => {
    const paged = operations.filter(([, op]) => op.parameters?.some((p) => p.name === 'page'));
    expect(paged.length).toBeGreaterThanOrEqual(10);
    for (const [name, op] of paged) {
      for (const param of ['page', 'pageSize']) {
        const schema = op.parameters?.find((p) => p.name === param)?.schema;
        expect({ name, param, type: schema?.type }).toEqual({ name, param, type: 'integer' });
      }
      const schema = op.responses['200'].content?.['application/json'].schema;
      if (name === 'GET /api/scores') {
        // The contract's monthly answer ({month, …, rows}); a page of it adds the page fields.
        expect(schema).toEqual({ $ref: '#/components/schemas/ScoresResponse' });
        const props = (doc.components.schemas.ScoresResponse.properties ?? {}) as Record<
          string,
          Schema
        >;
        for (const field of ['total', 'page', 'pageSize'])
          expect(props[field]?.type).toBe('integer');
        continue;
      }
      expect(schema?.allOf?.[0]).toEqual({ $ref: '#/components/schemas/PageMeta' });
    }
    expect(Object.keys(doc.components.schemas.PageMeta.properties ?? {})).toEqual([
      'total',
      'page',
      'pageSize',
    ]);
  });

  it('matches what an endpoint really answers (settings, a sample)', async () => {
    const res = await t.http
      .get('/api/settings')
      .set('Authorization', await t.adminToken())
      .expect(200);
    const documented = Object.keys(doc.components.schemas.SettingsResponse.properties ?? {});
    expect(Object.keys(res.body as object).sort()).toEqual(documented.sort());
  });
});
