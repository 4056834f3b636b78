import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsMonth, IsQueryId } from '../../common/validators';

export class BadTagsQuery {
  @ApiProperty({ example: '2026-11', description: 'Month the ratings were given (China time)' })
  @IsMonth()
  month!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: "All departments when left out; a department handler always gets its own's",
  })
  @IsQueryId()
  departmentId?: number;
}
