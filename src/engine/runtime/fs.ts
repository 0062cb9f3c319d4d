// A container's filesystem: the image's files, the volume mounts over them, and what the
// container writes. Only regular files and directories; paths are absolute and normalized.
// A mount replaces what the image has under its path, and a read-only mount refuses writes
// with the kernel's EROFS text, as `echo x > /etc/config/a` does in a real pod.
import type { Mount } from './cri.ts';

/** An fs call's failure, as coreutils/busybox print it after the program name: `No such file or directory`. */
export class FsError extends Error {
  constructor(readonly path: string, readonly reason: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY') {
    super(FS_MESSAGES[reason]);
    this.name = 'FsError';
  }
}

const FS_MESSAGES = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
} as const;

/** `/a/./b/../c/` → `/a/c`; relative paths resolve against `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

export class ContainerFs {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['/']);
  private readonly readOnly: string[] = [];

  /** `image`: path → content of the image's files (their directories are implied; a path ending in `/` is an empty directory). */
  constructor(image: Record<string, string>, mounts: Mount[]) {
    for (const [path, content] of Object.entries(image)) {
      if (path.endsWith('/')) this.mkdirs(resolvePath('/', path));
      else this.put(resolvePath('/', path), content);
    }
    for (const mount of mounts) {
      const root = resolvePath('/', mount.containerPath);
      this.removeTree(root);
      this.mkdirs(root);
      for (const [rel, content] of Object.entries(mount.files)) this.put(resolvePath(root, rel), content);
      if (mount.readOnly) this.readOnly.push(root);
    }
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  exists(path: string): boolean {
    return this.isDir(path) || this.isFile(path);
  }

  read(path: string): string {
    const content = this.files.get(path);
    if (content !== undefined) return content;
    throw new FsError(path, this.dirs.has(path) ? 'EISDIR' : 'ENOENT');
  }

  write(path: string, content: string, append = false): void {
    if (this.dirs.has(path)) throw new FsError(path, 'EISDIR');
    if (!this.dirs.has(parentOf(path))) throw new FsError(path, this.files.has(parentOf(path)) ? 'ENOTDIR' : 'ENOENT');
    this.checkWritable(path);
    this.files.set(path, (append ? this.files.get(path) ?? '' : '') + content);
  }

  /** The names in a directory, sorted as `ls` sorts them (byte order in the C locale). */
  list(path: string): string[] {
    if (this.files.has(path)) throw new FsError(path, 'ENOTDIR');
    if (!this.dirs.has(path)) throw new FsError(path, 'ENOENT');
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.dirs]) {
      if (entry.startsWith(prefix) && entry !== path) names.add(entry.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }

  mkdir(path: string, parents: boolean): void {
    if (this.exists(path)) {
      if (parents && this.dirs.has(path)) return;
      throw new FsError(path, 'EEXIST');
    }
    if (!parents && !this.dirs.has(parentOf(path))) throw new FsError(path, 'ENOENT');
    this.checkWritable(path);
    this.mkdirs(path);
  }

  remove(path: string, recursive: boolean): void {
    if (!this.exists(path)) throw new FsError(path, 'ENOENT');
    this.checkWritable(path);
    if (this.dirs.has(path)) {
      if (!recursive) throw new FsError(path, 'EISDIR');
      this.removeTree(path);
    } else {
      this.files.delete(path);
    }
  }

  private checkWritable(path: string): void {
    if (this.readOnly.some((root) => path === root || path.startsWith(`${root}/`))) throw new FsError(path, 'EROFS');
  }

  private put(path: string, content: string): void {
    this.mkdirs(parentOf(path));
    this.files.set(path, content);
  }

  private mkdirs(path: string): void {
    for (let p = path; !this.dirs.has(p); p = parentOf(p)) this.dirs.add(p);
  }

  private removeTree(root: string): void {
    const inside = (p: string) => p === root || p.startsWith(`${root}/`);
    for (const p of [...this.files.keys()]) if (inside(p)) this.files.delete(p);
    for (const p of [...this.dirs]) if (inside(p) && p !== '/') this.dirs.delete(p);
  }
}
