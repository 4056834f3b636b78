import { request } from './request';

export interface HealthResponse {
  status: string;
  [key: string]: unknown;
}

/** GET /api/health — liveness/readiness of the API. */
export function health(): Promise<HealthResponse> {
  return request<HealthResponse>('/api/health');
}
