/**
 * Tells the app's other tabs that this one locked or wiped the tablet, so none of them keeps
 * showing personal data (each tab holds its own copy of the key while unlocked).
 */
type LockMessage = { type: 'locked' } | { type: 'wiped' };
const CHANNEL = 'recall-lock';

export function announce(message: LockMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
  channel.close();
}

export function listen(onMessage: (message: LockMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<LockMessage>) => onMessage(event.data);
  return () => channel.close();
}
