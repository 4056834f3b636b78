import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { DomainError, invalidField } from '../common/domain-error';
import { RateLimit } from '../common/rate-limit.guard';
import { AttachmentsService, type AttachmentView } from './attachments.service';

@ApiTags('citizen')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Public()
  @RateLimit('uploads')
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Upload one photo (jpeg/png/webp, ≤ 5 MB, checked by content)' })
  async upload(@Req() request: FastifyRequest): Promise<AttachmentView> {
    if (!request.isMultipart()) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send multipart/form-data with a field "file"',
      );
    }
    const file = await request.file();
    if (!file || file.fieldname !== 'file')
      throw invalidField('file', 'a field "file" is required');
    return this.attachments.store(await file.toBuffer());
  }
}
