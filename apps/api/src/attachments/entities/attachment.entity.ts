import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * An uploaded photo; the file lives under DATA_DIR/uploads, named by its SHA-256. Ids are
 * sequential, so referencing one also takes the upload key answered to the uploader (kept here
 * as its SHA-256): nobody attaches a photo someone else uploaded. Nothing references it within
 * 24 h → deleted (jobs/attachment-cleanup.job.ts).
 */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 32 })
  mime!: string;

  @Column({ type: 'int' })
  size!: number;

  /** SHA-256 (hex) of the upload key; null for uploads made before keys existed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  uploadKeyHash!: string | null;

  @Index()
  @DateTimeColumn()
  createdAt!: Date;
}
