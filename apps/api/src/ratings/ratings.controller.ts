import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import type { FastifyRequest } from 'fastify';
import { CitizenOnly, CurrentPrincipal, Public, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { RateLimit } from '../common/rate-limit.guard';
import { ListRatingsQuery } from './dto/list-ratings.dto';
import { ComplaintDto, FollowUpDto, SubmitRatingDto } from './dto/ratings.dto';
import type { FollowUp } from './entities/follow-up.entity';
import {
  RatingsService,
  type RatingAnswer,
  type RatingForm,
  type SubmissionContext,
} from './ratings.service';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import {
  ComplaintAnswerResponse,
  FollowUpResponse,
  MyRatingResponse,
  RatingAnswerResponse,
  RatingFormResponse,
  StaffRatingResponse,
} from './dto/ratings.response';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function context(
  request: FastifyRequest,
  principal: Principal | undefined,
  idempotencyKey?: string,
): SubmissionContext {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw invalidField('Idempotency-Key', 'must be 8–100 letters, digits or . _ : -');
  }
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    idempotencyKey: idempotencyKey ?? null,
    citizenId: principal?.kind === 'citizen' ? principal.citizenId : null,
  };
}

/** The citizen side: no account needed, the rating token is the capability. */
@ApiTags('citizen')
@Controller()
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Public()
  @RateLimit('rating-forms')
  @Get('rating-forms/:token')
  @ApiOperation({ summary: 'The rating form of a token: 404 unknown, 410 expired' })
  @ApiOkResponse({ type: RatingFormResponse })
  @ApiErrors(404, 410, 429)
  form(@Param('token') token: string): Promise<RatingForm> {
    return this.ratings.ratingForm(token);
  }

  @Public()
  @RateLimit('ratings')
  @Post('ratings')
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries return the first answer',
  })
  @ApiOperation({ summary: 'Rate a transaction once; levels 1–2 open a rectification ticket' })
  @ApiCreatedResponse({ type: RatingAnswerResponse })
  @ApiErrors(400, 404, 409, 410, 422, 429)
  submit(
    @Body() body: SubmitRatingDto,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal | undefined,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RatingAnswer> {
    return this.ratings.submit(body, context(request, principal, idempotencyKey));
  }

  @Roles('supervisor', 'department', 'admin')
  @ApiBearerAuth()
  @Get('ratings')
  @ApiOperation({ summary: 'Ratings behind a score row (staff; never the rater identity)' })
  @ApiPageResponse(StaffRatingResponse)
  @ApiErrors(400, 401, 403)
  list(
    @Query() q: ListRatingsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<unknown>> {
    return this.ratings.listForStaff(q, principal);
  }

  @Public()
  @RateLimit('ratings')
  @Post('ratings/:id/follow-up')
  @HttpCode(201)
  @ApiOperation({ summary: 'One follow-up (追评) within the follow-up period' })
  @ApiCreatedResponse({ type: FollowUpResponse })
  @ApiErrors(400, 404, 409, 429)
  followUp(@Param('id', IdParamPipe) id: number, @Body() body: FollowUpDto): Promise<FollowUp> {
    return this.ratings.followUp(id, body);
  }

  @Public()
  @RateLimit('complaints')
  @Post('complaints')
  @HttpCode(201)
  @ApiOperation({ summary: 'Complain about a transaction; opens a ticket' })
  @ApiCreatedResponse({ type: ComplaintAnswerResponse })
  @ApiErrors(400, 404, 409, 410, 429)
  complain(
    @Body() body: ComplaintDto,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<{ id: number; ticketNo: string }> {
    return this.ratings.complain(body, context(request, principal));
  }

  @CitizenOnly()
  @ApiBearerAuth()
  @Get('me/ratings')
  @ApiOperation({ summary: 'My ratings with ticket status and the department reply' })
  @ApiPageResponse(MyRatingResponse)
  @ApiErrors(400, 401, 403)
  mine(
    @CurrentPrincipal() principal: Principal,
    @Query() q: PaginationQuery,
  ): Promise<Page<unknown>> {
    const citizenId = principal.kind === 'citizen' ? principal.citizenId : 0;
    return this.ratings.myRatings(citizenId, q.page, q.pageSize);
  }
}
