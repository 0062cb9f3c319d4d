// The programs images run as their main process: servers that log as the real ones do and
// answer HTTP on their port, one-shot jobs, and the ones that refuse to start without their
// configuration. Each decides what its container does: how long it runs, what it logs, how
// it exits and how it takes SIGTERM.
import type { HttpHandler, HttpResult, Program, ProcessContext } from './process.ts';
import { Mi } from './usage.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's log package and nginx's error log: `2026/12/02 00:20:30`. */
function slashTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Common log format's time: `02/Dec/2026:00:20:30 +0000`. */
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const ok = (body: string, contentType = 'text/html'): HttpResult & { ok: true } => ({
  ok: true, status: 200, reason: 'OK', headers: { 'Content-Type': contentType, 'Content-Length': String(new TextEncoder().encode(body).length) }, body,
});

/**
 * Listens on `ports` until killed. `onTerm` says what SIGTERM does: the exit code to end with
 * (after its last log lines), or undefined to ignore it as PID 1 does without a handler.
 */
async function serve(ctx: ProcessContext, ports: [number, HttpHandler][], onTerm?: () => number | undefined): Promise<number> {
  for (const [port, handler] of ports) ctx.container.listeners.set(port, handler);
  if (onTerm) {
    ctx.onTerm(() => {
      const code = onTerm();
      if (code !== undefined) ctx.exit(code);
    });
  }
  try {
    await ctx.sleep(Number.MAX_SAFE_INTEGER / 2);
    return 0;
  } finally {
    for (const [port] of ports) ctx.container.listeners.delete(port);
  }
}

/** A small Go HTTP server at rest: its GC and timers wake it rarely. */
const GO_SERVER = { cpu: [-0.004, 0.001], memory: [2 * Mi, 4 * Mi] } as const;

/** Go's runtime on an unhandled SIGTERM as PID 1: the signal's default action is ignored for init, so it exits 2. */
const GO_TERM = () => 2;

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const IMAGE_FILES = { nginxIndex: NGINX_INDEX };

const NOT_FOUND_PAGE = (server: string) => `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;

/** nginx (the official image): its entrypoint's lines, the master's notices, an access log line per request; SIGTERM → fast shutdown, exit 0. */
export const nginx: Program = async (ctx) => {
  // Idle nginx: a worker wakes now and then (0–1m), a few MiB resident.
  ctx.use({ cpu: [-0.003, 0.001], memory: [3 * Mi, 8 * Mi] });
  const version = ctx.env.get('NGINX_VERSION') ?? '1.29.3';
  const now = () => slashTime(ctx.clock.now());
  if (ctx.argv[0]?.endsWith('docker-entrypoint.sh')) {
    ctx.io.stdout([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ].map((l) => `${l}\n`).join(''));
  }
  ctx.io.stderr([
    `${now()} [notice] 1#1: using the "epoll" event method`,
    `${now()} [notice] 1#1: nginx/${version}`,
    `${now()} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
    `${now()} [notice] 1#1: OS: Linux 6.1.0-28-cloud-amd64`,
    `${now()} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${now()} [notice] 1#1: start worker processes`,
    `${now()} [notice] 1#1: start worker process 29`,
    `${now()} [notice] 1#1: start worker process 30`,
  ].map((l) => `${l}\n`).join(''));
  const handler: HttpHandler = (req) => {
    const root = '/usr/share/nginx/html';
    const path = req.path.split('?')[0]!;
    const file = `${root}${path.endsWith('/') ? `${path}index.html` : path}`;
    const fs = ctx.container.fs;
    const res = fs.isFile(file) ? ok(fs.read(file)) : { ok: true as const, status: 404, reason: 'Not Found', headers: { 'Content-Type': 'text/html' }, body: NOT_FOUND_PAGE(`nginx/${version}`) };
    res.headers = { Server: `nginx/${version}`, ...res.headers };
    ctx.io.stdout(`127.0.0.1 - - [${clfTime(ctx.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "curl/7.88.1" "-"\n`);
    return res;
  };
  return serve(ctx, [[80, handler]], () => {
    ctx.io.stderr(`${now()} [notice] 1#1: signal 15 (SIGTERM) received, exiting\n${now()} [notice] 29#29: exiting\n${now()} [notice] 29#29: exit\n${now()} [notice] 1#1: signal 17 (SIGCHLD) received from 29\n${now()} [notice] 1#1: worker process 29 exited with code 0\n${now()} [notice] 1#1: exit\n`);
    return 0;
  });
};

