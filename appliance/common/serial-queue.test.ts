import { describe, expect, it } from 'vitest';
import { serialQueue } from './serial-queue.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('serialQueue', () => {
  it('runs tasks one at a time, in queue order, even when an earlier task is slower', async () => {
    const run = serialQueue();
    const events: string[] = [];
    let running = 0;
    const task = (name: string, ticks: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      events.push(`start ${name}`);
      for (let i = 0; i < ticks; i += 1) await tick();
      events.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([run(task('a', 5)), run(task('b', 1)), run(task('c', 0))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failed task rejects for its caller only; the next task still runs', async () => {
    const run = serialQueue();
    const failed = run(async () => {
      throw new Error('boom');
    });
    const next = run(async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('a task queued while another runs does not start before it settles', async () => {
    const run = serialQueue();
    let release: () => void = () => {};
    const first = run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    let secondStarted = false;
    const second = run(async () => {
      secondStarted = true;
      return 'second';
    });
    await tick();
    expect(secondStarted).toBe(false);
    release();
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('separate queues do not wait for each other', async () => {
    const a = serialQueue();
    const b = serialQueue();
    const blocked = a(() => new Promise<never>(() => {}));
    await expect(b(async () => 'free')).resolves.toBe('free');
    void blocked;
  });
});
