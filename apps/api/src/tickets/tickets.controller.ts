import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CitizenOnly, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { IdParamPipe } from '../common/id-param.pipe';
import {
  AcceptanceDto,
  AppealDto,
  AppealReviewDto,
  RecordVisitDto,
  ReviewDto,
  SubmitResultDto,
  TicketListQuery,
  UrgeDto,
} from './dto/tickets.dto';
import type { TicketVisit } from './entities/ticket-visit.entity';
import { type TicketView } from './ticket.view';
import { TicketsService } from './tickets.service';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import {
  ContactResponse,
  TicketDetailResponse,
  TicketResponse,
  TicketVisitResponse,
} from './dto/tickets.response';
import { ActionRoute, BearerController } from '../common/routes';

@BearerController('tickets', 'tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @Roles('department', 'supervisor')
  @ApiOperation({ summary: 'Tickets; a department handler sees only its department' })
  @ApiPageResponse(TicketResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: TicketListQuery, @CurrentPrincipal() p: Principal): Promise<Page<TicketView>> {
    return this.tickets.list(q, p);
  }

  @Get(':id')
  @Roles('department', 'supervisor')
  @ApiOperation({
    summary: 'A ticket with its events, visits, appeal and the actions possible now',
  })
  @ApiOkResponse({ type: TicketDetailResponse })
  @ApiErrors(400, 401, 403, 404)
  detail(@Param('id', IdParamPipe) id: number, @CurrentPrincipal() p: Principal) {
    return this.tickets.detail(id, p);
  }

  @ActionRoute(':id/accept', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('department')
  accept(
    @Param('id', IdParamPipe) id: number,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.accept(id, p);
  }

  @Post(':id/visits')
  @HttpCode(201)
  @Roles('department')
  @ApiOperation({ summary: 'Record a return visit (回访): phone, on-site or SMS' })
  @ApiCreatedResponse({ type: TicketVisitResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  visit(
    @Param('id', IdParamPipe) id: number,
    @Body() body: RecordVisitDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketVisit> {
    return this.tickets.recordVisit(id, body, p);
  }

  @ActionRoute(':id/contact', ContactResponse, 400, 401, 403, 404, 409)
  @Roles('department')
  @ApiOperation({ summary: 'Show the citizen phone in full to start a call-back (audited)' })
  contact(@Param('id', IdParamPipe) id: number, @CurrentPrincipal() p: Principal) {
    return this.tickets.revealContact(id, p);
  }

  @ActionRoute(':id/submit', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('department')
  submit(
    @Param('id', IdParamPipe) id: number,
    @Body() body: SubmitResultDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.submit(id, body, p);
  }

  @ActionRoute(':id/review', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('supervisor')
  review(
    @Param('id', IdParamPipe) id: number,
    @Body() body: ReviewDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.review(id, body, p);
  }

  @ActionRoute(':id/appeal', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('department')
  appeal(
    @Param('id', IdParamPipe) id: number,
    @Body() body: AppealDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.appeal(id, body, p);
  }

  @ActionRoute(':id/urge', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('supervisor')
  @ApiOperation({
    summary: '督办: urge the department (open or in-progress tickets); an event and a notice',
  })
  urge(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UrgeDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.urge(id, body, p);
  }

  @ActionRoute(':id/appeal-review', TicketResponse, 400, 401, 403, 404, 409)
  @Roles('supervisor')
  appealReview(
    @Param('id', IdParamPipe) id: number,
    @Body() body: AppealReviewDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    return this.tickets.reviewAppeal(id, body, p);
  }
}

@BearerController('citizen', 'me/tickets')
export class MyTicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @CitizenOnly()
  @ActionRoute(':ticketNo/acceptance', TicketResponse, 400, 401, 403, 404, 409)
  @ApiOperation({
    summary: 'Accept the rectification reply, or refuse it once (reopens the ticket)',
  })
  acceptance(
    @Param('ticketNo') ticketNo: string,
    @Body() body: AcceptanceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TicketView> {
    if (!/^ZG\d{8}-[0-9A-Z]{8}$/.test(ticketNo))
      throw invalidField('ticketNo', 'not a ticket number');
    return this.tickets.citizenVerdict(ticketNo, body, p);
  }
}
