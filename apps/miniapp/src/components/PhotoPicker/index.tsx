import { useCallback, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Button from '../Button';
import Taro from '@tarojs/taro';
import { RATING_LIMITS } from '@haochaping/domain';
import { uploadAttachment } from '../../services/api';
import { errorMessage } from '../../services/request';
import { a11y, ariaHidden, ariaLive } from '../../utils/a11y';
import './index.scss';

export interface Photo {
  key: string;
  path: string;
  status: 'uploading' | 'done' | 'error';
  progress: number;
  id?: number;
  /** The key the upload answered: sent beside the id, proves the photo is this user's upload. */
  uploadKey?: string;
  error?: string;
}

export interface PhotoUploads {
  photos: Photo[];
  /** ids of the uploaded photos, for attachmentIds */
  ids: number[];
  /** their upload keys in the same order, for attachmentKeys */
  keys: string[];
  /** an upload is still running: wait before submitting */
  busy: boolean;
  choose: () => Promise<void>;
  remove: (key: string) => void;
  retry: (key: string) => void;
}

const MAX_BYTES = RATING_LIMITS.attachmentBytesMax;
const MAX_MB = MAX_BYTES / 1024 / 1024;

/** Choose (Taro.chooseImage) and upload (POST /api/attachments) up to 6 photos, with progress. */
export function usePhotoUploads(max: number = RATING_LIMITS.attachmentsMax): PhotoUploads {
  const [photos, setPhotos] = useState<Photo[]>([]);
  const seq = useRef(0);
  const count = useRef(0);
  count.current = photos.length;

  const patch = useCallback((key: string, change: Partial<Photo>) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }, []);

  const start = useCallback(
    (photo: Photo) => {
      uploadAttachment(photo.path, (progress) =>
        patch(photo.key, { progress: Math.min(99, progress) }),
      ).then(
        (res) =>
          patch(photo.key, { status: 'done', progress: 100, id: res.id, uploadKey: res.key }),
        (error: unknown) =>
          patch(photo.key, { status: 'error', progress: 0, error: errorMessage(error) }),
      );
    },
    [patch],
  );

  const choose = useCallback(async () => {
    const room = max - count.current;
    if (room <= 0) return;
    let files: { path: string; size: number }[];
    try {
      const res = await Taro.chooseImage({
        count: room,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      files = res.tempFiles.slice(0, room);
    } catch {
      return; // cancelled
    }
    const added: Photo[] = files.map((f) => {
      seq.current += 1;
      const key = `p${seq.current}`;
      return f.size > MAX_BYTES
        ? { key, path: f.path, status: 'error', progress: 0, error: `照片不能超过${MAX_MB}MB` }
        : { key, path: f.path, status: 'uploading', progress: 0 };
    });
    setPhotos((list) => [...list, ...added].slice(0, max));
    added.filter((p) => p.status === 'uploading').forEach(start);
  }, [max, start]);

  const remove = useCallback((key: string) => {
    setPhotos((list) => list.filter((p) => p.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const photo = photos.find((p) => p.key === key);
      if (!photo || photo.error?.includes('MB')) return;
      patch(key, { status: 'uploading', progress: 0, error: undefined });
      start(photo);
    },
    [photos, patch, start],
  );

  const done = photos.filter((p) => p.status === 'done' && p.id && p.uploadKey);
  return {
    photos,
    ids: done.map((p) => p.id as number),
    keys: done.map((p) => p.uploadKey as string),
    busy: photos.some((p) => p.status === 'uploading'),
    choose,
    remove,
    retry,
  };
}

interface Props {
  uploads: PhotoUploads;
  max?: number;
}

export default function PhotoPicker({ uploads, max = RATING_LIMITS.attachmentsMax }: Props) {
  const { photos, choose, remove, retry } = uploads;
  return (
    <View className="photo-picker" data-testid="photo-picker">
      <View className="photo-picker__grid">
        {photos.map((p, index) => (
          <View key={p.key} className="photo" data-testid="photo">
            <Image
              className="photo__img"
              src={p.path}
              mode="aspectFill"
              {...a11y(`第${index + 1}张照片`)}
            />
            {p.status === 'uploading' ? (
              <View className="photo__mask" {...ariaLive}>
                <Text className="photo__mask-text">{`上传中 ${p.progress}%`}</Text>
                <View className="photo__bar">
                  <View className="photo__bar-fill" style={{ width: `${p.progress}%` }} />
                </View>
              </View>
            ) : null}
            {p.status === 'error' ? (
              <View
                className="photo__mask photo__mask--error"
                {...a11y(`第${index + 1}张照片上传失败：${p.error ?? ''}，点按重试`)}
                onClick={() => retry(p.key)}
              >
                <Text className="photo__mask-text">{p.error ?? '上传失败'}</Text>
                {p.error?.includes('MB') ? null : (
                  <Text className="photo__mask-text">点按重试</Text>
                )}
              </View>
            ) : null}
            <Button
              className="photo__remove"
              {...a11y(`删除第${index + 1}张照片`)}
              onClick={() => remove(p.key)}
            >
              <Text {...ariaHidden}>×</Text>
            </Button>
          </View>
        ))}
        {photos.length < max ? (
          <Button
            className="photo-picker__add"
            data-testid="photo-add"
            {...a11y(`添加照片 ${photos.length}/${max}，还可添加${max - photos.length}张`)}
            onClick={() => void choose()}
          >
            <Text className="photo-picker__plus" {...ariaHidden}>
              +
            </Text>
            <Text className="photo-picker__add-text">{`${photos.length}/${max}`}</Text>
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** The optional photos card of the rating and complaint forms. */
export function PhotoCard({ uploads }: { uploads: PhotoUploads }) {
  return (
    <View className="card">
      <Text className="card__title">
        上传照片
        <Text className="card__hint">{`选填，最多${RATING_LIMITS.attachmentsMax}张`}</Text>
      </Text>
      <PhotoPicker uploads={uploads} />
    </View>
  );
}
