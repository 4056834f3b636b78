import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { fillJsonTemplate } from '@haochaping/domain';
import type { SmsMessage, SmsOutcome, SmsProvider } from './sms-provider';

/** Codes no retry can change: the number, the template or the signature is refused. */
const FINAL_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
]);

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** TemplateParam as a JSON template: {phone} {url} {transactionNo} {text}. */
  templateParam: string;
  /** host[:port], or http(s)://host[:port] (plain http only for a local stand-in). */
  endpoint: string;
}

/**
 * Alibaba Cloud SMS (短信服务, SendSms 2017-05-25) through its official SDK
 * `@alicloud/dysmsapi20170525`: the approved signature and template, the template's variables
 * from SMS_ALIYUN_TEMPLATE_PARAM, the endpoint configurable (SMS_ALIYUN_ENDPOINT). Code `OK` is
 * sent; refused numbers, templates and signatures fail; throttling, other codes and no answer
 * are tried again. The outbox key goes as OutId (SendSms itself is not idempotent).
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly client: Dysmsapi;

  constructor(private readonly options: AliyunSmsOptions) {
    const match = /^(https?):\/\/(.+)$/.exec(options.endpoint);
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: options.accessKeyId,
        accessKeySecret: options.accessKeySecret,
        endpoint: match ? match[2] : options.endpoint,
        protocol: match ? match[1] : 'https',
        connectTimeout: 3000,
        readTimeout: 5000,
      }),
    );
  }

  /** The SendSms request of one message (what the SDK signs and sends). */
  request(message: SmsMessage, key: string): SendSmsRequest {
    return new SendSmsRequest({
      phoneNumbers: message.phone,
      signName: this.options.signName,
      templateCode: this.options.templateCode,
      templateParam: JSON.stringify(fillJsonTemplate(this.options.templateParam, message)),
      outId: key.slice(0, 64),
    });
  }

  async send(message: SmsMessage, key: string): Promise<SmsOutcome> {
    let code: string;
    let receipt: string;
    try {
      const response = await this.client.sendSms(this.request(message, key));
      const body = response.body;
      code = body?.code ?? '';
      receipt = JSON.stringify({
        code,
        message: body?.message,
        bizId: body?.bizId,
        requestId: body?.requestId,
      });
    } catch (error) {
      // The SDK throws for HTTP errors (with the gateway's code) and for no answer at all.
      const e = error as { code?: unknown; message?: unknown; statusCode?: unknown };
      code = typeof e.code === 'string' ? e.code : '';
      const text = typeof e.message === 'string' ? e.message : 'unknown error';
      if (FINAL_CODES.has(code))
        return { status: 'failed', error: `${code}: ${text.slice(0, 300)}` };
      return { status: 'retry', error: `Alibaba Cloud SMS: ${text.slice(0, 300)}` };
    }
    if (code === 'OK') return { status: 'sent', receipt };
    return {
      status: FINAL_CODES.has(code) ? 'failed' : 'retry',
      error: `Alibaba Cloud SMS answered ${code}`,
      receipt,
    };
  }
}
