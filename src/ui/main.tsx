import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';
import { bootPlayground } from './boot.ts';

// Booted once, outside React: StrictMode runs effects twice, and the cluster must open once.
void bootPlayground({ indexedDB: globalThis.indexedDB });
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
