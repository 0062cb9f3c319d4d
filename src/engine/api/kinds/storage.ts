// Strategies of storage.k8s.io/v1 kinds besides StorageClass (core.ts). Defaulting models
// pkg/apis/storage/v1/defaults.go SetDefaults_CSIDriver, with v1.33's default-on gates
// (SELinuxMountReadWriteOncePod is beta and on, so seLinuxMount defaults too).
import type { Strategy } from '../strategy.ts';
import { child, setDefault } from './access.ts';

export const csiDriverStrategy: Strategy = {
  default(driver) {
    const spec = child(driver, 'spec');
    setDefault(spec, 'attachRequired', true);
    setDefault(spec, 'podInfoOnMount', false);
    setDefault(spec, 'storageCapacity', false);
    setDefault(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
    if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) spec.volumeLifecycleModes = ['Persistent'];
    setDefault(spec, 'requiresRepublish', false);
    setDefault(spec, 'seLinuxMount', false);
  },
};
