import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import Taro from '@tarojs/taro';
import { LEVEL_LABELS, RATING_LEVELS } from '@haochaping/domain';
import ElderSwitch from '../../components/ElderSwitch';
import { LEVEL_ICONS } from '../../components/LevelPicker';
import { IS_WEAPP, ROUTES } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import { health } from '../../services/api';
import { a11y, ariaHidden, ariaLive } from '../../utils/a11y';
import { openPage, pageClass } from '../../utils/nav';
import { parseRatingToken } from '../../utils/token';
import { staffSession } from '../../services/staff-session';
import './index.scss';

type HealthState = 'checking' | 'ok' | 'down';

export default function Index() {
  const [healthState, setHealthState] = useState<HealthState>('checking');
  const [elder, setElder] = useElderMode();

  useEffect(() => {
    let active = true;
    health()
      .then((res) => {
        if (active) setHealthState(res && res.status === 'ok' ? 'ok' : 'down');
      })
      .catch(() => {
        if (active) setHealthState('down');
      });
    return () => {
      active = false;
    };
  }, []);

  const onScan = async () => {
    let scanned: string;
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      scanned = res.result;
    } catch {
      return; // cancelled
    }
    // The window QR holds `${origin}/pages/rate/index?token=…`.
    const token = parseRatingToken(scanned);
    if (token) openPage(ROUTES.rate, { token });
    else await Taro.showToast({ title: '这不是评价二维码，请扫描窗口的评价码', icon: 'none' });
  };

  return (
    <View className={pageClass(elder, 'home')} data-testid="home">
      <View className="home__bar">
        <ElderSwitch value={elder} onChange={setElder} />
      </View>
      <View className="home__header">
        <Text className="home__title" data-testid="home-title">
          政务服务好差评
        </Text>
        <Text className="home__subtitle">您的评价，让服务更好</Text>
      </View>

      <View className="home__actions" data-testid="home-actions">
        {IS_WEAPP ? (
          <Button
            className="btn btn--primary home__scan"
            onClick={() => void onScan()}
            data-testid="scan-button"
            {...a11y('扫码评价，扫描办事窗口的评价二维码')}
          >
            扫码评价
          </Button>
        ) : (
          <View className="home__card home__hint" data-testid="scan-hint">
            <Text className="home__card-title">扫码评价</Text>
            <Text className="home__text">
              用手机相机或微信“扫一扫”扫描办事窗口的评价二维码，手机上会直接打开评价页面。
            </Text>
          </View>
        )}
        <Button
          className="btn btn--ghost"
          onClick={() => openPage(ROUTES.mine)}
          data-testid="mine-entry"
          {...a11y('我的评价')}
        >
          我的评价
        </Button>
      </View>

      <View className="home__card">
        <Text className="home__card-title">如何评价</Text>
        <Text className="home__text">
          办事后扫描窗口二维码即可评价。每次办件可评价一次，差评将由相关部门核实整改并回访，再次打开评价链接可查看整改进度。
        </Text>
      </View>

      <View className="home__card">
        <Text className="home__card-title">评价等级</Text>
        <View className="home__levels" data-testid="rating-levels">
          {RATING_LEVELS.map((level) => (
            <View key={level} className="home__level" data-testid={`rating-level-${level}`}>
              <Text className="home__level-icon" {...ariaHidden}>
                {LEVEL_ICONS[level]}
              </Text>
              <Text className="home__level-num">{level}</Text>
              <Text className="home__level-label">{LEVEL_LABELS[level]}</Text>
            </View>
          ))}
        </View>
      </View>

      <Button
        className="btn btn--plain home__staff"
        data-testid="staff-entry"
        {...a11y('工作人员入口')}
        onClick={() => openPage(staffSession() ? ROUTES.staffHome : ROUTES.staffLogin)}
      >
        工作人员入口
      </Button>

      {/* Only trouble is worth a line: a citizen has nothing to do with 服务状态：正常. */}
      {healthState === 'down' ? (
        <Text className="home__health home__health--down" data-testid="health-status" {...ariaLive}>
          服务暂时不可用，请稍后再试或拨打 12345
        </Text>
      ) : null}
    </View>
  );
}
