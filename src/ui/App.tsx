import { useCluster } from './stores/cluster.ts';

/** The playground shell. For now: the title bar, the cluster's revision and its namespaces. */
export function App() {
  const phase = useCluster((s) => s.phase);
  const revision = useCluster((s) => s.revision);
  const namespaces = useCluster((s) => s.namespaces);
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
      {phase === 'ready' && (
        <section aria-label="namespaces">
          <h2>Namespaces</h2>
          <ul>{namespaces.map((n) => <li key={n}>{n}</li>)}</ul>
        </section>
      )}
    </main>
  );
}
