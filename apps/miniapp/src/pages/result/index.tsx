import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import { useRouter } from '@tarojs/taro';
import { isRatingLevel, LEVEL_LABELS } from '@haochaping/domain';
import ElderSwitch from '../../components/ElderSwitch';
import HomeButton from '../../components/HomeButton';
import StateView from '../../components/StateView';
import TicketNo from '../../components/TicketNo';
import {
  FIRST_CONTACT_WORKING_DAYS,
  IS_WEAPP,
  ROUTES,
  TICKET_DUE_WORKING_DAYS,
} from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import SubscribeButton from '../../components/SubscribeButton';
import { a11y, ariaLive } from '../../utils/a11y';
import { openPage, pageClass, routeParam } from '../../utils/nav';
import './index.scss';

/** Thanks; for a bad rating the ticket number and when the department will call back. */
export default function ResultPage() {
  const { params } = useRouter();
  const [elder, setElder] = useElderMode();

  const token = routeParam(params, 'token');
  const ratingId = Number(routeParam(params, 'ratingId')) || 0;
  const levelNum = Number(routeParam(params, 'level'));
  const level = isRatingLevel(levelNum) ? levelNum : null;
  const ticketNo = routeParam(params, 'ticketNo');
  const anonymous = routeParam(params, 'anonymous') === '1';
  const photosDropped = routeParam(params, 'photosDropped') === '1';

  const title = ticketNo ? '感谢您的评价，我们会认真整改' : '感谢您的评价！';
  const message = level ? `您的评价「${LEVEL_LABELS[level]}」已提交成功。` : '您的评价已提交成功。';

  return (
    <View className={pageClass(elder, 'result')} data-testid="result-page">
      <View className="result__top">
        <ElderSwitch value={elder} onChange={setElder} />
      </View>
      <StateView tone="success" title={title} message={message} testId="result-thanks">
        {photosDropped ? (
          <Text className="text result__note" data-testid="result-photos-dropped" {...ariaLive}>
            所选照片在本机保存时间过长、已失效，未能随评价提交；如需补充，可追加评价。
          </Text>
        ) : null}
        {ticketNo ? (
          <View className="result__ticket" data-testid="result-ticket" {...ariaLive}>
            <TicketNo ticketNo={ticketNo} />
            {anonymous ? (
              <Text className="text result__promise" data-testid="result-promise">
                {`您选择了匿名评价，工作人员无法回访您。相关部门将在 ${TICKET_DUE_WORKING_DAYS} 个工作日内完成整改。`}
              </Text>
            ) : (
              <Text className="text result__promise" data-testid="result-promise">
                {`我们将在 ${FIRST_CONTACT_WORKING_DAYS} 个工作日内与您联系，${TICKET_DUE_WORKING_DAYS} 个工作日内完成整改并向您反馈结果。`}
              </Text>
            )}
          </View>
        ) : null}

        {ticketNo ? <SubscribeButton token={token} /> : null}

        {token && ratingId ? (
          <Button
            className="btn btn--ghost"
            data-testid="follow-up-entry"
            {...a11y('追加评价')}
            onClick={() => openPage(ROUTES.followUp, { token, ratingId })}
          >
            追加评价
          </Button>
        ) : null}
        {IS_WEAPP ? (
          <Button
            className="btn btn--ghost"
            {...a11y('查看我的评价')}
            onClick={() => openPage(ROUTES.mine)}
          >
            查看我的评价
          </Button>
        ) : null}
        <HomeButton />
      </StateView>
    </View>
  );
}
