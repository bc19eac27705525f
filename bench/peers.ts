/**
 * The peer linters timed on the same text as the analysis. All three are ESM-only; `scripts/build.mjs --bench`
 * keeps them external so they are loaded here with a real dynamic import() from node_modules.
 */

export interface Peer {
  readonly name: string;
  /** What is timed: the peer's own processing of the Markdown text. */
  readonly what: string;
  /** Run the peer on `text`; resolves to the number of problems it reports. */
  readonly run: (text: string) => number | Promise<number>;
  /** One-time setup (loading the module, instantiating WebAssembly), not counted in the timings. */
  readonly setupMs: number;
}

export interface Unavailable {
  readonly name: string;
  readonly reason: string;
}

async function timed<T>(load: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await load();
  return { value, ms: performance.now() - start };
}

async function markdownlint(): Promise<Peer> {
  const { value: mod, ms } = await timed(() => import('markdownlint/sync'));
  return {
    name: 'markdownlint',
    what: 'lint({ strings }) from markdownlint/sync, default rules',
    setupMs: ms,
    run: (text) => mod.lint({ strings: { proposal: text } }).proposal?.length ?? 0,
  };
}

async function alex(): Promise<Peer> {
  const { value: mod, ms } = await timed(() => import('alex'));
  return {
    name: 'alex',
    what: 'markdown(text): remark-parse + remark-gfm + frontmatter + remark-retext (retext-english, equality, profanities)',
    setupMs: ms,
    run: (text) => mod.markdown(text).messages.length,
  };
}

async function harper(): Promise<Peer> {
  // The WebAssembly file is read from node_modules/harper.js/dist (fs, no network); the curated
  // dictionary is built on the first lint, which is counted in setup.
  const { value: linter, ms } = await timed(async () => {
    const [{ LocalLinter }, { binary }] = await Promise.all([import('harper.js'), import('harper.js/binary')]);
    const l = new LocalLinter({ binary });
    await l.setup();
    await l.lint('A first sentence to build the dictionary.');
    return l;
  });
  return {
    name: 'harper',
    what: 'LocalLinter.lint(text) (WASM, markdown, default rules)',
    setupMs: ms,
    run: async (text) => (await linter.lint(text)).length,
  };
}

/** Load every peer; one that cannot run is reported with its reason instead of failing the bench. */
export async function loadPeers(): Promise<{ peers: Peer[]; unavailable: Unavailable[] }> {
  const peers: Peer[] = [];
  const unavailable: Unavailable[] = [];
  for (const [name, load] of [['markdownlint', markdownlint], ['alex', alex], ['harper', harper]] as const) {
    try {
      const peer = await load();
      await peer.run('# Check\n\nA short paragraph to check that the peer runs.\n');
      peers.push(peer);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      unavailable.push({ name, reason: name === 'harper' ? `could not run offline from the npm package alone: ${reason}` : reason });
    }
  }
  return { peers, unavailable };
}
