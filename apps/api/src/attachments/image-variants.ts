import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError, notFound } from '../common/domain-error';

export const IMAGE_SIZES = ['full', 'thumb'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** Longest side in pixels of each variant; smaller photos are not enlarged. */
export const LONGEST_SIDE: Readonly<Record<ImageSize, number>> = { full: 2048, thumb: 320 };

const QUALITY: Readonly<Record<ImageSize, number>> = { full: 82, thumb: 70 };

/**
 * A decompression bomb (a small file of a huge, flat image) is refused before it is decoded:
 * 50 megapixels is above any phone photo that fits in the 5 MB upload limit.
 */
const MAX_INPUT_PIXELS = 50_000_000;

/** Bump when the encoding changes, so variants cached by the old one are not served. */
const VERSION = 1;

/** Where the variant of an original is cached: beside it, named by the original's name. */
export function variantPath(originalPath: string, size: ImageSize): string {
  return originalPath.replace(/\.[a-z]+$/, `.${size}.v${VERSION}.jpg`);
}

/**
 * Photos are never shown as uploaded: each is decoded and re-encoded as a plain JPEG — EXIF
 * orientation applied, then every metadata block dropped (GPS position, camera, thumbnails), and
 * any bytes that were not image data left behind. Each variant is made once and kept on disk.
 */
export async function imageVariant(originalPath: string, size: ImageSize): Promise<Buffer> {
  const cached = variantPath(originalPath, size);
  const hit = await readFile(cached).catch(() => null);
  if (hit) return hit;

  const original = await readFile(originalPath).catch(() => null);
  if (!original) throw notFound('Attachment');
  const longest = LONGEST_SIDE[size];
  let jpeg: Buffer;
  // Loaded with the first photo shown, not at start-up (docs/benchmarks.md, change 17).
  const { default: sharp } = await import('sharp');
  try {
    jpeg = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true })
      // Transparency has no place in a JPEG: transparent pixels become white, not black.
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: QUALITY[size] })
      .toBuffer();
  } catch {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The stored file cannot be decoded as an image',
    );
  }
  // Write then rename: a parallel reader sees the whole variant or none.
  await mkdir(dirname(cached), { recursive: true });
  const temp = `${cached}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, jpeg);
  await rename(temp, cached);
  return jpeg;
}
