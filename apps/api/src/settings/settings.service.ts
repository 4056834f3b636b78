import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  defaultRatingOptions,
  LEVEL_LABELS,
  RATING_LEVELS,
  type RatingLevel,
  type RatingOptions,
} from '@haochaping/domain';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { UpdateSettingsDto } from './dto/update-settings.dto';
import { RatingOptionVersion } from './entities/rating-option-version.entity';
import { Setting } from './entities/setting.entity';
import {
  DEFAULT_SETTINGS,
  type DefaultRatingSettings,
  type ProvincePushSettings,
  type Settings,
  type SubscribeTemplateFields,
} from './settings.types';

/** A stored provincePush merged over the defaults (the channel table key by key). */
function provincePush(
  base: ProvincePushSettings,
  patch: Partial<ProvincePushSettings> | undefined,
): ProvincePushSettings {
  return {
    ...base,
    ...patch,
    channelCodes: { ...base.channelCodes, ...patch?.channelCodes },
    tagCodes: patch?.tagCodes ?? base.tagCodes,
  };
}
import { Clock } from '../common/clock';
import { deepFreeze, type Frozen } from '../common/frozen';

export interface SettingsView extends Settings {
  ratingOptions: RatingOptions;
}

/**
 * How long an instance trusts its cached settings and option version. Every rating reads both;
 * they change a few times a year. A write through this instance clears its cache at once; other
 * instances see it within this time (like the calendar's cache).
 */
const CACHE_MS = 5_000;

@Injectable()
export class SettingsService {
  private readonly cache = new Map<
    'settings' | 'options',
    { at: number; value: Promise<unknown> }
  >();
  private readonly changeHandlers: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
    @InjectRepository(RatingOptionVersion)
    private readonly options: Repository<RatingOptionVersion>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Lets a feature forget what it derived from the settings: called after each committed update. */
  onChange(handler: () => void): void {
    this.changeHandlers.push(handler);
  }

  /**
   * The settings, from this instance's cache (see CACHE_MS): frozen, shared by every caller.
   * A copy per call (structuredClone) was 5 % of a rating's CPU (docs/benchmarks.md, change 7).
   */
  get(): Promise<Frozen<Settings>> {
    return this.cached('settings', () => this.read());
  }

  /** One value per slot and CACHE_MS, frozen; concurrent first reads share one query. */
  private cached<T>(slot: 'settings' | 'options', load: () => Promise<T>): Promise<Frozen<T>> {
    const now = Date.now();
    const hit = this.cache.get(slot);
    if (hit && now - hit.at < CACHE_MS) return hit.value as Promise<Frozen<T>>;
    const value = load().then(deepFreeze);
    this.cache.set(slot, { at: now, value });
    value.catch(() => this.cache.delete(slot));
    return value;
  }

  private async read(): Promise<Settings> {
    const rows = await this.settings.find();
    const merged: Settings = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (row.key === 'scoreWeights' && row.value && typeof row.value === 'object') {
        merged.scoreWeights = { ...DEFAULT_SETTINGS.scoreWeights, ...row.value };
      } else if (
        row.key === 'subscribeTemplateFields' &&
        row.value &&
        typeof row.value === 'object'
      ) {
        merged.subscribeTemplateFields = {
          ...DEFAULT_SETTINGS.subscribeTemplateFields,
          ...(row.value as Partial<SubscribeTemplateFields>),
        };
      } else if (row.key === 'provincePush' && row.value && typeof row.value === 'object') {
        merged.provincePush = provincePush(DEFAULT_SETTINGS.provincePush, row.value);
      } else if (
        (row.key === 'defaultRating' || row.key === 'smsInvitation') &&
        row.value &&
        typeof row.value === 'object'
      ) {
        Object.assign(merged, { [row.key]: { ...DEFAULT_SETTINGS[row.key], ...row.value } });
      } else if (row.key === 'areaCode' && typeof row.value === 'string') {
        merged.areaCode = row.value;
      } else if (row.key in merged && typeof row.value === 'number') {
        (merged as unknown as Record<string, number>)[row.key] = row.value;
      }
    }
    return merged;
  }

  /** What the admin sees: read from the database, never the cache. */
  async view(): Promise<SettingsView> {
    return { ...(await this.read()), ratingOptions: await this.newestOptions() };
  }

  /** The newest option version, from this instance's cache (see CACHE_MS): frozen, shared. */
  currentOptions(): Promise<Frozen<RatingOptions>> {
    return this.cached('options', () => this.newestOptions());
  }

  /** The newest option version; the defaults become version 1 on first use. */
  private async newestOptions(): Promise<RatingOptions> {
    const [latest] = await this.options.find({ order: { version: 'DESC' }, take: 1 });
    if (latest) return { version: latest.version, levels: latest.levels };
    const defaults = defaultRatingOptions(1);
    try {
      await this.options.insert({
        version: 1,
        levels: defaults.levels,
        createdAt: this.clock.now(),
      });
    } catch {
      // Another request created version 1 first; read it back below.
    }
    return this.optionsVersion(1) as Promise<RatingOptions>;
  }

  async optionsVersion(version: number): Promise<RatingOptions | null> {
    const row = await this.options.findOneBy({ version });
    return row ? { version: row.version, levels: row.levels } : null;
  }

  /** Numbers are written as they are; new level tags become a new option version. */
  async update(dto: UpdateSettingsDto): Promise<SettingsView> {
    const current = await this.newestOptions();
    const before = await this.read();
    this.cache.clear();
    await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
        const value =
          key === 'scoreWeights'
            ? dto.scoreWeights && { ...before.scoreWeights, ...dto.scoreWeights }
            : key === 'subscribeTemplateFields'
              ? dto.subscribeTemplateFields && {
                  ...before.subscribeTemplateFields,
                  ...dto.subscribeTemplateFields,
                }
              : key === 'provincePush'
                ? dto.provincePush &&
                  provincePush(
                    before.provincePush,
                    dto.provincePush as Partial<ProvincePushSettings>,
                  )
                : key === 'defaultRating'
                  ? dto.defaultRating && this.defaultRating(before.defaultRating, dto, now)
                  : key === 'smsInvitation'
                    ? dto.smsInvitation && { ...before.smsInvitation, ...dto.smsInvitation }
                    : dto[key];
        if (value !== undefined) await em.save(Setting, { key, value, updatedAt: now });
      }
      if (dto.levelTags) {
        const levels = RATING_LEVELS.map((level: RatingLevel) => ({
          level,
          label: LEVEL_LABELS[level],
          tags:
            dto.levelTags?.[String(level) as `${RatingLevel}`] ??
            current.levels.find((l) => l.level === level)?.tags ??
            [],
        }));
        await em.insert(RatingOptionVersion, {
          version: current.version + 1,
          levels,
          createdAt: now,
        });
      }
      await this.audit.record(
        {
          action: 'settings.update',
          entity: 'settings',
          entityId: 'global',
          before: { ...before },
          after: { ...dto },
        },
        em,
      );
    });
    // Cleared again after the commit: a read that ran meanwhile may have cached the old values.
    this.cache.clear();
    for (const handler of this.changeHandlers) handler();
    return this.view();
  }

  /** defaultRating after an update: switching it on notes when (rating windows ending after it count). */
  private defaultRating(
    before: DefaultRatingSettings,
    dto: UpdateSettingsDto,
    now: Date,
  ): DefaultRatingSettings {
    const next = { ...before, ...dto.defaultRating };
    if (next.enabled && !before.enabled) next.enabledAt = now.toISOString();
    return next;
  }
}
