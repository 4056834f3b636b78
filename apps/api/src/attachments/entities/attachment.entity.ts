import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** An uploaded photo; the file lives under DATA_DIR/uploads, named by its SHA-256. */
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

  @DateTimeColumn()
  createdAt!: Date;
}
