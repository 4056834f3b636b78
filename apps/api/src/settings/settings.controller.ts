import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsService, type SettingsView } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Roles('admin')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  get(): Promise<SettingsView> {
    return this.settings.view();
  }

  @Put()
  update(@Body() body: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.update(body);
  }
}
