import { describe, expect, it } from 'vitest';
import { clientMessages } from './client-messages';

const catalogue = { common: { a: 1 }, nav: { b: 2 }, workOrders: { c: 3 }, workOrder: { d: 4 }, admin: { e: 5 } };

describe('clientMessages', () => {
  it("sends the shell's namespaces and the page's own, nothing else", () => {
    expect(clientMessages(catalogue, ['workOrders'])).toEqual({ common: { a: 1 }, nav: { b: 2 }, workOrders: { c: 3 } });
  });

  it('sends only the shell when a page asks for nothing more', () => {
    expect(Object.keys(clientMessages(catalogue, []))).toEqual(['common', 'nav']);
  });
});
