import { describe, expect, it } from 'vitest';
import { step } from './progress.ts';

describe('start-up steps', () => {
  it('reports each finished step with its duration', async () => {
    const done: Array<[string, number]> = [];
    expect(await step('DynamoDB Local', async () => 'up', (name, ms) => done.push([name, ms]))).toBe('up');
    expect(done).toEqual([['DynamoDB Local', expect.any(Number)]]);
  });

  it('names the failed step in the error, keeping the cause and its code', async () => {
    const cause = Object.assign(new Error('Port 5011 is already in use'), { code: 'EADDRINUSE' });
    const done: string[] = [];
    const failed = step('DynamoDB Local', () => Promise.reject(cause), (name) => done.push(name));
    await expect(failed).rejects.toMatchObject({ message: 'DynamoDB Local: Port 5011 is already in use', code: 'EADDRINUSE', cause });
    expect(done).toEqual([]);
  });
});
