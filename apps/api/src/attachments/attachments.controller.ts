import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { DomainError, invalidField } from '../common/domain-error';
import { RateLimit } from '../common/rate-limit.guard';
import { AttachmentsService, type AttachmentView } from './attachments.service';
import { ApiErrors } from '../common/api-docs';
import { AttachmentResponse } from './dto/attachment.response';

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
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiErrors(400, 413, 415, 429)
  async upload(@Req() request: FastifyRequest): Promise<AttachmentView> {
    if (!request.isMultipart()) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send multipart/form-data with a field "file"',
      );
    }
    let bytes: Buffer;
    try {
      const file = await request.file();
      if (!file || file.fieldname !== 'file')
        throw invalidField('file', 'a field "file" is required');
      bytes = await file.toBuffer();
    } catch (error) {
      throw uploadError(error);
    }
    return this.attachments.store(bytes);
  }
}

/**
 * Reading the upload failed. The plugin's own limits keep their status (413 file too large);
 * whatever the multipart parser trips over in a body the client sent — no boundary, a body cut
 * off before its closing boundary — is the client's 400, not a 500.
 */
function uploadError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status < 500) return error;
  return new DomainError(
    'BAD_REQUEST',
    'Malformed multipart body: send multipart/form-data with its boundary and a complete field "file"',
  );
}
