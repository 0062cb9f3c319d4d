// The image catalogue: what the simulated registry holds, and for each image what a real one
// carries that a learner can observe: its ENTRYPOINT and CMD, environment, the tools on its
// PATH (busybox or GNU, which shell), a few files, its size, and the program its entrypoint
// runs. A repository not in the catalogue does not exist (the pull fails as a real one does
// for a typo); a lesson can add its own images.
import { COREUTILS } from './coreutils.ts';
import { NETTOOLS } from './nettools.ts';
import type { Program, Toolset } from './process.ts';
import * as programs from './programs.ts';
import { digestOf, type ImageReference } from './reference.ts';
import { shellProgram, type ShellFlavor } from './shell.ts';
import { tar } from './tar.ts';
import { testProgram } from './test-builtin.ts';

export interface ImageDefinition {
  /** Normalized repository, `docker.io/library/nginx`. */
  repository: string;
  /** Whether a tag exists in the registry. */
  hasTag(tag: string): boolean;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  toolset: Toolset;
  /** What `sh` is in this image; none for images without a shell (distroless, pause). */
  shell?: ShellFlavor;
  /** Whether bash is installed too. */
  bash?: boolean;
  /** Programs of the image beyond the toolset, by command name. */
  programs: Record<string, Program>;
  /** Extra tools of the toolset this image has (curl in nginx, wget/nslookup in busybox). */
  extraTools?: string[];
  files: Record<string, string>;
}

const BUSYBOX_TOOLS = ['echo', 'printf', 'cat', 'ls', 'env', 'printenv', 'hostname', 'pwd', 'whoami', 'id', 'uname', 'date', 'sleep', 'mkdir', 'touch', 'rm', 'head', 'tail', 'wc', 'grep', 'sort', 'seq', 'tee', 'true', 'false', 'test', 'tar', 'nslookup', 'wget'];
const GNU_TOOLS = ['echo', 'printf', 'cat', 'ls', 'env', 'printenv', 'hostname', 'pwd', 'whoami', 'id', 'uname', 'date', 'sleep', 'mkdir', 'touch', 'rm', 'head', 'tail', 'wc', 'grep', 'sort', 'seq', 'tee', 'true', 'false', 'test', 'tar'];
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Directories of a root filesystem (keys ending in `/`, as ContainerFs reads them). */
const dirs = (...names: string[]) => Object.fromEntries(names.map((n) => [`/${n}/`, '']));
// What `ls /` shows in each base image family.
const DEBIAN_ROOT = dirs('bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var');
const BUSYBOX_ROOT = dirs('bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var');
const ALPINE_ROOT = dirs('bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var');

const osRelease = (pretty: string, id: string, version: string) => `PRETTY_NAME="${pretty}"\nNAME="${pretty.replace(/ \d.*$/, '')}"\nVERSION_ID="${version}"\nID=${id}\n`;
const DEBIAN_FILES = { ...DEBIAN_ROOT, '/etc/os-release': osRelease('Debian GNU/Linux 13 (trixie)', 'debian', '13'), '/etc/debian_version': '13.2\n' };
const ALPINE_FILES = { ...ALPINE_ROOT, '/etc/os-release': osRelease('Alpine Linux v3.22', 'alpine', '3.22.2'), '/etc/alpine-release': '3.22.2\n' };

/** Semantic-ish version tags up to a newest one: `1.27`, `1.27.3`, `1.27-alpine`. */
function versionTags(newest: string, aliases: string[], variants: string[] = []): (tag: string) => boolean {
  const max = newest.split('.').map(Number);
  return (tag) => {
    if (aliases.includes(tag)) return true;
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-(.+))?$/.exec(tag);
    if (!m || (m[4] !== undefined && !variants.includes(m[4]))) return false;
    const v = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    for (let i = 0; i < 3; i++) {
      if (v[i]! !== (max[i] ?? 0)) return v[i]! < (max[i] ?? 0);
    }
    return true;
  };
}

const anyTag = () => true;

function image(def: Partial<ImageDefinition> & Pick<ImageDefinition, 'repository' | 'sizeBytes' | 'hasTag'>): ImageDefinition {
  return { entrypoint: [], cmd: [], env: { PATH }, workingDir: '/', toolset: 'gnu', programs: {}, files: {}, ...def };
}

/** A busybox-based image (busybox, alpine) running `cmd`. */
const busyboxImage = (repository: string, sizeBytes: number, hasTag: (t: string) => boolean, files: Record<string, string> = {}) =>
  image({ repository, sizeBytes, hasTag, cmd: ['sh'], toolset: 'busybox', shell: 'ash', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }, files: { ...BUSYBOX_ROOT, ...files } });

/** A server program in an image that has no shell (a Go binary on distroless or scratch). */
const binaryImage = (repository: string, sizeBytes: number, binary: string, program: Program, cmd: string[] = []) =>
  image({ repository, sizeBytes, hasTag: anyTag, entrypoint: [binary], cmd, env: { PATH }, programs: { [binary.slice(binary.lastIndexOf('/') + 1)]: program } });

