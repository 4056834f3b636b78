import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMAGE_SIZES, type ImageSize } from '../image-variants';

export class AttachmentImageQuery {
  @ApiPropertyOptional({
    enum: IMAGE_SIZES,
    default: 'full',
    description: 'full: longest side ≤ 2048 px; thumb: longest side ≤ 320 px',
  })
  @IsOptional()
  @IsIn(IMAGE_SIZES, { message: `size must be one of: ${IMAGE_SIZES.join(', ')}` })
  size: ImageSize = 'full';
}
