import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { RATING_LIMITS } from '@haochaping/domain';
import { type EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AttachmentLink, type AttachmentOwner } from './entities/attachment-link.entity';
import { Attachment } from './entities/attachment.entity';
import { detectImageType } from './image-type';
import { imageVariant, type ImageSize } from './image-variants';
import { Clock } from '../common/clock';

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export interface AttachmentView {
  id: number;
  mime: string;
  size: number;
}

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
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    @InjectRepository(AttachmentLink) private readonly links: Repository<AttachmentLink>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores an image under DATA_DIR/uploads by content hash; identical photos share one file. */
  async store(bytes: Buffer): Promise<AttachmentView> {
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
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf({ sha256, mime });
    if (!existsSync(path)) {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    const saved = await this.attachments.save(
      this.attachments.create({ sha256, mime, size: bytes.length, createdAt: this.clock.now() }),
    );
    return { id: saved.id, mime: saved.mime, size: saved.size };
  }

  /** Refuses ids that were never uploaded, with the field that named them. */
  async requireAll(ids: number[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.attachments.countBy({ id: In(ids) });
    if (found !== new Set(ids).size) throw invalidField(field, 'unknown attachment id');
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
