import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitizensController } from './citizens.controller';
import { CitizensService } from './citizens.service';
import { Citizen } from './entities/citizen.entity';
import { WechatClient } from './wechat.client';
import { AuthModule } from '../auth/auth.module';

@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([Citizen])],
  controllers: [CitizensController],
  providers: [CitizensService, WechatClient],
})
export class CitizensModule {}
