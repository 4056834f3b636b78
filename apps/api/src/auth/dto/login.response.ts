import { Int, Nested, Str } from '../../common/response-types';
import { UserResponse } from '../../users/dto/user.response';

export class LoginResponse {
  @Str({ description: 'Bearer access token' }) accessToken!: string;
  @Int({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @Nested(() => UserResponse) user!: UserResponse;
}
