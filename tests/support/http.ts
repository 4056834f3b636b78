/** supertest parser that keeps a binary body (xlsx, png) as one Buffer: `.buffer(true).parse(binary)`. */
export const binary = (
  res: { on(event: string, listener: (chunk?: Buffer) => void): void },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
