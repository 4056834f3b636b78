import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LevelOptions } from '@haochaping/domain';
import { DateTimeColumn } from '../../database/columns';

/** A version of the rating form's option tags. Ratings keep the version they were made with. */
@Entity('rating_option_versions')
export class RatingOptionVersion {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'simple-json' })
  levels!: LevelOptions[];

  @DateTimeColumn()
  createdAt!: Date;
}
