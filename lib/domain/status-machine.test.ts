import { describe, expect, it } from 'vitest';
import { allowedFrom, canTransition } from './status-machine.ts';

describe('status machine', () => {
  it('moves a new payment forward', () => {
    expect(canTransition('CREATED', 'PENDING')).toBe(true);
    expect(canTransition('PENDING', 'SUCCEEDED')).toBe(true);
    expect(canTransition('SUCCEEDED', 'REFUNDED')).toBe(true);
  });
  it('never moves backwards or out of a final state', () => {
    expect(canTransition('PENDING', 'CREATED')).toBe(false);
    expect(canTransition('SUCCEEDED', 'PENDING')).toBe(false);
    expect(canTransition('FAILED', 'SUCCEEDED')).toBe(false);
    expect(canTransition('REFUNDED', 'PARTIALLY_REFUNDED')).toBe(false);
  });
  it('lets a provider-confirmed payment win over a local close', () => {
    expect(canTransition('CLOSED', 'SUCCEEDED')).toBe(true);
    expect(allowedFrom('SUCCEEDED').sort()).toEqual(['CLOSED', 'CREATED', 'PENDING']);
  });
  it('only closes what has not been paid', () => {
    expect(allowedFrom('CLOSED').sort()).toEqual(['CREATED', 'PENDING']);
  });
});
