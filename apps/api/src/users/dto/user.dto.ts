import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@haochaping/domain';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsAcceptablePassword, IsId, IsOmittable } from '../../common/validators';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.min', maxLength: 64 })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'username must be 3–64 letters, digits, dot, dash or underscore',
  })
  username!: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 128,
    description:
      'At least two kinds of characters; not repeated or sequential, not common, not the username',
  })
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for role "department"' })
  @IsOptional()
  @IsId()
  departmentId?: number;

  @ApiPropertyOptional({ description: 'Required for role "window"' })
  @IsOptional()
  @IsId()
  windowId?: number;
}

/** null only where it means something: no department, no window. */
export class UpdateUserDto {
  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 128,
    description: 'The same rule as on creation (the stored username counts)',
  })
  @IsOmittable()
  @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsId()
  departmentId?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsId()
  windowId?: number | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}
