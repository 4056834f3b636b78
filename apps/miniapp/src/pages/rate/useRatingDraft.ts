import { useState } from 'react';
import { isBadLevel, type RatingLevel } from '@haochaping/domain';
import type { SubmitRatingBody } from '../../services/api';
import { phoneError } from '../../utils/validate';

/** What the citizen has entered on the rating form so far, and its inline errors. */
export function useRatingDraft() {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [levelError, setLevelError] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [phoneServerError, setPhoneServerError] = useState('');

  const needsPhone = level !== null && isBadLevel(level) && !anonymous;
  return {
    level,
    levelError,
    tags,
    comment,
    anonymous,
    phone,
    needsPhone,
    phoneMessage: needsPhone
      ? phoneServerError || (phoneTouched ? phoneError(phone, true) : '')
      : '',
    setTags,
    setComment,
    /** A new level clears the tags (they belong to one level) and the errors. */
    chooseLevel: (next: RatingLevel) => {
      if (next !== level) setTags([]);
      setLevel(next);
      setLevelError('');
      setPhoneServerError('');
    },
    /** 实名 (false) or 匿名 (true). */
    chooseAnonymous: (value: boolean) => {
      setAnonymous(value);
      setPhoneServerError('');
    },
    changePhone: (value: string) => {
      setPhone(value);
      setPhoneServerError('');
    },
    touchPhone: () => setPhoneTouched(true),
    /** The server refused the phone number. */
    refusePhone: (message: string) => {
      setPhoneTouched(true);
      setPhoneServerError(message);
    },
    /**
     * Checks the draft; on success the request body (without token and channel), otherwise null
     * with the errors shown.
     */
    validate: (): Omit<SubmitRatingBody, 'token' | 'channel'> | null => {
      if (level === null) {
        setLevelError('请先选择一个评价等级');
        return null;
      }
      if (needsPhone && phoneError(phone, true)) {
        setPhoneTouched(true);
        return null;
      }
      const body: Omit<SubmitRatingBody, 'token' | 'channel'> = { level, anonymous };
      if (tags.length) body.tags = tags;
      if (comment.trim()) body.comment = comment.trim();
      if (needsPhone) body.contactPhone = phone;
      return body;
    },
    /** Puts back a submission saved on an earlier visit. */
    restore: (body: SubmitRatingBody) => {
      setLevel(body.level as RatingLevel);
      setTags(body.tags ?? []);
      setComment(body.comment ?? '');
      setAnonymous(!!body.anonymous);
      setPhone(body.contactPhone ?? '');
    },
  };
}

export type RatingDraft = ReturnType<typeof useRatingDraft>;
