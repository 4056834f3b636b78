import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsService, type SettingsView } from './settings.service';
import { ApiErrors } from '../common/api-docs';
import { SettingsResponse } from './dto/settings.response';
import { BearerController } from '../common/routes';

@BearerController('settings', 'settings')
@Roles('admin')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOkResponse({ type: SettingsResponse })
  @ApiErrors(401, 403)
  get(): Promise<SettingsView> {
    return this.settings.view();
  }

  @Put()
  @ApiOkResponse({ type: SettingsResponse })
  @ApiErrors(400, 401, 403)
  update(@Body() body: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.update(body);
  }
}
