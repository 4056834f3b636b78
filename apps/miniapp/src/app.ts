import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startRatingQueue } from './services/rating-queue';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Ratings that could not be sent on a weak network are retried now and when it comes back.
  useLaunch(() => startRatingQueue());
  // children is the page being rendered.
  return children;
}

export default App;
