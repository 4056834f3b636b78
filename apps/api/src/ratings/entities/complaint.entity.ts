import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** 投诉 about a transaction; each opens a ticket for the department that handled it. */
@Entity('complaints')
export class Complaint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  transactionId!: number;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  contactPhoneEnc!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  contactPhoneMasked!: string | null;

  @Column({ type: 'simple-json' })
  attachmentIds!: number[];

  @Index()
  @Column({ type: 'int', nullable: true })
  citizenId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @DateTimeColumn()
  createdAt!: Date;
}
