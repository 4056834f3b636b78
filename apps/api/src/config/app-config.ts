import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Raised when start-up configuration is wrong; main.ts prints its message as one line. */
export class ConfigError extends Error {}

export type DatabaseConfig =
  { kind: 'sqlite'; path: string } | { kind: 'mysql' | 'mariadb'; url: string };

export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  database: DatabaseConfig;
  dataDir: string;
  adminUsername?: string;
  adminPassword?: string;
  demoData: boolean;
  jwtSecret: string;
  ratingTokenSecret: string;
  jwtTtlSeconds: number;
  wechat: {
    appId?: string;
    secret?: string;
    apiBase: string;
    /** Subscribe-message template for ticket progress (WECHAT_TEMPLATE_TICKET_PROGRESS). */
    templateTicketProgress?: string;
    /** Which version of the mini-program a message opens: formal, trial or developer. */
    miniprogramState: 'formal' | 'trial' | 'developer';
  };
  /** The outbox dispatcher: how often it looks for due messages, and how often it tries one. */
  outbox: { intervalMs: number; maxAttempts: number };
  /**
   * The provincial 好差评 platform: records are pushed while `apiBase` is set
   * (PROVINCE_API_BASE), signed with SM2 when a private key is given (PROVINCE_SM2_PRIVATE_KEY).
   */
  province: { apiBase?: string; sm2PrivateKey?: string };
  /** How SMS rating invitations go out (the setting smsInvitation switches them on). */
  sms: SmsConfig;
  publicBaseUrl: string;
  logLevel: string;
  h5Dir: string;
  /** Requests per minute per client IP on each public endpoint group. */
  rateLimitPerMinute: number;
  /** Bytes of photos one client IP may upload per hour (UPLOAD_QUOTA_MB_PER_HOUR). */
  uploadQuotaBytesPerHour: number;
  /** Run scheduled jobs (the overdue scan, the outbox dispatcher) in this instance. */
  jobsEnabled: boolean;
  /** Take the client IP from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
}

export type SmsConfig =
  | { provider: 'log' }
  | {
      provider: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      /** TemplateParam as a JSON template ({phone} {url} {transactionNo} {text}). */
      templateParam: string;
      /** host[:port], or an http(s) URL (a local stand-in); default dysmsapi.aliyuncs.com. */
      endpoint: string;
    }
  | { provider: 'http'; url: string; bodyTemplate: string };

export const DEFAULT_SMS_HTTP_BODY = '{"phone":"{phone}","content":"{text}"}';
export const DEFAULT_ALIYUN_TEMPLATE_PARAM = '{"transactionNo":"{transactionNo}","url":"{url}"}';

const isJsonObject = (text: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(text);
    return !!parsed && typeof parsed === 'object';
  } catch {
    return false;
  }
};

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/** The environment as the service accepts it. Every variable of the contract's table is here. */
class EnvVars {
  @IsOptional() @IsString() NODE_ENV?: string;

