import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../services/request';

/**
 * What a page loaded from the API: still loading, a link that names nothing (NOT_FOUND), an
 * expired rating period (TOKEN_EXPIRED), another failure with its message, or the data.
 */
export type Remote<T> =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'error'; message: string; code?: string }
  | { kind: 'ready'; data: T };

export function remoteFailure(
  error: unknown,
): Exclude<Remote<never>, { kind: 'ready' | 'loading' }> {
  if (error instanceof ApiError) {
    if (error.code === 'NOT_FOUND') return { kind: 'invalid' };
    if (error.code === 'TOKEN_EXPIRED') return { kind: 'expired' };
    return { kind: 'error', message: errorMessage(error), code: error.code };
  }
  return { kind: 'error', message: errorMessage(error) };
}

/**
 * Loads once per `key` (and again on `reload`), mapping failures the one way every page shows
 * them. A null `key` (no token in the link) is `invalid` without a request.
 */
export function useRemote<T>(
  key: string | null,
  load: (key: string) => Promise<T>,
): [Remote<T>, () => void] {
  // The state remembers the key it was loaded for: in the render after the key changed (before
  // the effect below runs) the previous key's data is not shown as this key's.
  const [state, setState] = useState<{ key: string | null; remote: Remote<T> }>({
    key,
    remote: key ? { kind: 'loading' } : { kind: 'invalid' },
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!key) {
      setState({ key, remote: { kind: 'invalid' } });
      return;
    }
    let current = true;
    setState({ key, remote: { kind: 'loading' } });
    load(key).then(
      (data) => current && setState({ key, remote: { kind: 'ready', data } }),
      (error: unknown) => current && setState({ key, remote: remoteFailure(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a module-level API call in every caller: the key and the round decide a reload.
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const remote: Remote<T> =
    state.key === key ? state.remote : key ? { kind: 'loading' } : { kind: 'invalid' };
  return [remote, reload];
}
