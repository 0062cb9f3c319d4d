// The image step of starting a container: kuberuntime_container.go startContainer's
// EnsureImageExists (pkg/kubelet/images/image_manager.go) with its events and the pull
// policy's rules; a failure is sent to the container's machine, which backs off.
import type { Clock } from '../clock/index.ts';
import { PullError, type ContainerRuntime, type PulledImage } from '../runtime/index.ts';
import type { ContainerEvent } from './container.ts';
import { goDuration } from './duration.ts';
import type { EventType } from './events.ts';
import type { PodContainer } from './pod.ts';

/** kubelet images: the pull policy the API defaulted, or its rule (Always for :latest or no tag). */
const pullPolicyOf = (c: PodContainer) => c.imagePullPolicy ?? (/:[^/]+$/.test(c.image ?? '') && !(c.image ?? '').endsWith(':latest') ? 'IfNotPresent' : 'Always');

/** The image, present or pulled; undefined when it cannot be had (the machine has been told why). */
export async function ensureImage(
  runtime: ContainerRuntime, clock: Clock, spec: PodContainer,
  event: (type: EventType, reason: string, message: string) => void, send: (e: ContainerEvent) => void,
): Promise<PulledImage | undefined> {
  const image = spec.image ?? '';
  const policy = pullPolicyOf(spec);
  const present = runtime.imageStatus(image);
  if (present && policy !== 'Always') {
    event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
    return present;
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    event('Warning', 'ErrImageNeverPull', message);
    send({ type: 'container.createFailed', reason: 'ErrImageNeverPull', message });
    return undefined;
  }
  event('Normal', 'Pulling', `Pulling image "${image}"`);
  const began = clock.now();
  try {
    const pulled = await runtime.pullImage(image);
    const took = goDuration(clock.now() - began);
    event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${pulled.sizeBytes} bytes.`);
    return pulled;
  } catch (err) {
    if (!(err instanceof PullError)) throw err;
    event('Warning', 'Failed', `Failed to pull image "${image}": ${err.message}`);
    event('Warning', 'Failed', 'Error: ErrImagePull');
    send({ type: 'image.pullFailed', message: err.message });
    return undefined;
  }
}
