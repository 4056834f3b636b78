import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/api-docs';
import { BadTagsQuery } from './dto/rating-tags.dto';
import { BadTagsResponse } from './dto/rating-tags.response';
import { RatingTagsService, type BadTagsView } from './rating-tags.service';
import { BearerController } from '../common/routes';

/** Served beside the scores for their charts; it lives here because it counts ratings. */
@BearerController('scores', 'scores')
export class RatingTagsController {
  constructor(private readonly tags: RatingTagsService) {}

  @Get('tags')
  @Roles('supervisor', 'department', 'admin')
  @ApiOperation({
    summary: "The tags of a month's bad ratings (levels 1–2, not voided), for a chart",
    description:
      'The month the rating was given, as in the scores. A department handler always gets its ' +
      "own department's; supervisors and admins one department or, without departmentId, all.",
  })
  @ApiOkResponse({ type: BadTagsResponse })
  @ApiErrors(400, 401, 403)
  badTags(
    @Query() q: BadTagsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BadTagsView> {
    return this.tags.badTags(q, principal);
  }
}
