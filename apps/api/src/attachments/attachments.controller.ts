import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DomainError, invalidField } from '../common/domain-error';
import { IdParamPipe } from '../common/id-param.pipe';
import { RateLimit } from '../common/rate-limit.guard';
import { AttachmentsService, type AttachmentView } from './attachments.service';
import { ApiBinaryResponse, ApiErrors } from '../common/api-docs';
import { AttachmentImageQuery } from './dto/attachment-image.dto';
import { AttachmentResponse } from './dto/attachment.response';
import { BearerController } from '../common/routes';

/**
 * Headers of a served photo: never sniffed as another type, and opened on its own it runs
 * nothing (no script, plugin or form) whatever its bytes; only the staff member's browser keeps
 * it, for a day (the same photo under the same id never changes).
 */
const IMAGE_HEADERS = {
  'content-type': 'image/jpeg',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cache-control': 'private, max-age=86400',
} as const;

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
  @ApiOperation({
    summary: 'Upload one photo (jpeg/png/webp, ≤ 5 MB, checked by content)',
    description:
      'Answers the id and a key: a rating, complaint or appeal references the photo with both ' +
      '(attachmentIds and attachmentKeys, same order). Unreferenced uploads are deleted after ' +
      '24 h; each address has an hourly upload quota (429 RATE_LIMITED with Retry-After).',
  })
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiErrors(400, 413, 415, 429)
  async upload(@Req() request: FastifyRequest): Promise<AttachmentView> {
    if (!request.isMultipart()) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send multipart/form-data with a field "file"',
      );
    }
    this.attachments.checkQuota(request.ip);
    let bytes: Buffer;
    try {
      const file = await request.file();
      if (!file || file.fieldname !== 'file')
        throw invalidField('file', 'a field "file" is required');
      bytes = await file.toBuffer();
    } catch (error) {
      throw uploadError(error);
    }
    return this.attachments.store(bytes, request.ip);
  }
}

/** The staff side: photos shown on the tickets and ratings they may see. */
@BearerController('tickets', 'attachments')
export class AttachmentImagesController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A photo of a rating, complaint or appeal, re-encoded as JPEG (or its thumbnail)',
    description:
      'Supervisors and admins: any photo a rating, complaint or ticket appeal carries; a ' +
      "department handler: those behind its own department's tickets. Window clerks, other " +
      'departments, unknown ids and uploads nothing references: 404 alike. EXIF orientation is ' +
      'applied and all metadata dropped; full ≤ 2048 px, thumb ≤ 320 px on the longest side.',
  })
  @ApiBinaryResponse('The re-encoded photo', 'image/jpeg')
  @ApiErrors(400, 401, 403, 404, 415)
  async image(
    @Param('id', IdParamPipe) id: number,
    @Query() q: AttachmentImageQuery,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const jpeg = await this.attachments.image(id, q.size, principal);
    await reply.headers(IMAGE_HEADERS).send(jpeg);
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
