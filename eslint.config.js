import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { roomsRule } from './eslint/rooms.js';

const realTime = 'The engine runs on the virtual clock (src/engine/clock); see DESIGN.md "Time".';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/engine/api/generated/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { pilothouse: { rules: { rooms: roomsRule } } },
    rules: {
      'pilothouse/rooms': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/clock/**'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: realTime }, { name: 'setInterval', message: realTime },
        { name: 'clearTimeout', message: realTime }, { name: 'clearInterval', message: realTime },
        { name: 'setImmediate', message: realTime }, { name: 'performance', message: realTime },
        { name: 'requestAnimationFrame', message: realTime }, { name: 'window', message: 'The engine has no DOM.' },
        { name: 'document', message: 'The engine has no DOM.' }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: realTime },
        { object: 'Math', property: 'random', message: 'Use the seeded RNG of src/engine/clock.' },
        { object: 'globalThis', property: 'setTimeout', message: realTime },
        { object: 'globalThis', property: 'setInterval', message: realTime }],
      'no-restricted-syntax': ['error',
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: realTime }],
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom', 'zustand', '@xyflow/react', 'monaco-editor', '@xterm/xterm'].map((name) => ({ name, message: 'The engine has no React and no DOM.' })),
        patterns: [{ group: ['node:timers', 'node:timers/*', 'timers', 'timers/*', 'node:perf_hooks'], message: realTime }],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
