import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentImagesController, AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { AttachmentLink } from './entities/attachment-link.entity';
import { Attachment } from './entities/attachment.entity';
import { AttachmentCleanupJob } from './attachment-cleanup.job';
import { JobLease } from '../jobs/entities/job-lease.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Attachment, AttachmentLink, JobLease])],
  controllers: [AttachmentsController, AttachmentImagesController],
  providers: [AttachmentsService, AttachmentCleanupJob],
  exports: [AttachmentsService, AttachmentCleanupJob],
})
export class AttachmentsModule {}
