import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A citizen's answers to requestSubscribeMessage for one template: each "accept" of a one-time
 * subscription allows one message, so `remaining` counts the messages still allowed.
 */
@Entity('wechat_subscriptions')
@Index(['citizenId', 'templateId'], { unique: true })
export class WechatSubscription {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  citizenId!: number;

  @Column({ type: 'varchar', length: 64 })
  templateId!: string;

  @Column({ type: 'int', default: 0 })
  remaining!: number;

  /** The last answer: true accepted, false refused. */
  @Column({ type: 'boolean' })
  lastAccepted!: boolean;

  @DateTimeColumn()
  answeredAt!: Date;
}
