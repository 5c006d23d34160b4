import { screenModule } from './use-screen-module';

// The passcode screens are not needed to sign in, so they stay out of the first-load bundle; the
// service worker precaches them, so they open offline too. Every signed-in load starts with one of
// them, so main.tsx starts loading both at once, beside the signed-in frame's own chunk.
export const lockScreen = screenModule(() => import('../features/lock/lock-screen'));
export const setPasscodeScreen = screenModule(() => import('../features/lock/set-passcode-screen'));
