import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../../src/contract/monitoring.js';

export type StreamStatus = 'connecting' | 'open' | 'closed';

/** Where the server pushes new alerts of the user's subscriptions (Server-Sent Events). */
export const alertStreamUrl = '/api/alerts/stream';

/**
 * Listens to the alert stream while mounted: `onAlert` gets each new alert of the user's subscriptions. The
 * browser reconnects by itself after a dropped connection (the server asks for 5 s).
 */
export function useAlertStream(onAlert: (alert: Alert) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handler = useRef(onAlert);
  handler.current = onAlert;

  useEffect(() => {
    const source = new EventSource(alertStreamUrl, { withCredentials: true });
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.addEventListener('alert', (event) => {
      try {
        handler.current(JSON.parse((event as MessageEvent<string>).data) as Alert);
      } catch {
        // A malformed event is skipped; the list on the page is read from the API anyway.
      }
    });
    return () => source.close();
  }, []);

  return status;
}