/** redis-server: its banner lines and "Ready to accept connections"; SIGTERM → save-less shutdown, exit 0. */
export const redis: Program = async (ctx) => {
  // redis-server's serverCron runs at hz 10: about 2m even when idle.
  ctx.use({ cpu: [0.0015, 0.0025], memory: [3.5 * Mi, 4.5 * Mi] });
  const version = ctx.env.get('REDIS_VERSION') ?? '8.2.3';
  const stamp = () => {
    const d = new Date(ctx.clock.now());
    return `1:M ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  };
  ctx.io.stdout([
    `1:C ${stamp().slice(4)} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.`,
    `1:C ${stamp().slice(4)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${stamp().slice(4)} * Redis version=${version}, bits=64, commit=00000000, modified=1, pid=1, just started`,
    `1:C ${stamp().slice(4)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    `${stamp()} * monotonic clock: POSIX clock_gettime`,
    `${stamp()} * Running mode=standalone, port=6379.`,
    `${stamp()} * Server initialized`,
    `${stamp()} * Ready to accept connections tcp`,
  ].map((l) => `${l}\n`).join(''));
  return serve(ctx, [], () => {
    ctx.io.stdout(`${stamp()} # Received SIGTERM scheduling shutdown...\n${stamp()} * User requested shutdown...\n${stamp()} # Redis is now ready to exit, bye bye...\n`);
    return 0;
  });
};

/** Apache httpd: its two AH lines; SIGTERM → graceful stop. */
export const httpd: Program = async (ctx) => {
  ctx.use({ cpu: [-0.002, 0.001], memory: [6 * Mi, 9 * Mi] });
  const d = new Date(ctx.clock.now());
  const stamp = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
  ctx.io.stderr(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.container.hostname}. Set the 'ServerName' directive globally to suppress this message\n`);
  ctx.io.stderr(`[${stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations\n[${stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  return serve(ctx, [[80, () => ok('<html><body><h1>It works!</h1></body></html>\n')]], () => 0);
};

/** gcr.io/google-samples/hello-app: a Go server on $PORT (8080). */
export const helloApp: Program = async (ctx) => {
  ctx.use(GO_SERVER);
  const port = Number(ctx.env.get('PORT') ?? 8080);
  ctx.io.stderr(`${slashTime(ctx.clock.now())} Server listening on port ${port}\n`);
  const version = ctx.env.get('HELLO_APP_VERSION') ?? '1.0.0';
  return serve(ctx, [[port, (req) => {
    ctx.io.stderr(`${slashTime(ctx.clock.now())} Serving request: ${req.path}\n`);
    return ok(`Hello, world!\nVersion: ${version}\nHostname: ${ctx.container.hostname}\n`, 'text/plain; charset=utf-8');
  }]], GO_TERM);
};

/** hashicorp/http-echo: `-text=...` on `-listen=:5678`. */
export const httpEcho: Program = async (ctx) => {
  ctx.use(GO_SERVER);
  const arg = (name: string) => ctx.argv.find((a) => a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
  const text = arg('text');
  if (text === undefined) {
    ctx.io.stderr('[ERR] Missing -text option!\n');
    return 127;
  }
  const port = Number((arg('listen') ?? ':5678').split(':').pop());
  ctx.io.stderr(`${slashTime(ctx.clock.now())} [INFO] server is listening on :${port}\n`);
  return serve(ctx, [[port, () => ok(`${text}\n`, 'text/plain; charset=utf-8')]], GO_TERM);
};

/** registry.k8s.io/pause: sleeps until signalled; it handles SIGTERM (exit 0). */
export const pause: Program = async (ctx) => serve(ctx, [], () => 0);

/** A long-running process that logs nothing (images whose behaviour Pilothouse does not model). */
export const idle: Program = async (ctx) => {
  ctx.use({ cpu: [-0.004, 0.001], memory: [5 * Mi, 12 * Mi] });
  return serve(ctx, [], GO_TERM);
};

/** perl: runs `-e`/`-le` one-liners of the pi Job from the docs (`print bpi(2000)`); anything else ends at once. */
export const perl: Program = async (ctx) => {
  const flag = ctx.argv.findIndex((a) => /^-\w*e$/.test(a));
  const script = flag > 0 ? ctx.argv[flag + 1] ?? '' : '';
  const bpi = /bpi\((\d+)\)/.exec(script);
  if (bpi) {
    const digits = Number(bpi[1]);
    // The real Job computes for a few seconds on a node.
    await ctx.sleep(Math.min(60_000, 2_000 + digits * 2));
    ctx.io.stdout(`${piDigits(digits)}\n`);
    return 0;
  }
  const print = /print\s+"?([^";]*)"?/.exec(script);
  if (print) ctx.io.stdout(`${print[1]}\n`);
  return 0;
};

/** π to `n` significant digits (Rabinowitz–Wagon spigot), as bignum's bpi(n) prints it: `3.14159...`. */
export function piDigits(n: number): string {
  const len = Math.floor((10 * n) / 3) + 2;
  const a = new Array<number>(len).fill(2);
  let out = '';
  let nines = 0;
  let predigit = 0;
  for (let j = 0; j < n + 1; j++) {
    let q = 0;
    for (let i = len - 1; i >= 0; i--) {
      const x = 10 * a[i]! + q * (i + 1);
      a[i] = x % (2 * i + 1);
      q = Math.floor(x / (2 * i + 1));
    }
    a[0] = q % 10;
    q = Math.floor(q / 10);
    if (q === 9) nines++;
    else if (q === 10) {
      out += String(predigit + 1) + '0'.repeat(nines);
      predigit = 0;
      nines = 0;
    } else {
      if (j > 0) out += String(predigit);
      predigit = q;
      if (nines) {
        out += '9'.repeat(nines);
        nines = 0;
      }
    }
  }
  out += String(predigit);
  // bpi rounds its last digit where this spigot truncates it.
  const digits = out.slice(0, n);
  return `${digits[0]}.${digits.slice(1)}`;
}

/** The database images: without their required password variable they refuse to start, as the real entrypoints do. */
export const mysql: Program = async (ctx) => {
  ctx.use({ cpu: [0.003, 0.006], memory: [360 * Mi, 420 * Mi] });
  const stamp = () => new Date(ctx.clock.now()).toISOString().replace('T', ' ').slice(0, 19) + '+00:00';
  if (!['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((v) => ctx.env.has(v))) {
    ctx.io.stderr(`${stamp()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.5.0-1.el9 started.\n${stamp()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
    return 1;
  }
  ctx.io.stderr(`${stamp()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.5.0-1.el9 started.\n${stamp()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.5.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`);
  return serve(ctx, [], () => 0);
};

export const postgres: Program = async (ctx) => {
  ctx.use({ cpu: [0.0005, 0.002], memory: [20 * Mi, 30 * Mi] });
  if (!ctx.env.has('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    ctx.io.stderr(`Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n`);
    return 1;
  }
  const stamp = () => `${new Date(ctx.clock.now()).toISOString().replace('T', ' ').slice(0, 23)} UTC`;
  ctx.io.stderr(`${stamp()} [1] LOG:  starting PostgreSQL 18.1 (Debian 18.1-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit\n${stamp()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n${stamp()} [1] LOG:  database system is ready to accept connections\n`);
  return serve(ctx, [], () => {
    ctx.io.stderr(`${stamp()} [1] LOG:  received fast shutdown request\n${stamp()} [1] LOG:  database system is shut down\n`);
    return 0;
  });
};

/** python3 / node with no script and no terminal: the REPL reads an empty stdin and exits 0. */
export const repl: Program = async (ctx) => {
  for (let chunk = await ctx.io.readStdin(); chunk !== undefined; chunk = await ctx.io.readStdin()) { /* read to the end */ }
  return 0;
};

/** stress's byte counts: a number with an optional b, k, m or g suffix, in powers of 1024 (stress.c atoll_b). */
function stressBytes(text: string): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(text);
  if (!m) return 256 * Mi;
  const unit = { '': 1, b: 1, k: 1024, m: Mi, g: 1024 * Mi }[m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

/**
 * `stress` (vish/stress, polinux/stress): runs its workers until killed. Each `--cpu` worker
 * spins one core (the CPU limit throttles them); each `--vm` worker keeps `--vm-bytes`
 * (default 256M) allocated and touched, spinning on malloc/free unless `--vm-hang` makes it
 * sleep between rounds. Past the memory limit the OOM killer ends the container.
 */
export const stress: Program = async (ctx) => {
  const option = (name: string) => (ctx.argv.includes(name) ? ctx.argv[ctx.argv.indexOf(name) + 1] : undefined);
  const cpu = Number(option('--cpu') ?? 0) || 0;
  const vm = Number(option('--vm') ?? 0) || 0;
  const vmBytes = stressBytes(option('--vm-bytes') ?? '256M');
  const vmCpu = option('--vm-hang') !== undefined && option('--vm-hang') !== '0' ? [0.04, 0.08] as const : [0.95, 1] as const;
  ctx.io.stdout(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
  ctx.use({
    cpu: [cpu * 0.99 + vm * vmCpu[0], cpu + vm * vmCpu[1]],
    memory: [vm * vmBytes + 0.6 * Mi, vm * vmBytes + 1.2 * Mi],
  });
  return serve(ctx, [], () => undefined);
};
