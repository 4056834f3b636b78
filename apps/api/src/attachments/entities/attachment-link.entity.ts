import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

export const ATTACHMENT_OWNERS = ['rating', 'complaint', 'appeal'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

/**
 * A photo as evidence of a rating, a complaint or a ticket appeal, written with its owner in the
 * same database transaction. Staff see a photo only through such a link (GET
 * /api/attachments/:id): an upload nobody references is shown to no one. The owner's department
 * and ticket are kept here so that check is one indexed look-up, not a search of JSON columns.
 */
@Entity('attachment_links')
export class AttachmentLink {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  attachmentId!: number;

  @Column({ type: 'varchar', length: 16 })
  ownerType!: AttachmentOwner;

  @Column({ type: 'int' })
  ownerId!: number;

  /** The department that handled the transaction (and owns its ticket). */
  @Column({ type: 'int' })
  departmentId!: number;

  /** The ticket the owner belongs to; null for a rating that opened none (levels 3–5). */
  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  @DateTimeColumn()
  createdAt!: Date;
}
