import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { RATING_LIMITS } from '@haochaping/domain';
import { In, Repository } from 'typeorm';
import { DomainError, invalidField } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Attachment } from './entities/attachment.entity';
import { detectImageType } from './image-type';
import { Clock } from '../common/clock';

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export interface AttachmentView {
  id: number;
  mime: string;
  size: number;
}

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
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
    const dir = join(this.config.dataDir, 'uploads', sha256.slice(0, 2));
    const path = join(dir, `${sha256}.${EXTENSION[mime]}`);
    if (!existsSync(path)) {
      await mkdir(dir, { recursive: true });
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
}
