// What GET /version answers: the build of kube-apiserver Pilothouse emulates (DESIGN.md: v1.33),
// with the field set of a v1.33 server (version.Info, including the compatibility-version
// fields of KEP-4330 that v1.33 added).

/** The v1.33.1 release's version.Info. */
export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  emulationMajor: '1',
  emulationMinor: '33',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '32',
  gitVersion: 'v1.33.1',
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:19:08Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;
