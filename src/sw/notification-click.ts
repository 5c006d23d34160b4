/** A tap on the "new recall list" notification brings the app's window forward, or opens it. */
export function handleNotificationClick(event: NotificationEvent, scope: ServiceWorkerGlobalScope): void {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/';
  event.waitUntil(
    (async () => {
      const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) await open.focus();
      else await scope.clients.openWindow(url);
    })(),
  );
}
