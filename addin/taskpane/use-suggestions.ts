// Suggestions for the current request: fetched when the request changes (after a short pause, so
// typing in a filter sends one request), the previous answer kept on screen meanwhile, and an
// outdated request cancelled.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import {
  fetchSuggestions,
  type SuggestionRequest,
  type SuggestionResponse,
} from './schedule-api.js';

export interface SuggestionsView {
  readonly data: SuggestionResponse | null;
  readonly error: unknown;
  /** A request is on its way (or waiting out the pause). */
  readonly loading: boolean;
  retry(): void;
}

interface Settled {
  /** The request (and attempt) this answer belongs to. */
  readonly key: string | null;
  readonly data: SuggestionResponse | null;
  readonly error: unknown;
}

const DEBOUNCE_MS = 250;

export function useSuggestions(api: ApiClient, request: SuggestionRequest | null): SuggestionsView {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled>({ key: null, data: null, error: null });
  const body = request ? JSON.stringify(request) : null;
  const key = body ? `${attempt}:${body}` : null;

  useEffect(() => {
    if (!key || !body) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(api, JSON.parse(body) as SuggestionRequest, controller.signal).then(
        (data) => setSettled({ key, data, error: null }),
        (error: unknown) => {
          if (!controller.signal.aborted) setSettled((s) => ({ key, data: s.data, error }));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, body]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return {
    data: settled.data,
    error: settled.error,
    loading: key !== null && settled.key !== key,
    retry,
  };
}
