import { useCallback, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import Taro, { useDidShow } from '@tarojs/taro';
import HomeButton from '../../components/HomeButton';
import PageFrame from '../../components/PageFrame';
import StateView from '../../components/StateView';
import TicketCard from '../../components/TicketCard';
import { IS_WEAPP } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import { myRatings, ticketAcceptance, wechatLogin, type MyRating } from '../../services/api';
import { ApiError, errorMessage, getCitizenToken, setCitizenToken } from '../../services/request';
import { a11y } from '../../utils/a11y';

type Screen =
  | { kind: 'h5' }
  | { kind: 'login'; message?: string }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'list'; items: MyRating[]; total: number };

/** 我的评价: the citizen's own ratings with ticket progress (WeChat login, mini-program only). */
export default function MinePage() {
  const [elder, setElder] = useElderMode();
  const [screen, setScreen] = useState<Screen>(IS_WEAPP ? { kind: 'loading' } : { kind: 'h5' });
  const [busyTicket, setBusyTicket] = useState('');

  const load = useCallback(() => {
    if (!IS_WEAPP) return;
    if (!getCitizenToken()) {
      setScreen({ kind: 'login' });
      return;
    }
    setScreen((s) => (s.kind === 'list' ? s : { kind: 'loading' }));
    myRatings(1, 50).then(
      (page) => setScreen({ kind: 'list', items: page.items, total: page.total }),
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'UNAUTHORIZED') {
          setCitizenToken(null);
          setScreen({ kind: 'login', message: '登录已过期，请重新登录' });
        } else setScreen({ kind: 'error', message: errorMessage(e) });
      },
    );
  }, []);

  useDidShow(load);

  const login = async () => {
    setScreen({ kind: 'loading' });
    try {
      const { code } = await Taro.login();
      const res = await wechatLogin(code);
      setCitizenToken(res.accessToken);
      load();
    } catch (e) {
      setScreen({ kind: 'login', message: errorMessage(e) });
    }
  };

  const verdict = async (ticketNo: string, accepted: boolean) => {
    if (!accepted) {
      const confirm = await Taro.showModal({
        title: '不认可处理结果？',
        content: '工单将退回相关部门重新办理，每个工单只能不认可一次。',
        confirmText: '不认可',
        cancelText: '再想想',
      }).catch(() => ({ confirm: false }));
      if (!confirm.confirm) return;
    }
    setBusyTicket(ticketNo);
    try {
      const ticket = await ticketAcceptance(ticketNo, accepted);
      setScreen((s) =>
        s.kind === 'list'
          ? {
              ...s,
              items: s.items.map((r) =>
                r.ticket?.ticketNo === ticketNo
                  ? {
                      ...r,
                      ticket: {
                        ...r.ticket,
                        status: ticket.status ?? r.ticket.status,
                        citizenAccepted: ticket.citizenAccepted ?? accepted,
                      },
                    }
                  : r,
              ),
            }
          : s,
      );
      void Taro.showToast({ title: accepted ? '已认可' : '已退回重新办理', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusyTicket('');
    }
  };

  const root = (children: ReactNode) => (
    <PageFrame title="我的评价" testId="mine-page" elder={elder} onElderChange={setElder}>
      {children}
    </PageFrame>
  );

  switch (screen.kind) {
    case 'h5':
      return root(
        <StateView
          tone="info"
          title="请在微信小程序中查看"
          message="「我的评价」需要微信登录，可查看您的评价、整改进度和部门答复。请在微信中搜索“好差评”小程序使用。"
          testId="state-mine-h5"
        >
          <HomeButton />
        </StateView>,
      );
    case 'login':
      return root(
        <StateView
          tone="info"
          title="登录后查看我的评价"
          message={screen.message ?? '使用微信登录，查看您的评价和整改进度。'}
          testId="state-login"
        >
          <Button className="btn btn--primary" {...a11y('微信登录')} onClick={() => void login()}>
            微信登录
          </Button>
        </StateView>,
      );
    case 'loading':
      return root(<Text className="muted">正在加载…</Text>);
    case 'error':
      return root(
        <StateView tone="info" title="暂时无法加载" message={screen.message} testId="state-error">
          <Button className="btn btn--primary" {...a11y('重新加载')} onClick={load}>
            重新加载
          </Button>
        </StateView>,
      );
    case 'list':
      return root(
        screen.items.length === 0 ? (
          <StateView
            tone="info"
            title="还没有评价"
            message="办事后扫描窗口的评价二维码即可评价。"
            testId="state-empty"
          />
        ) : (
          <View data-testid="my-ratings">
            <Text className="muted">{`共 ${screen.total} 条评价`}</Text>
            {screen.items.map((r) => (
              <TicketCard
                key={r.id}
                rating={r}
                busy={!!busyTicket && busyTicket === r.ticket?.ticketNo}
                onVerdict={(ticketNo, accepted) => void verdict(ticketNo, accepted)}
              />
            ))}
          </View>
        ),
      );
  }
}
