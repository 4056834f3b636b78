import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { AllowApiKey, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { IdParamPipe } from '../common/id-param.pipe';
import { RegisterTransactionDto } from './dto/register-transaction.dto';
import { TransactionsService, type RegisteredTransaction } from './transactions.service';
import { ApiBinaryResponse, ApiErrors } from '../common/api-docs';
import { RegisteredTransactionResponse } from './dto/transaction.response';

@ApiTags('transactions')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('window')
@AllowApiKey()
@Controller('transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a finished transaction; 201 new, 200 with the same token when repeated',
  })
  @ApiCreatedResponse({ type: RegisteredTransactionResponse, description: 'Registered' })
  @ApiOkResponse({
    type: RegisteredTransactionResponse,
    description: 'The same data again: the same token',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  async register(
    @Body() body: RegisterTransactionDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisteredTransaction> {
    const { created, transaction } = await this.transactions.register(body, principal);
    void reply.status(created ? 201 : 200);
    return transaction;
  }

  @Get(':id/qrcode')
  @ApiQuery({ name: 'format', enum: ['svg', 'png'], required: false })
  @ApiOperation({ summary: 'QR code of the rating URL, to print or show at the window' })
  @ApiBinaryResponse('QR code of the rating URL', 'image/svg+xml', 'image/png')
  @ApiErrors(400, 401, 403, 404)
  async qrcode(
    @Param('id', IdParamPipe) id: number,
    @Query('format') format: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const kind = format ?? 'svg';
    if (kind !== 'svg' && kind !== 'png') throw invalidField('format', 'format must be svg or png');
    const { ratingUrl } = this.transactions.view(
      await this.transactions.findForCaller(id, principal),
    );
    const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
    if (kind === 'svg') {
      const svg = await QRCode.toString(ratingUrl, { ...options, type: 'svg' });
      await reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
    } else {
      const png = await QRCode.toBuffer(ratingUrl, { ...options, type: 'png', width: 480 });
      await reply.header('content-type', 'image/png').send(png);
    }
  }
}
