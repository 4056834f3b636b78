import Taro from '@tarojs/taro';
import { ERROR_MESSAGES_ZH, type ErrorCode } from '@haochaping/domain';

/**
 * The single place that talks HTTP. Pages and components call functions from ./api,
 * never Taro.request directly.
 *
 * Base URL: on H5 the app is served by the API itself, so requests are same-origin
 * (empty base). On weapp the API origin is the build-time constant API_BASE.
 */
export const BASE_URL: string = process.env.TARO_ENV === 'h5' ? '' : API_BASE;

const FALLBACK_MESSAGE = '网络异常，请稍后再试';

/** Error thrown for any failed request; `message` is Chinese and safe to show to the user. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR';
  readonly status: number;

  constructor(code: ApiError['code'], message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  headers?: Record<string, string>;
  timeout?: number;
}

interface ErrorBody {
  statusCode?: number;
  error?: string;
  message?: unknown;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES_ZH, value)
  );
}

/** Map an API error body {statusCode, error, message} to an ApiError with a Chinese message. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? body : {}) as ErrorBody;
  const code = err.error;
  if (isErrorCode(code)) {
    return new ApiError(code, ERROR_MESSAGES_ZH[code], status);
  }
  if (status >= 500) {
    return new ApiError('INTERNAL_ERROR', ERROR_MESSAGES_ZH.INTERNAL_ERROR, status);
  }
  return new ApiError('UNKNOWN_ERROR', FALLBACK_MESSAGE, status);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, headers = {}, timeout = 15000 } = options;
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    res = await Taro.request<Record<string, unknown>>({
      url: `${BASE_URL}${path}`,
      method,
      data: data as Record<string, unknown> | undefined,
      header: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      dataType: 'json',
      timeout,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', FALLBACK_MESSAGE, 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return res.data as T;
  }
  throw toApiError(res.statusCode, res.data);
}