  @IsOptional()
  @Matches(/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:PATH, mysql://user:pass@host:3306/db or mariadb://…',
  })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'ADMIN_USERNAME must be 3–64 letters, digits, dot, dash or underscore',
  })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, {
    message: 'RATING_TOKEN_SECRET must be at least 32 characters',
  })
  RATING_TOKEN_SECRET?: string;

  @IsOptional() @IsString() @MaxLength(64) WECHAT_APPID?: string;
  @IsOptional() @IsString() @MaxLength(128) WECHAT_SECRET?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message: 'WECHAT_API_BASE must be an http(s) URL',
    },
  )
  WECHAT_API_BASE?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'PROVINCE_API_BASE must be an http(s) URL' },
  )
  PROVINCE_API_BASE?: string;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, {
    message: 'PROVINCE_SM2_PRIVATE_KEY must be an SM2 private key as 64 hex digits',
  })
  PROVINCE_SM2_PRIVATE_KEY?: string;

  @IsOptional()
  @IsIn(['log', 'aliyun', 'http'], { message: 'SMS_PROVIDER must be log, aliyun or http' })
  SMS_PROVIDER?: 'log' | 'aliyun' | 'http';

  @IsOptional() @IsString() @MaxLength(128) SMS_ALIYUN_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() @MaxLength(128) SMS_ALIYUN_ACCESS_KEY_SECRET?: string;
  @IsOptional() @IsString() @MaxLength(64) SMS_ALIYUN_SIGN_NAME?: string;
  @IsOptional() @IsString() @MaxLength(64) SMS_ALIYUN_TEMPLATE_CODE?: string;
  @IsOptional() @IsString() @MaxLength(1000) SMS_ALIYUN_TEMPLATE_PARAM?: string;

  @IsOptional()
  @Matches(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, {
    message: 'SMS_ALIYUN_ENDPOINT must be a host[:port] such as dysmsapi.aliyuncs.com',
  })
  SMS_ALIYUN_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'SMS_HTTP_URL must be an http(s) URL' },
  )
  SMS_HTTP_URL?: string;

  @IsOptional() @IsString() @MaxLength(4000) SMS_HTTP_BODY_TEMPLATE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'WECHAT_TEMPLATE_TICKET_PROGRESS must be a template id (letters, digits, - and _)',
  })
  WECHAT_TEMPLATE_TICKET_PROGRESS?: string;

  @IsOptional()
  @IsIn(['formal', 'trial', 'developer'], {
    message: 'WECHAT_MINIPROGRAM_STATE must be formal, trial or developer',
  })
  WECHAT_MINIPROGRAM_STATE?: 'formal' | 'trial' | 'developer';

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_INTERVAL_SECONDS must be a whole number' })
  @Min(1)
  @Max(600)
  OUTBOX_INTERVAL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_MAX_ATTEMPTS must be a whole number' })
  @Min(1)
  @Max(20)
  OUTBOX_MAX_ATTEMPTS?: number;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message: 'PUBLIC_BASE_URL must be an http(s) URL such as http://localhost:3000',
    },
  )
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'UPLOAD_QUOTA_MB_PER_HOUR must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  UPLOAD_QUOTA_MB_PER_HOUR?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'JOBS_ENABLED must be true or false' })
  JOBS_ENABLED?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY?: boolean;

  @IsOptional() @IsString() H5_DIR?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
}

/** The SMS provider and what it needs: a missing or malformed piece stops start-up. */
function smsConfig(vars: EnvVars): SmsConfig {
  const provider = vars.SMS_PROVIDER ?? 'log';
  if (provider === 'aliyun') {
    const need = [
      'SMS_ALIYUN_ACCESS_KEY_ID',
      'SMS_ALIYUN_ACCESS_KEY_SECRET',
      'SMS_ALIYUN_SIGN_NAME',
      'SMS_ALIYUN_TEMPLATE_CODE',
    ] as const;
    const missing = need.find((name) => !vars[name]);
    if (missing) throw new ConfigError(`${missing} is required when SMS_PROVIDER=aliyun`);
    const templateParam = vars.SMS_ALIYUN_TEMPLATE_PARAM ?? DEFAULT_ALIYUN_TEMPLATE_PARAM;
    if (!isJsonObject(templateParam)) {
      throw new ConfigError('SMS_ALIYUN_TEMPLATE_PARAM must be a JSON object');
    }
    return {
      provider,
      accessKeyId: vars.SMS_ALIYUN_ACCESS_KEY_ID as string,
      accessKeySecret: vars.SMS_ALIYUN_ACCESS_KEY_SECRET as string,
      signName: vars.SMS_ALIYUN_SIGN_NAME as string,
      templateCode: vars.SMS_ALIYUN_TEMPLATE_CODE as string,
      templateParam,
      endpoint: (vars.SMS_ALIYUN_ENDPOINT ?? 'dysmsapi.aliyuncs.com').replace(/\/+$/, ''),
    };
  }
  if (provider === 'http') {
    if (!vars.SMS_HTTP_URL)
      throw new ConfigError('SMS_HTTP_URL is required when SMS_PROVIDER=http');
    const bodyTemplate = vars.SMS_HTTP_BODY_TEMPLATE ?? DEFAULT_SMS_HTTP_BODY;
    if (!isJsonObject(bodyTemplate)) {
      throw new ConfigError('SMS_HTTP_BODY_TEMPLATE must be a JSON object');
    }
    return { provider, url: vars.SMS_HTTP_URL, bodyTemplate };
  }
  return { provider: 'log' };
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:'))
    return { kind: 'sqlite', path: resolve(url.slice('sqlite:'.length)) };
  if (url.startsWith('mariadb://')) return { kind: 'mariadb', url: `mysql://${url.slice(10)}` };
  if (url.startsWith('mysql://')) return { kind: 'mysql', url };
  throw new ConfigError(`DATABASE_URL: unsupported scheme in "${url.split(':')[0]}:"`);
}

