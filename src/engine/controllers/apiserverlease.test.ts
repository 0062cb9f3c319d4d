import { describe, expect, it } from 'vitest';
import { identityLeaseName } from './apiserverlease.ts';

describe('apiserver identity lease', () => {
  it('is named from the sha256 of the hostname in base32, as upstream', async () => {
    // python3: 'apiserver-' + b32encode(sha256(b'pilothouse-control-plane').digest()[:16]).rstrip('=').lower()
    expect(await identityLeaseName('pilothouse-control-plane')).toBe('apiserver-x5b6ydknvu6qyz5vwk3lqzd3my');
  });

});
