/** Loads a GET endpoint and reloads when the URL changes. */
import { useCallback, useEffect, useState } from 'react';
import { get } from './api.ts';
import { useI18n } from './i18n.tsx';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useApi<T = any>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: url !== null });
  const [tick, setTick] = useState(0);
  // Answers the server words in the user's language (labels, explanations) are fetched again on a switch.
  const { lang } = useI18n();
  useEffect(() => {
    if (url === null) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    get<T>(url).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [url, tick, lang]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
