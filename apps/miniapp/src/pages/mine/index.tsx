import { useCallback, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import HomeButton from '../../components/HomeButton';
import PageFrame from '../../components/PageFrame';
import StateView from '../../components/StateView';
import TicketCard from '../../components/TicketCard';
import { isRatingLevel, LEVEL_LABELS } from '@haochaping/domain';
import { IS_WEAPP, ROUTES } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import { myRatings, ticketAcceptance, wechatLogin, type MyRating } from '../../services/api';
import { ApiError, errorMessage, getCitizenToken, setCitizenToken } from '../../services/request';
import { deviceRatings, type RatingResult } from '../../services/rating-queue';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { openPage, routeParam } from '../../utils/nav';
import './index.scss';

type Screen =
  | { kind: 'h5' }
  | { kind: 'login'; message?: string }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'list'; items: MyRating[]; total: number };

/**
 * H5 has no login: the ratings given on this device (kept with their rating tokens), each opening
 * its progress page by the token — the capability the link itself carries.
 */
function DeviceRatings() {
  const [list] = useState<RatingResult[]>(() => deviceRatings());
  if (list.length === 0) {
    return (
      <StateView
        tone="info"
        title="本机还没有评价记录"
        message="在本机评价后，可在这里查看整改进度。也可以再次打开评价链接（扫描原来的二维码）查看。"
        testId="state-mine-h5"
      >
        <HomeButton />
      </StateView>
    );
  }
  return (
    <View data-testid="device-ratings">
      <Text className="muted">{`本机评价记录 ${list.length} 条（仅保存在本机）`}</Text>
      {list.map((r) => (
        <View key={r.token} className="card" data-testid="device-rating">
          <Text className="card__title">
            {isRatingLevel(r.level) ? LEVEL_LABELS[r.level] : '已评价'}
          </Text>
          <Text className="muted">{`评价时间：${formatDateTime(r.at)}`}</Text>
          {r.ticketNo ? <Text className="muted">{`整改工单号：${r.ticketNo}`}</Text> : null}
          <Button
            className="btn btn--ghost mine__open"
            data-testid="device-rating-open"
            {...a11y(
              r.ticketNo ? `查看工单${r.ticketNo}的整改进度` : `查看${formatDateTime(r.at)}的评价`,
            )}
            onClick={() => openPage(ROUTES.rate, { token: r.token })}
          >
            {r.ticketNo ? '查看整改进度' : '查看评价'}
          </Button>
        </View>
      ))}
      <HomeButton />
    </View>
  );
}

/** 我的评价: the citizen's own ratings with ticket progress (WeChat login on the mini-program). */
export default function MinePage() {
  const focusTicket = routeParam(useRouter().params, 'ticketNo');
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
      return root(<DeviceRatings />);
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
            {[
              // A progress message opens this page with its ticket: that one first.
              ...screen.items.filter((r) => focusTicket && r.ticket?.ticketNo === focusTicket),
              ...screen.items.filter((r) => !focusTicket || r.ticket?.ticketNo !== focusTicket),
            ].map((r) => (
              <TicketCard
                key={r.id}
                rating={r}
                focused={!!focusTicket && r.ticket?.ticketNo === focusTicket}
                busy={!!busyTicket && busyTicket === r.ticket?.ticketNo}
                onVerdict={(ticketNo, accepted) => void verdict(ticketNo, accepted)}
              />
            ))}
          </View>
        ),
      );
  }
}
