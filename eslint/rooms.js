// ESLint rule enforcing STYLE.md §1: a room's public face is its index.ts; rooms import each
// other only through it, only downward, and never their own index.ts from inside.
import path from 'node:path';

// Higher ranks may import lower ranks; rooms of equal rank may not import each other.
// ui -> kubectl/lessons -> cluster -> components -> client -> api -> store -> clock
export const ROOM_RANKS = {
  'engine/clock': 0,
  'engine/store': 1,
  'engine/api': 2,
  'engine/client': 3,
  // The runtime's containers sit on the pod network: it uses the network room's shapes.
  'engine/runtime': 4.5,
  'engine/network': 4,
  'engine/scheduler': 5,
  'engine/controllers': 5,
  'engine/kubelet': 5,
  'engine/metrics': 5,
  'engine/cluster': 6,
  'engine/snapshot': 7,
  kubectl: 8,
  lessons: 9,
  serve: 9,
  ui: 10,
  cli: 10,
};

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const TEST = path.resolve(import.meta.dirname, '..', 'test');

/** The room a file belongs to: `engine/store`, `kubectl`, `test`, or undefined outside rooms. */
export function roomOf(file) {
  if (file.startsWith(TEST + path.sep)) return { name: 'test', dir: TEST };
  if (!file.startsWith(SRC + path.sep)) return undefined;
  const parts = path.relative(SRC, file).split(path.sep);
  const name = parts[0] === 'engine' && parts.length > 2 ? `engine/${parts[1]}` : parts.length > 1 ? parts[0] : undefined;
  return name === undefined ? undefined : { name, dir: path.join(SRC, name) };
}

function isIndex(target, roomDir) {
  const rel = path.relative(roomDir, target).replace(/\.(ts|tsx|js)$/, '');
  return rel === '' || rel === 'index';
}

export const roomsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'rooms import each other only through index.ts and only downward' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = roomOf(file);
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const to = roomOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : target + '.ts');
      if (!to) return;
      if (to.name === from.name) {
        if (isIndex(target, to.dir) && from.name !== 'test')
          context.report({ node, message: `import a sibling file, not your own room's index (${to.name})` });
        return;
      }
      if (!isIndex(target, to.dir))
        context.report({ node, message: `import room '${to.name}' only through its index.ts` });
      const fromRank = from.name === 'test' ? Infinity : ROOM_RANKS[from.name];
      const toRank = ROOM_RANKS[to.name];
      if (fromRank === undefined || toRank === undefined)
        context.report({ node, message: `room '${fromRank === undefined ? from.name : to.name}' has no rank in eslint/rooms.js` });
      else if (toRank >= fromRank)
        context.report({ node, message: `room '${from.name}' may not import '${to.name}': imports point down only` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
