import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isBlockedAddress, urlProblem } from './url-rules';

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook URL rules', () => {
  it('takes https with any port and path, and refuses other schemes and user:password', () => {
    expect(urlProblem('https://hooks.example.com:8443/in?x=1', false)).toBeNull();
    expect(urlProblem('http://hooks.example.com/in', false)).toBe('urlNotHttps');
    expect(urlProblem('ftp://hooks.example.com/in', false)).toBe('urlInvalid');
    expect(urlProblem('https://user:pw@hooks.example.com/', false)).toBe('urlUserinfo');
    expect(urlProblem('not a url', false)).toBe('urlInvalid');
  });

  it('refuses loopback, private, link-local, shared and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ])
      expect(isBlockedAddress(address, false), address).toBe(true);
    for (const address of ['93.184.216.34', '2606:4700::6810:84e5', '::ffff:93.184.216.34'])
      expect(isBlockedAddress(address, false), address).toBe(false);
  });

  it('lets loopback (and plain http to it) through only when WEBHOOKS_ALLOW_LOOPBACK allows it, never private networks', () => {
    expect(isBlockedAddress('127.0.0.1', true)).toBe(false);
    expect(isBlockedAddress('::1', true)).toBe(false);
    expect(isBlockedAddress('10.0.0.1', true)).toBe(true);
    expect(urlProblem('http://127.0.0.1:4000/hook', true)).toBeNull();
    expect(urlProblem('http://10.0.0.1/hook', true)).toBe('urlNotHttps');
  });

  it('checks every address a name resolves to', async () => {
    expect(await checkWebhookUrl('https://hooks.example.com/', resolvesTo('93.184.216.34'))).toBeNull();
    expect(await checkWebhookUrl('https://hooks.example.com/', resolvesTo('93.184.216.34', '10.0.0.7'))).toBe('urlPrivateAddress');
    expect(await checkWebhookUrl('https://metadata.example/', resolvesTo('169.254.169.254'))).toBe('urlPrivateAddress');
    expect(await checkWebhookUrl('https://[fd00::1]/', resolvesTo())).toBe('urlPrivateAddress');
    expect(
      await checkWebhookUrl('https://nowhere.example/', async () => {
        throw new Error('ENOTFOUND');
      }),
    ).toBe('urlUnresolvable');
  });
});
