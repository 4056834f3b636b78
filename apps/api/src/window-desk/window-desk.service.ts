import { Injectable } from '@nestjs/common';
import type { Page } from '@haochaping/domain';
import { confinedWindow, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { notFound } from '../common/domain-error';
import { OrganisationService } from '../organisation/organisation.service';
import { transactionSummary } from '../ratings/ratings.view';
import type { Transaction } from '../transactions/entities/transaction.entity';
import { TransactionsService } from '../transactions/transactions.service';
import { WindowDeskRepository } from './window-desk.repository';

export interface KioskView {
  windowId: number;
  windowName: string;
  current: {
    transactionId: number;
    transactionNo: string;
    serviceItemName: string;
    staffName: string;
    finishedAt: Date;
    ratingUrl: string;
    expiresAt: Date;
  } | null;
  lastRated: { transactionId: number; transactionNo: string } | null;
}

export interface WindowTransactionView {
  id: number;
  transactionNo: string;
  windowId: number;
  serviceItemName: string;
  staffName: string;
  finishedAt: Date;
  expiresAt: Date;
  rated: boolean;
  complained: boolean;
}

/**
 * The window desk (窗口工作台): the hall kiosk (评价器) beside a window, which shows the rating QR
 * code of the transaction just finished and thanks the citizen once it is rated, and the
 * window's recent transactions. Whether and how a transaction was rated never shows here beyond
 * "rated": the rated staff never learn the level or the rater.
 */
@Injectable()
export class WindowDeskService {
  constructor(
    private readonly clock: Clock,
    private readonly queries: WindowDeskRepository,
    private readonly organisation: OrganisationService,
    private readonly transactions: TransactionsService,
  ) {}

  async kiosk(windowId: number, principal: Principal): Promise<KioskView> {
    // Another window's kiosk does not exist for a window clerk.
    const confined = confinedWindow(principal);
    if (confined !== undefined && confined !== windowId) throw notFound('Window');
    const [open, last] = await Promise.all([
      this.queries.openForRating(windowId, this.clock.now()),
      this.queries.lastRated(windowId),
    ]);
    const names = await this.organisation.lookup({
      windowIds: [windowId],
      serviceItemIds: open ? [open.serviceItemId] : [],
      staffIds: open ? [open.staffId] : [],
    });
    const window = names.windows.get(windowId);
    if (!window) throw notFound('Window');
    let current: KioskView['current'] = null;
    if (open) {
      // What the citizen in front of the kiosk sees: the names of their rating page.
      const summary = transactionSummary(open, names);
      current = {
        transactionId: open.id,
        transactionNo: open.transactionNo,
        serviceItemName: summary.serviceItemName,
        staffName: summary.staffName,
        finishedAt: open.finishedAt,
        // The very link the registration answered (the token is deterministic).
        ratingUrl: this.transactions.view(open).ratingUrl,
        expiresAt: open.tokenExpiresAt,
      };
    }
    return {
      windowId,
      windowName: window.name,
      current,
      lastRated: last && { transactionId: last.id, transactionNo: last.transactionNo },
    };
  }

  /**
   * Recent transactions, newest registered first. A window clerk's are its own window's: another
   * window's id is 404, as for every object outside the caller's scope.
   */
  async list(
    q: { windowId?: number; page: number; pageSize: number },
    principal: Principal,
  ): Promise<Page<WindowTransactionView>> {
    const confined = confinedWindow(principal);
    if (confined !== undefined && q.windowId !== undefined && q.windowId !== confined) {
      throw notFound('Window');
    }
    const windowId = confined ?? q.windowId;
    const [rows, total] = await this.queries.page(windowId, q.page, q.pageSize);
    const [rated, names] = await Promise.all([
      this.queries.rated(rows.map((t) => t.id)),
      this.organisation.lookup({
        serviceItemIds: rows.map((t) => t.serviceItemId),
        staffIds: rows.map((t) => t.staffId),
      }),
    ]);
    const view = (t: Transaction): WindowTransactionView => ({
      id: t.id,
      transactionNo: t.transactionNo,
      windowId: t.windowId,
      serviceItemName: names.items.get(t.serviceItemId)?.name ?? '',
      staffName: names.staff.get(t.staffId)?.name ?? '',
      finishedAt: t.finishedAt,
      expiresAt: t.tokenExpiresAt,
      rated: rated.has(t.id),
      complained: t.complaintId !== null,
    });
    return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
  }
}