export const CATALOGUE: ImageDefinition[] = [
  image({
    repository: 'docker.io/library/nginx', sizeBytes: 72_188_133, hasTag: versionTags('1.29.3', ['latest', 'stable', 'mainline', 'alpine', 'perl', 'alpine-slim', 'bookworm', 'trixie'], ['alpine', 'perl', 'alpine-slim', 'bookworm', 'trixie', 'otel']),
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], env: { PATH, NGINX_VERSION: '1.29.3', NJS_VERSION: '0.9.4', PKG_RELEASE: '1~trixie' },
    shell: 'dash', bash: true, extraTools: ['curl'],
    programs: { 'docker-entrypoint.sh': programs.nginx, nginx: programs.nginx },
    files: { ...DEBIAN_FILES, '/docker-entrypoint.sh': '#!/bin/sh\n', '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n', '/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n', '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n', '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n', '/usr/share/nginx/html/index.html': programs.IMAGE_FILES.nginxIndex, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n', '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n', '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n' },
  }),
  busyboxImage('docker.io/library/busybox', 2_155_876, versionTags('1.37.0', ['latest', 'stable', 'musl', 'glibc', 'uclibc'], ['musl', 'glibc', 'uclibc'])),
  busyboxImage('registry.k8s.io/busybox', 1_144_547, anyTag),
  busyboxImage('gcr.io/google-containers/busybox', 1_144_547, anyTag),
  busyboxImage('docker.io/radial/busyboxplus', 4_228_956, anyTag),
  { ...busyboxImage('docker.io/library/alpine', 3_802_452, versionTags('3.22.2', ['latest', 'edge'])), cmd: ['/bin/sh'], files: ALPINE_FILES },
  { ...image({ repository: 'docker.io/library/bash', sizeBytes: 6_430_912, hasTag: versionTags('5.3', ['latest', 'devel'], ['alpine3.22']) }), entrypoint: ['docker-entrypoint.sh'], cmd: ['bash'], toolset: 'busybox', shell: 'ash', bash: true, programs: { 'docker-entrypoint.sh': shellProgram('bash') }, files: ALPINE_FILES },
  image({ repository: 'docker.io/library/ubuntu', sizeBytes: 29_723_147, hasTag: versionTags('25.10', ['latest', 'rolling', 'devel', 'jammy', 'noble', 'plucky', 'questing', 'focal']), cmd: ['/bin/bash'], shell: 'dash', bash: true, files: { ...DEBIAN_ROOT, '/etc/os-release': osRelease('Ubuntu 24.04.3 LTS', 'ubuntu', '24.04') } }),
  image({ repository: 'docker.io/library/debian', sizeBytes: 49_283_532, hasTag: versionTags('13.2', ['latest', 'stable', 'testing', 'bookworm', 'trixie', 'bullseye', 'bookworm-slim', 'trixie-slim', 'stable-slim']), cmd: ['bash'], shell: 'dash', bash: true, files: DEBIAN_FILES }),
  image({ repository: 'docker.io/library/fedora', sizeBytes: 63_002_184, hasTag: versionTags('43', ['latest', 'rawhide']), cmd: ['/bin/bash'], shell: 'bash', bash: true, files: { ...DEBIAN_ROOT, '/etc/os-release': osRelease('Fedora Linux 43 (Container Image)', 'fedora', '43') } }),
  image({ repository: 'docker.io/library/redis', sizeBytes: 45_420_166, hasTag: versionTags('8.2.3', ['latest', 'alpine', 'bookworm'], ['alpine', 'bookworm']), entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], env: { PATH, REDIS_VERSION: '8.2.3' }, workingDir: '/data', shell: 'dash', bash: true, programs: { 'docker-entrypoint.sh': programs.redis, 'redis-server': programs.redis }, files: { ...DEBIAN_FILES, '/data/': '' } }),
  image({ repository: 'registry.k8s.io/redis', sizeBytes: 38_000_000, hasTag: anyTag, cmd: ['redis-server'], shell: 'dash', programs: { 'redis-server': programs.redis } }),
  image({ repository: 'docker.io/library/httpd', sizeBytes: 58_123_045, hasTag: versionTags('2.4.65', ['latest', 'alpine'], ['alpine']), cmd: ['httpd-foreground'], workingDir: '/usr/local/apache2', shell: 'dash', bash: true, programs: { 'httpd-foreground': programs.httpd }, files: DEBIAN_FILES }),
  image({ repository: 'docker.io/library/mysql', sizeBytes: 172_000_000, hasTag: versionTags('9.5.0', ['latest', 'lts', 'innovation']), entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], shell: 'bash', bash: true, programs: { 'docker-entrypoint.sh': programs.mysql, mysqld: programs.mysql } }),
  image({ repository: 'docker.io/library/postgres', sizeBytes: 158_000_000, hasTag: versionTags('18.1', ['latest', 'alpine', 'bookworm', 'trixie'], ['alpine', 'bookworm', 'trixie']), entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], shell: 'dash', bash: true, programs: { 'docker-entrypoint.sh': programs.postgres, postgres: programs.postgres }, files: DEBIAN_FILES }),
  image({ repository: 'docker.io/library/perl', sizeBytes: 331_000_000, hasTag: versionTags('5.42.0', ['latest', 'slim'], ['slim', 'threaded']), cmd: ['perl5.42.0', '-de0'], shell: 'dash', bash: true, programs: { perl: programs.perl, 'perl5.42.0': programs.perl }, files: DEBIAN_FILES }),
  image({ repository: 'docker.io/library/python', sizeBytes: 385_000_000, hasTag: versionTags('3.14.0', ['latest', 'slim', 'alpine'], ['slim', 'alpine', 'bookworm', 'slim-bookworm']), cmd: ['python3'], shell: 'dash', bash: true, programs: { python3: programs.repl, python: programs.repl }, files: DEBIAN_FILES }),
  image({ repository: 'docker.io/library/node', sizeBytes: 405_000_000, hasTag: versionTags('25.2.1', ['latest', 'lts', 'alpine', 'slim'], ['alpine', 'slim', 'bookworm']), entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], shell: 'dash', bash: true, programs: { 'docker-entrypoint.sh': programs.repl, node: programs.repl }, files: DEBIAN_FILES }),
  image({ repository: 'registry.k8s.io/pause', sizeBytes: 320_368, hasTag: versionTags('3.10.1', ['latest']), entrypoint: ['/pause'], programs: { pause: programs.pause } }),
  binaryImage('gcr.io/google-samples/hello-app', 4_128_394, '/hello-app', programs.helloApp),
  binaryImage('us-docker.pkg.dev/google-samples/containers/gke/hello-app', 4_128_394, '/hello-app', programs.helloApp),
  binaryImage('docker.io/hashicorp/http-echo', 3_265_402, '/http-echo', programs.httpEcho),
  image({ repository: 'docker.io/vish/stress', sizeBytes: 1_561_432, hasTag: anyTag, entrypoint: ['/stress', '--logtostderr'], programs: { stress: programs.stress } }),
  image({ repository: 'docker.io/polinux/stress', sizeBytes: 4_180_812, hasTag: anyTag, cmd: ['stress'], toolset: 'busybox', shell: 'ash', programs: { stress: programs.stress } }),
  // Images of the Kubernetes docs whose behaviour is not modelled: they run and log nothing.
  ...['registry.k8s.io/e2e-test-images/agnhost', 'registry.k8s.io/nginx-slim', 'registry.k8s.io/hpa-example', 'registry.k8s.io/serve_hostname',
    'registry.k8s.io/goproxy', 'registry.k8s.io/kubernetes-zookeeper', 'gcr.io/google-samples/xtrabackup', 'gcr.io/google-samples/cassandra',
    'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend', 'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower',
    'quay.io/fluentd_elasticsearch/fluentd', 'docker.io/library/wordpress', 'docker.io/library/mongo', 'docker.io/library/rabbitmq',
    'nvcr.io/nvidia/k8s/cuda-sample', 'docker.io/nvidia/cuda'].map((repository) =>
    image({ repository, sizeBytes: 60_000_000, hasTag: anyTag, cmd: ['run'], shell: 'dash', programs: { run: programs.idle } })),
];

