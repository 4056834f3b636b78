import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '../../common/pagination.dto';
import { IsQueryId } from '../../common/validators';

export class WindowTransactionsQuery extends PaginationQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "A window clerk's list is its own window's: leave it out, or another window's id is 404",
  })
  @IsQueryId()
  windowId?: number;
}
