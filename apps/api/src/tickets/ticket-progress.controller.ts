import { Body, Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { ApiErrors } from '../common/api-docs';
import { RateLimit } from '../common/rate-limit.guard';
import { TokenAcceptanceDto } from './dto/ticket-progress.dto';
import { RatingProgressResponse, TicketProgressResponse } from './dto/ticket-progress.response';
import { TicketProgressService, type RatingProgress } from './ticket-progress.service';
import type { TicketProgress } from './ticket-progress.view';
import { ActionRoute } from '../common/routes';

/** The citizen's side of a ticket, opened by the rating token: no account needed. */
@ApiTags('citizen')
@Controller('rating-forms/:token')
export class TicketProgressController {
  constructor(private readonly progress: TicketProgressService) {}

  @Public()
  @RateLimit('rating-forms')
  @Get('progress')
  @ApiOperation({
    summary:
      'What became of the rating and complaint of this token: ticket status, timeline, reply, whether 认可 / 不认可 is open',
  })
  @ApiOkResponse({ type: RatingProgressResponse })
  @ApiErrors(404, 410, 429)
  show(@Param('token') token: string): Promise<RatingProgress> {
    return this.progress.progress(token);
  }

  @Public()
  @RateLimit('ratings')
  @ActionRoute('acceptance', TicketProgressResponse, 400, 404, 409, 429)
  @ApiOperation({
    summary:
      'Accept the rectification reply of a ticket of this token, or refuse it once (reopens the ticket)',
  })
  accept(@Param('token') token: string, @Body() body: TokenAcceptanceDto): Promise<TicketProgress> {
    return this.progress.acceptance(token, body);
  }
}
