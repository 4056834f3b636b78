/**
 * Stable error codes of the HTTP contract. Clients switch on these; renaming one is a
 * breaking change. Each maps to exactly one HTTP status.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_CODE: 409,
  DUPLICATE_USERNAME: 409,
  CONFLICT: 409,
  ALREADY_RATED: 409,
  ALREADY_FOLLOWED_UP: 409,
  ALREADY_COMPLAINED: 409,
  FOLLOW_UP_CLOSED: 409,
  TRANSACTION_CONFLICT: 409,
  MONTH_NOT_OVER: 409,
  ALREADY_FROZEN: 409,
  INVALID_TRANSITION: 409,
  VISIT_REQUIRED: 409,
  REQUEST_TIMEOUT: 408,
  TOKEN_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOGIN_LOCKED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  BAD_GATEWAY: 502,
  DATABASE_DOWN: 503,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Chinese messages the client shows for each code (the server's `message` is for developers). */
export const ERROR_MESSAGES_ZH: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  BAD_REQUEST: '请求有误',
  UNAUTHORIZED: '请先登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '未找到相关内容',
  DUPLICATE_CODE: '编码已存在',
  DUPLICATE_USERNAME: '用户名已存在',
  CONFLICT: '操作与当前状态冲突',
  ALREADY_RATED: '该办件已评价，感谢您的参与',
  ALREADY_FOLLOWED_UP: '您已追加过评价',
  ALREADY_COMPLAINED: '该办件已投诉过，请勿重复提交',
  FOLLOW_UP_CLOSED: '已超过追评期限',
  TRANSACTION_CONFLICT: '办件编号已存在且信息不一致',
  MONTH_NOT_OVER: '当月尚未结束，不能发布',
  ALREADY_FROZEN: '该月成绩已发布',
  INVALID_TRANSITION: '当前状态不允许此操作',
  VISIT_REQUIRED: '请先登记回访记录',
  REQUEST_TIMEOUT: '请求超时，请重试',
  TOKEN_EXPIRED: '评价已过期',
  PAYLOAD_TOO_LARGE: '文件太大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  LOGIN_LOCKED: '登录失败次数过多，请稍后再试',
  HEADERS_TOO_LARGE: '请求头过大',
  INTERNAL_ERROR: '系统繁忙，请稍后再试',
  BAD_GATEWAY: '微信服务暂时不可用，请稍后再试',
  DATABASE_DOWN: '系统维护中，请稍后再试',
  SERVICE_UNAVAILABLE: '该功能暂未开通',
};

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
