import Taro from '@tarojs/taro';
import Button from '../Button';
import { a11y } from '../../utils/a11y';

/** The 12345 government-service hotline. */
export const HOTLINE = '12345';

/** 拨打 12345: one tap opens the phone's dialler (a tel: link on H5). */
export default function HotlineButton({ variant = 'ghost' }: { variant?: 'ghost' | 'plain' }) {
  return (
    <Button
      className={`btn btn--${variant}`}
      data-testid="call-hotline"
      {...a11y(`拨打 ${HOTLINE} 政务服务热线`)}
      onClick={() => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}
    >
      {`拨打 ${HOTLINE} 政务服务热线`}
    </Button>
  );
}
