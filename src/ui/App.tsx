import { useCluster } from './stores/cluster.ts';

/** The playground shell. For now: the title bar and the store's revision. */
export function App() {
  const phase = useCluster((s) => s.phase);
  const revision = useCluster((s) => s.revision);
  const error = useCluster((s) => s.error);
  return (
    <main className="shell" data-phase={phase}>
      <header>
        <h1>Pilothouse</h1>
        <p className="store-status">
          {phase === 'booting' ? 'starting the cluster…' : 'store revision '}
          {phase !== 'booting' && <span data-testid="store-revision">{revision}</span>}
        </p>
      </header>
      {phase === 'failed' && <p role="alert">The cluster could not start: {error}</p>}
    </main>
  );
}
