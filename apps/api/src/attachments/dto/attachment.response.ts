import { Int, Str } from '../../common/response-types';

export class AttachmentResponse {
  @Int() id!: number;
  @Str({ enum: ['image/jpeg', 'image/png', 'image/webp'] }) mime!: string;
  @Int({ description: 'Bytes' }) size!: number;
}
