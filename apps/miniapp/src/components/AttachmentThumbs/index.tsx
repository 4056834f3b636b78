import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Button from '../Button';
import { requestImage } from '../../services/request';
import { a11y, imageA11y } from '../../utils/a11y';
import './index.scss';

const thumbPath = (id: number, size: 'thumb' | 'full') => `/api/attachments/${id}?size=${size}`;

/**
 * Photos a citizen or a handler attached, as thumbnails fetched with the staff token (an image
 * address alone cannot carry it); a thumbnail opens the photo large, 关闭 closes it.
 */
export default function AttachmentThumbs(props: { ids: number[]; what: string; testId: string }) {
  const [thumbs, setThumbs] = useState<Record<number, { src: string } | 'failed'>>({});
  const [large, setLarge] = useState<{ index: number; src: string | null } | null>(null);
  const key = props.ids.join(',');

  useEffect(() => {
    let current = true;
    for (const id of props.ids) {
      requestImage(thumbPath(id, 'thumb'), 'image/jpeg').then(
        (src) => current && setThumbs((t) => ({ ...t, [id]: { src } })),
        () => current && setThumbs((t) => ({ ...t, [id]: 'failed' })),
      );
    }
    return () => {
      current = false;
    };
    // The ids decide what to load; the array is new on every render.
  }, [key]);

  if (props.ids.length === 0) return null;
  const open = (index: number) => {
    setLarge({ index, src: null });
    requestImage(thumbPath(props.ids[index], 'full'), 'image/jpeg').then(
      (src) => setLarge({ index, src }),
      () => setLarge({ index, src: '' }),
    );
  };

  return (
    <View className="thumbs" data-testid={props.testId}>
      {props.ids.map((id, i) => {
        const thumb = thumbs[id];
        const name = `${props.what}照片 ${i + 1}，点击查看大图`;
        return (
          <Button
            key={id}
            className="thumbs__item"
            data-testid="thumb"
            {...a11y(name)}
            onClick={() => open(i)}
          >
            {thumb && thumb !== 'failed' ? (
              <Image
                className="thumbs__image"
                src={thumb.src}
                mode="aspectFit"
                {...imageA11y(name)}
              />
            ) : (
              <Text className="thumbs__placeholder">
                {thumb === 'failed' ? '无法加载' : '加载中'}
              </Text>
            )}
          </Button>
        );
      })}
      {large ? (
        <View
          className="thumbs__large"
          data-testid="photo-large"
          {...a11y('大图', { role: 'dialog' })}
        >
          {large.src ? (
            <Image
              className="thumbs__large-image"
              src={large.src}
              mode="aspectFit"
              {...imageA11y(`${props.what}照片 ${large.index + 1}`)}
            />
          ) : (
            <Text className="thumbs__placeholder">
              {large.src === '' ? '照片无法加载' : '正在加载…'}
            </Text>
          )}
          <Button
            className="btn btn--ghost thumbs__close"
            data-testid="photo-close"
            {...a11y('关闭大图')}
            onClick={() => setLarge(null)}
          >
            关闭
          </Button>
        </View>
      ) : null}
    </View>
  );
}
