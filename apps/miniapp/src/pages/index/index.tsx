import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LEVEL_LABELS, RATING_LEVELS } from '@haochaping/domain';
import { health } from '../../services/api';
import './index.scss';

type HealthState = 'checking' | 'ok' | 'down';

const HEALTH_TEXT: Record<HealthState, string> = {
  checking: '服务状态：检测中…',
  ok: '服务状态：正常',
  down: '服务状态：不可用',
};

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

export default function Index() {
  const [healthState, setHealthState] = useState<HealthState>('checking');

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
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      // The rating page comes later; for now just show what was scanned.
      await Taro.showToast({ title: `已识别：${res.result}`, icon: 'none', duration: 2500 });
    } catch {
      // User cancelled or scanning failed.
      await Taro.showToast({ title: '未识别到二维码', icon: 'none' });
    }
  };

  return (
    <View className="home" data-testid="home">
      <View className="home__header">
        <Text className="home__title" data-testid="home-title">
          政务服务好差评
        </Text>
        <Text className="home__subtitle">您的评价，让服务更好</Text>
      </View>

      <View className="home__card">
        <Text className="home__card-title">如何评价</Text>
        <Text className="home__text">
          办事后扫描窗口二维码即可评价。每次办件可评价一次，差评将由相关部门核实整改并回访。
        </Text>
      </View>

      <View className="home__card">
        <Text className="home__card-title">评价等级</Text>
        <View className="home__levels" data-testid="rating-levels">
          {RATING_LEVELS.map((level) => (
            <View key={level} className="home__level" data-testid={`rating-level-${level}`}>
              <Text className="home__level-num">{level}</Text>
              <Text className="home__level-label">{LEVEL_LABELS[level]}</Text>
            </View>
          ))}
        </View>
      </View>

      {IS_WEAPP ? (
        <Button
          className="home__scan"
          type="primary"
          onClick={() => void onScan()}
          data-testid="scan-button"
        >
          扫码评价
        </Button>
      ) : (
        <View className="home__card home__hint" data-testid="scan-hint">
          <Text className="home__text">
            请使用手机相机或微信“扫一扫”扫描办事窗口的评价二维码，即可打开评价页面。
          </Text>
        </View>
      )}

      <Text className={`home__health home__health--${healthState}`} data-testid="health-status">
        {HEALTH_TEXT[healthState]}
      </Text>
    </View>
  );
}
