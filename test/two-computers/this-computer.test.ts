import { describe, expect, it } from 'vitest';
import { isLoopback, matchThisComputer, type ThisComputer } from '../../electron/main/server-place/this-computer';

const laptop: ThisComputer = {
  name: 'LAPTOP-JÜRGEN',
  dnsName: 'laptop-jürgen.home.arpa',
  addresses: () => ['127.0.0.1', '::1', '192.168.178.23', 'fe80::1c2d:3e4f:5a6b:7c8d'],
};

describe('is the target this computer?', () => {
  it('loopback, IPv4 and IPv6, in every spelling', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '[::1]']) {
      expect(isLoopback(a), a).toBe(true);
      expect(matchThisComputer(a, [], laptop), a).toBe('loopback');
    }
    for (const a of ['128.0.0.1', '10.0.0.5', '::2', 'fe80::1', '::ffff:10.0.0.1']) expect(isLoopback(a), a).toBe(false);
  });

  it('one of its own addresses, however IPv6 is written', () => {
    expect(matchThisComputer('192.168.178.23', [], laptop)).toBe('own-address');
    expect(matchThisComputer('FE80:0:0:0:1C2D:3E4F:5A6B:7C8D', [], laptop)).toBe('own-address');
    expect(matchThisComputer('192.168.178.24', [], laptop)).toBeNull();
  });

  it('its own short name and DNS name, in any case, with or without the final dot; localhost', () => {
    for (const n of ['laptop-jürgen', 'LAPTOP-JÜRGEN', 'Laptop-Jürgen.Home.Arpa.', 'localhost', 'LOCALHOST', 'app.localhost']) {
      expect(matchThisComputer(n, [], laptop), n).toBe('own-name');
    }
  });

  it('a name that resolves to loopback or to one of its addresses is this computer', () => {
    expect(matchThisComputer('my-alias', ['127.0.1.1'], laptop)).toBe('loopback');
    expect(matchThisComputer('my-alias', ['10.9.9.9', '192.168.178.23'], laptop)).toBe('own-address');
  });

  it('a name that resolves elsewhere, or does not resolve, is another computer', () => {
    expect(matchThisComputer('office-pc', ['192.168.178.40'], laptop)).toBeNull();
    expect(matchThisComputer('office-pc', [], laptop)).toBeNull();
    // A name that merely starts like this computer's is not it.
    expect(matchThisComputer('laptop-jürgen2', ['192.168.178.41'], laptop)).toBeNull();
  });
});