/**
 * Secrets outside production are generated once and kept in the data folder, so tokens survive
 * restarts of a local start without anyone having to invent a secret.
 */
function persistedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, 'secrets.json');
  let secrets: Record<string, string> = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (!secrets[name]) {
    secrets[name] = randomBytes(48).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

/** Validates the environment once; the rest of the code reads only the returned object. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvVars, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(vars, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    const why = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(why.includes(first.property) ? why : `${first.property} ${why}`);
  }
  const nodeEnv = vars.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const database = parseDatabaseUrl(vars.DATABASE_URL ?? 'sqlite:./data/haochaping.sqlite');
  const dataDir = resolve(
    vars.DATA_DIR ?? (database.kind === 'sqlite' ? dirname(database.path) : './data'),
  );
  if (production && !vars.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  if (production && !vars.RATING_TOKEN_SECRET) {
    throw new ConfigError('RATING_TOKEN_SECRET is required when NODE_ENV=production');
  }
  if ((vars.ADMIN_USERNAME === undefined) !== (vars.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  const sms = smsConfig(vars);
  return {
    nodeEnv,
    production,
    port: vars.PORT ?? 3000,
    database,
    dataDir,
    adminUsername: vars.ADMIN_USERNAME,
    adminPassword: vars.ADMIN_PASSWORD,
    demoData: production ? false : (vars.DEMO_DATA ?? true),
    jwtSecret: vars.JWT_SECRET ?? persistedSecret(dataDir, 'jwtSecret'),
    ratingTokenSecret: vars.RATING_TOKEN_SECRET ?? persistedSecret(dataDir, 'ratingTokenSecret'),
    jwtTtlSeconds: 12 * 3600,
    wechat: {
      appId: vars.WECHAT_APPID,
      secret: vars.WECHAT_SECRET,
      apiBase: (vars.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      templateTicketProgress: vars.WECHAT_TEMPLATE_TICKET_PROGRESS,
      miniprogramState: vars.WECHAT_MINIPROGRAM_STATE ?? 'formal',
    },
    outbox: {
      intervalMs: (vars.OUTBOX_INTERVAL_SECONDS ?? 3) * 1000,
      maxAttempts: vars.OUTBOX_MAX_ATTEMPTS ?? 8,
    },
    province: {
      apiBase: vars.PROVINCE_API_BASE?.replace(/\/+$/, ''),
      sm2PrivateKey: vars.PROVINCE_SM2_PRIVATE_KEY,
    },
    sms,
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    logLevel: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE ?? 120,
    uploadQuotaBytesPerHour: (vars.UPLOAD_QUOTA_MB_PER_HOUR ?? 200) * 1024 * 1024,
    jobsEnabled: vars.JOBS_ENABLED ?? true,
    trustProxy: vars.TRUST_PROXY ?? false,
    h5Dir: resolve(vars.H5_DIR ?? join(__dirname, '../../../../apps/miniapp/dist')),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
