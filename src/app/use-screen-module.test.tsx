import { render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screenModule, useScreenModule } from './use-screen-module';

function Host({ of }: { of: ReturnType<typeof screenModule<{ Screen: () => ReactElement }>> }) {
  const module = useScreenModule(of);
  return module ? <module.Screen /> : <p>not yet</p>;
}

const importer = () => vi.fn(async () => ({ Screen: () => <p>the screen</p> }));

describe('screenModule', () => {
  it('imports the chunk once however often it is asked for', async () => {
    const load = importer();
    const screens = screenModule(load);
    expect(screens.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([screens.load(), screens.load()]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
    expect(screens.loaded()).toBe(a);
  });

  it('renders the screen once its chunk is there, without suspending', async () => {
    const screens = screenModule(importer());
    render(<Host of={screens} />);
    expect(screen.getByText('not yet')).toBeTruthy();
    expect(await screen.findByText('the screen')).toBeTruthy();
  });

  it('renders a preloaded screen in its first render', async () => {
    const screens = screenModule(importer());
    await screens.load();
    render(<Host of={screens} />);
    expect(screen.queryByText('not yet')).toBeNull();
    expect(screen.getByText('the screen')).toBeTruthy();
  });

  it('tries the import again after a failed one', async () => {
    const load = vi
      .fn<() => Promise<{ Screen: () => ReactElement }>>()
      .mockRejectedValueOnce(new Error('chunk gone'))
      .mockResolvedValueOnce({ Screen: () => <p>the screen</p> });
    const screens = screenModule(load);
    await expect(screens.load()).rejects.toThrow('chunk gone');
    expect((await screens.load()).Screen).toBeTypeOf('function');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
