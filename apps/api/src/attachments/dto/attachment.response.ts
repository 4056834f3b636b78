import { Int, Str } from '../../common/response-types';

export class AttachmentResponse {
  @Int() id!: number;
  @Str({ enum: ['image/jpeg', 'image/png', 'image/webp'] }) mime!: string;
  @Int({ description: 'Bytes' }) size!: number;
  @Str({
    description:
      'Upload key, shown once: send it in attachmentKeys beside the id to attach the photo',
    example: 'q3Jx0bC9yQm1d2Vb7lq8Xk4T',
  })
  key!: string;
}
