import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import { ROUTES } from '../../constants';
import { useStaffSession } from '../../hooks/useStaffSession';
import { ApiError } from '../../services/request';
import { kioskState, transactionQr, type KioskState } from '../../services/staff-api';
import { a11y, ariaLive, imageA11y } from '../../utils/a11y';
import './index.scss';

/** How often the tablet asks for the window's latest transaction: a new one shows within 3 s. */
const POLL_MS = 2000;
/** How long 感谢评价 stays before the screen waits for the next transaction. */
const THANKS_MS = 8000;

type Shown =
  | { kind: 'loading' }
  | { kind: 'idle' }
  | { kind: 'qr'; current: NonNullable<KioskState['current']>; qr: string }
  | { kind: 'thanks'; transactionNo: string };

/**
 * 评价器: a tablet at the window shows the rating QR code of the window's latest unrated
 * transaction, switches to the next one as soon as it is registered, thanks the citizen once
 * it is rated. The staff session is kept in storage, so a reload comes back here.
 */
export default function StaffKioskPage() {
  const session = useStaffSession(ROUTES.staffKiosk);
  const windowId = session?.user.windowId ?? null;
  const [windowName, setWindowName] = useState('');
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  const [offline, setOffline] = useState(false);
  const [problem, setProblem] = useState('');
  // What is on screen now, read by the poll without restarting it.
  const showing = useRef<{ id: number | null; thanksUntil: number }>({ id: null, thanksUntil: 0 });

  useEffect(() => {
    if (!windowId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const state = await kioskState(windowId);
        if (stopped) return;
        setOffline(false);
        setWindowName(state.windowName);
        const on = showing.current;
        const now = Date.now();
        if (state.current && state.current.transactionId !== on.id) {
          const qr = await transactionQr(state.current.transactionId);
          if (stopped) return;
          on.id = state.current.transactionId;
          on.thanksUntil = 0;
          setShown({ kind: 'qr', current: state.current, qr });
        } else if (!state.current && on.id !== null) {
          // What was shown is no longer waiting: rated (thank the citizen) or expired.
          const rated = state.lastRated?.transactionId === on.id;
          on.id = null;
          on.thanksUntil = rated ? now + THANKS_MS : 0;
          setShown(
            rated
              ? { kind: 'thanks', transactionNo: state.lastRated?.transactionNo ?? '' }
              : { kind: 'idle' },
          );
        } else if (!state.current && on.thanksUntil && now >= on.thanksUntil) {
          on.thanksUntil = 0;
          setShown({ kind: 'idle' });
        } else if (!state.current && !on.thanksUntil) {
          setShown((s) => (s.kind === 'loading' ? { kind: 'idle' } : s));
        }
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.status === 404) {
          setProblem('该账号未绑定窗口，请联系系统管理员。');
          return;
        }
        setOffline(true);
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [windowId]);

  useEffect(() => {
    // A kiosk screen never dims on weapp while it waits.
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true });
  }, []);

  if (!session) return null;
  const leave = () => void Taro.redirectTo({ url: ROUTES.staffHome });

  return (
    <View className="kiosk" data-testid="staff-kiosk" {...a11y('评价器', { role: 'main' })}>
      <View className="kiosk__top">
        <Text className="kiosk__window" data-testid="kiosk-window">
          {windowName || '评价器'}
        </Text>
        <Button
          className="kiosk__leave"
          data-testid="kiosk-leave"
          {...a11y('退出评价器')}
          onClick={leave}
        >
          退出评价器
        </Button>
      </View>
      <View className="kiosk__stage" {...ariaLive}>
        {!windowId || problem ? (
          <Text className="kiosk__message">
            {problem || '该账号未绑定窗口，请联系系统管理员。'}
          </Text>
        ) : shown.kind === 'loading' ? (
          <Text className="kiosk__message">正在加载…</Text>
        ) : shown.kind === 'idle' ? (
          <View className="kiosk__idle" data-testid="kiosk-idle">
            <Text className="kiosk__title">欢迎办事</Text>
            <Text className="kiosk__message">办结后，请扫描此处显示的二维码评价本次服务</Text>
          </View>
        ) : shown.kind === 'thanks' ? (
          <View className="kiosk__thanks" data-testid="kiosk-thanks">
            <Text className="kiosk__title">感谢评价</Text>
            <Text className="kiosk__message">您的评价已收到，我们会持续改进服务。</Text>
          </View>
        ) : (
          <View
            className="kiosk__qr"
            data-testid="kiosk-qr"
            data-transaction={shown.current.transactionNo}
          >
            <Text className="kiosk__title">请扫码评价本次服务</Text>
            <Image
              className="kiosk__image"
              data-testid="kiosk-qr-image"
              src={shown.qr}
              {...imageA11y(`评价二维码，办件 ${shown.current.transactionNo}`)}
            />
            <Text className="kiosk__detail">
              {`${shown.current.serviceItemName} · 经办人 ${shown.current.staffName}`}
            </Text>
            <Text className="kiosk__no">{`办件编号 ${shown.current.transactionNo}`}</Text>
          </View>
        )}
      </View>
      {offline ? (
        <Text className="kiosk__offline" data-testid="kiosk-offline">
          网络连接中断，正在重试…
        </Text>
      ) : null}
    </View>
  );
}
