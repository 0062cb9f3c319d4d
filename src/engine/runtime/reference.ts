// Image references as containerd and the kubelet read them (distribution/reference):
// `nginx` is `docker.io/library/nginx:latest`, `user/app:1` is `docker.io/user/app:1`, a
// registry host keeps its path. The kubelet refuses what does not parse (InvalidImageName)
// with reference's own error texts.

export interface ImageReference {
  /** `docker.io/library/nginx` */
  repository: string;
  /** `latest` when absent (and no digest). */
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` (or `...@sha256:...`). */
  normalized: string;
}

export type ParsedReference = { ok: true; value: ImageReference } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses an image name (what a pod's `image:` holds). */
export function parseImageReference(image: string): ParsedReference {
  const invalid = (reason: string) => ({ ok: false as const, message: reason });
  if (!image) return invalid('invalid reference format');
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return invalid('invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return invalid('invalid reference format');
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) domain = parts.shift()!;
  if (!parts.length || parts.some((p) => !COMPONENT.test(p))) {
    return invalid(parts.some((p) => p !== p.toLowerCase() && COMPONENT.test(p.toLowerCase())) ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format');
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = `${domain}/${parts.join('/')}`;
  const finalTag = tag ?? (digest ? '' : 'latest');
  return {
    ok: true,
    value: {
      repository, tag: finalTag, ...(digest ? { digest } : {}),
      normalized: digest ? `${repository}${finalTag ? `:${finalTag}` : ''}@${digest}` : `${repository}:${finalTag}`,
    },
  };
}

/** A stable sha256-shaped digest for a name (what the simulated registry answers; not a real hash). */
export function digestOf(name: string): string {
  let out = '';
  for (let seed = 0; out.length < 64; seed++) {
    // FNV-1a over the name and a counter: 8 hex digits per round.
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}
