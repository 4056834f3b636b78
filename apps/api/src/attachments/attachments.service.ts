import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { RATING_LIMITS } from '@haochaping/domain';
import { type EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DomainError, invalidField, notFound, retryLater } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AttachmentLink, type AttachmentOwner } from './entities/attachment-link.entity';
import { Attachment } from './entities/attachment.entity';
import { detectImageType } from './image-type';
import { imageVariant, type ImageSize } from './image-variants';
import { Clock } from '../common/clock';
import { UploadQuota } from './upload-quota';

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export interface AttachmentView {
  id: number;
  mime: string;
  size: number;
  /** Shown once, to the uploader: a rating, complaint or appeal names the photo with id + key. */
  key: string;
}

/** Uploads nothing references are deleted after this long. */
export const UNREFERENCED_UPLOAD_TTL_MS = 24 * 60 * 60_000;

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** What references a set of photos: a rating, complaint or appeal, its department and ticket. */
export interface AttachmentOwnerRef {
  ownerType: AttachmentOwner;
  ownerId: number;
  departmentId: number;
  ticketId: number | null;
}

/**
 * Who may see a photo, from the links to what references it: supervisors and admins any
 * referenced photo, a department handler those behind a ticket of its own department; window
 * clerks (rated staff never see the rater's evidence) and everyone else none.
 */
export function mayViewAttachment(links: AttachmentLink[], principal: Principal): boolean {
  if (principal.kind !== 'staff') return false;
  switch (principal.role) {
    case 'admin':
    case 'supervisor':
      return links.length > 0;
    case 'department':
      return links.some((l) => l.ticketId !== null && l.departmentId === principal.departmentId);
    case 'window':
      return false;
  }
}

@Injectable()
export class AttachmentsService {
  private readonly quota: UploadQuota;

  constructor(
    private readonly clock: Clock,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    @InjectRepository(AttachmentLink) private readonly links: Repository<AttachmentLink>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.quota = new UploadQuota(config.uploadQuotaBytesPerHour);
  }

  /** 429 once `address` has used its hourly upload quota (asked before the body is read, too). */
  checkQuota(address: string, bytes = 1): void {
    const waitMs = this.quota.waitFor(address, bytes, this.clock.nowMs());
    if (waitMs > 0) {
      throw retryLater(
        'RATE_LIMITED',
        'Upload quota of this address used up for this hour; try again later',
        waitMs / 1000,
      );
    }
  }

  /** Stores an image under DATA_DIR/uploads by content hash; identical photos share one file. */
  async store(bytes: Buffer, address: string): Promise<AttachmentView> {
    if (bytes.length === 0) throw invalidField('file', 'the file is empty');
    if (bytes.length > RATING_LIMITS.attachmentBytesMax) {
      throw new DomainError('PAYLOAD_TOO_LARGE', 'Photos may be at most 5 MB');
    }
    const mime = detectImageType(bytes);
    if (!mime) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Only JPEG, PNG and WebP photos are accepted',
      );
    }
    this.checkQuota(address, bytes.length);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf({ sha256, mime });
    if (!existsSync(path)) {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    const key = randomBytes(18).toString('base64url');
    const saved = await this.attachments.save(
      this.attachments.create({
        sha256,
        mime,
        size: bytes.length,
        uploadKeyHash: hashKey(key).toString('hex'),
        createdAt: this.clock.now(),
      }),
    );
    this.quota.take(address, bytes.length, this.clock.nowMs());
    return { id: saved.id, mime: saved.mime, size: saved.size, key };
  }

  /**
   * Each id must come with the key its upload answered, at the same position of `keys`: ids are
   * sequential, and a photo is the evidence of the one who took it. An unknown id and a wrong or
   * missing key are refused alike (400 on attachmentIds), so neither tells the other apart.
   */
  async requireOwned(ids: number[], keys: string[] | undefined): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.attachments.findBy({ id: In(ids) });
    const byId = new Map(found.map((a) => [a.id, a]));
    const owned = ids.every((id, i) => {
      const stored = byId.get(id)?.uploadKeyHash;
      const key = keys?.[i];
      if (!stored || typeof key !== 'string') return false;
      return timingSafeEqual(Buffer.from(stored, 'hex'), hashKey(key));
    });
    if (!owned) {
      throw invalidField(
        'attachmentIds',
        'unknown attachment id, or its attachmentKeys entry (the key its upload answered) is missing or wrong',
      );
    }
  }

  /**
   * Deletes uploads nothing references that are older than `before`, at most `limit`, with their
   * files once no other upload shares the content. The DELETE re-checks "unreferenced" itself, so
   * a rating linking a photo at the same moment keeps it.
   */
  async deleteUnreferenced(before: Date, limit = 200): Promise<number> {
    const candidates = await this.attachments
      .createQueryBuilder('a')
      .leftJoin(AttachmentLink, 'l', 'l.attachmentId = a.id')
      .where('a.createdAt < :before AND l.id IS NULL', { before })
      .orderBy('a.id')
      .limit(limit)
      .getMany();
    if (candidates.length === 0) return 0;
    const ids = candidates.map((a) => a.id);
    const deleted = await this.attachments
      .createQueryBuilder()
      .delete()
      .from(Attachment)
      .where('id IN (:...ids)', { ids })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM attachment_links l WHERE l.attachmentId = attachments.id)',
      )
      .execute();
    const gone = await this.attachments.findBy({ id: In(ids) });
    const kept = new Set(gone.map((a) => a.id));
    for (const a of candidates.filter((c) => !kept.has(c.id))) {
      if (await this.attachments.existsBy({ sha256: a.sha256 })) continue; // the same photo again
      await this.removeFiles(a);
    }
    return deleted.affected ?? candidates.length - kept.size;
  }

  /** The original and every variant made from it (same name, other suffixes). */
  private async removeFiles(a: Pick<Attachment, 'sha256' | 'mime'>): Promise<void> {
    const original = this.pathOf(a);
    const dir = dirname(original);
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.startsWith(a.sha256))
        .map((name) => rm(join(dir, name), { force: true })),
    );
  }

  /**
   * Records that an owner carries these photos, inside the owner's own database transaction, so
   * a photo becomes visible to staff exactly when what references it exists.
   */
  async link(em: EntityManager, attachmentIds: number[], owner: AttachmentOwnerRef): Promise<void> {
    if (attachmentIds.length === 0) return;
    const createdAt = this.clock.now();
    await em.insert(
      AttachmentLink,
      [...new Set(attachmentIds)].map((attachmentId) => ({ attachmentId, ...owner, createdAt })),
    );
  }

  /**
   * A photo re-encoded for staff, or its thumbnail: 404 for an unknown id, an upload nothing
   * references, and anything outside the caller's scope alike — existence never leaks.
   */
  async image(id: number, size: ImageSize, principal: Principal): Promise<Buffer> {
    const links = await this.links.findBy({ attachmentId: id });
    const attachment = mayViewAttachment(links, principal)
      ? await this.attachments.findOneBy({ id })
      : null;
    if (!attachment) throw notFound('Attachment');
    return imageVariant(this.pathOf(attachment), size);
  }

  /** The original file: DATA_DIR/uploads/<first two hex digits>/<sha256>.<extension>. */
  private pathOf(a: Pick<Attachment, 'sha256' | 'mime'>): string {
    const extension = EXTENSION[a.mime as keyof typeof EXTENSION] ?? 'bin';
    return join(this.config.dataDir, 'uploads', a.sha256.slice(0, 2), `${a.sha256}.${extension}`);
  }
}
