/** The playground shell. For now: the title bar and the store's revision. */
export function App() {
  return (
    <main className="shell">
      <header><h1>Pilothouse</h1></header>
    </main>
  );
}
