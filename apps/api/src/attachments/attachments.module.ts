import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentImagesController, AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { AttachmentLink } from './entities/attachment-link.entity';
import { Attachment } from './entities/attachment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Attachment, AttachmentLink])],
  controllers: [AttachmentsController, AttachmentImagesController],
  providers: [AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
