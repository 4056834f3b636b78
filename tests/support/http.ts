import type { IncomingMessage } from 'node:http';

/** supertest parser that keeps a binary body (xlsx, png) as one Buffer: `.buffer(true).parse(binary)`. */
export const binary = (
  res: { on(event: string, listener: (chunk?: Buffer) => void): void },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The whole body of a request a local fake server received, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
