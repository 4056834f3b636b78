import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { DatabaseAvailability } from '../database/availability';
import { DATABASE_LIMITS } from '../database/limits';
import { HealthDownResponse, HealthResponse } from './dto/health.response';

const PING_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly availability: DatabaseAvailability,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness and database reachability; 503 (with Retry-After) when the database is down',
  })
  @ApiOkResponse({ type: HealthResponse })
  @ApiResponse({ status: 503, type: HealthDownResponse, description: 'The database is down' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    if (await this.databaseUp()) return { status: 'ok', database: 'up' };
    void reply.status(503).header('retry-after', String(DATABASE_LIMITS.retryAfterSeconds));
    return {
      statusCode: 503,
      error: 'DATABASE_UNAVAILABLE',
      message: 'Database is not reachable',
      status: 'error',
      database: 'down',
    };
  }

  /** Known down: at once. Otherwise one round trip, bounded. */
  private async databaseUp(): Promise<boolean> {
    if (!this.dataSource.isInitialized || !this.availability.isUp) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      const ping = this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      );
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
