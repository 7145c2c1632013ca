import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from './feedback.js';

/**
 * A change made from a page: `run(work)` starts it, `submit(work)` is a form's submit handler that does the same;
 * `pending` while it runs, then `onDone`, or the failure kept in `error` for `<ActionError>`.
 */
export function useAction(onDone: () => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (work: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    work().then(
      () => {
        setPending(false);
        onDone();
      },
      (failure: unknown) => {
        setPending(false);
        setError(failure);
      },
    );
  };
  const submit = (work: () => Promise<unknown>) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(work);
  };
  return { pending, error, run, submit };
}

/** A failed change, translated, with the field at fault when the server named one. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null) return null;
  const field = (error as { field?: unknown }).field;
  return (
    <p className="form-error" role="alert">
      {t(errorKey(error))}
      {typeof field === 'string' && ` (${field})`}
    </p>
  );
}
