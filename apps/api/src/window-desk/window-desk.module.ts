import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { RatingsModule } from '../ratings/ratings.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { KioskController, WindowTransactionsController } from './window-desk.controller';
import { WindowDeskRepository } from './window-desk.repository';
import { WindowDeskService } from './window-desk.service';

/** The window kiosk and the window's transaction list, over transactions and their ratings. */
@Module({
  imports: [OrganisationModule, TransactionsModule, RatingsModule],
  controllers: [KioskController, WindowTransactionsController],
  providers: [WindowDeskService, WindowDeskRepository],
})
export class WindowDeskModule {}
