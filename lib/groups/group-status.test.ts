import { describe, expect, it } from 'vitest';
import { groupStatus } from './group-status.ts';

describe('groupStatus', () => {
  it('is open, paid or closed when every member agrees', () => {
    expect(groupStatus(['CREATED', 'PENDING'])).toBe('open');
    expect(groupStatus(['SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED'])).toBe('paid');
    expect(groupStatus(['CLOSED', 'FAILED'])).toBe('closed');
  });

  it('is partially_paid with some paid and the rest open, mixed when any ended beside others', () => {
    expect(groupStatus(['SUCCEEDED', 'PENDING'])).toBe('partially_paid');
    expect(groupStatus(['SUCCEEDED', 'CLOSED'])).toBe('mixed');
    expect(groupStatus(['PENDING', 'FAILED'])).toBe('mixed');
  });

  it('counts a member without a payment as failed', () => {
    expect(groupStatus(['PENDING', undefined])).toBe('mixed');
    expect(groupStatus([undefined])).toBe('closed');
  });
});