/** Finds an image; undefined when the repository does not exist in the registry. */
export function findImage(ref: ImageReference, extra: ImageDefinition[] = []): ImageDefinition | undefined {
  return [...extra, ...CATALOGUE].find((def) => def.repository === ref.repository);
}

/** The image's `docker.io/library/nginx@sha256:...`, stable per name and tag. */
export function imageRefOf(ref: ImageReference): string {
  return `${ref.repository}@${ref.digest ?? digestOf(`${ref.repository}:${ref.tag}`)}`;
}

/** The tools kubectl cp execs: `test -d` on the destination, and tar. */
const ARCHIVE_TOOLS: Record<string, Program> = { tar, test: testProgram };

/** Every program the image can run, by command name: its toolset, shell, and own programs. */
export function programsOf(def: ImageDefinition): Map<string, Program> {
  const out = new Map<string, Program>();
  if (def.shell) {
    const tools = def.toolset === 'busybox' ? BUSYBOX_TOOLS : GNU_TOOLS;
    for (const name of [...tools, ...(def.extraTools ?? [])]) {
      const program = COREUTILS[name] ?? NETTOOLS[name] ?? ARCHIVE_TOOLS[name];
      if (program) out.set(name, program);
    }
    out.set('sh', shellProgram(def.shell));
    if (def.shell === 'ash') out.set('ash', shellProgram('ash'));
    if (def.shell === 'dash') out.set('dash', shellProgram('dash'));
    if (def.bash) out.set('bash', shellProgram('bash'));
  }
  for (const [name, program] of Object.entries(def.programs)) out.set(name, program);
  return out;
}
