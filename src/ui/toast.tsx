import { useEffect } from 'react';

export type ToastMessage = { id: number; text: string; action?: { label: string; run: () => void } };

/** A polite live region that shows the latest message, with an optional action such as undo. */
export function Toast({
  message,
  onDismiss,
  timeoutMs = 10_000,
}: {
  message: ToastMessage | null;
  onDismiss: () => void;
  timeoutMs?: number;
}) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onDismiss, timeoutMs]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className="toast" key={message.id}>
          <span>{message.text}</span>
          {message.action && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                message.action?.run();
                onDismiss();
              }}
            >
              {message.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
