import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import { useBlocker as useRouterBlocker, type Blocker, type BlockerFunction } from 'react-router';

/**
 * react-router consults only the newest of several mounted blockers (and warns "A router only
 * supports one blocker at a time"), so a screen with two guarded forms (a page and its dialog,
 * a page and its activity panel) would silently drop the first one's question. The layout holds
 * the one router blocker; each form registers its condition here, and a blocked navigation is
 * handed to the newest form whose condition holds.
 */
interface LeaveRegistry {
  add(id: string, shouldBlock: BlockerFunction): void;
  remove(id: string): void;
  blocker: Blocker;
  /** The form the blocked navigation belongs to. */
  owner: string | null;
}

const LeaveContext = createContext<LeaveRegistry | null>(null);

const idle: Blocker = { state: 'unblocked', proceed: undefined, reset: undefined, location: undefined };

export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const guards = useRef(new Map<string, BlockerFunction>());
  const owner = useRef<string | null>(null);
  const blocker = useRouterBlocker((args) => {
    // newest first, like the router itself, but every registered form is asked
    const hit = [...guards.current.entries()].reverse().find(([, shouldBlock]) => shouldBlock(args));
    owner.current = hit?.[0] ?? null;
    return hit !== undefined;
  });
  const registry: LeaveRegistry = {
    add: (id, shouldBlock) => void guards.current.set(id, shouldBlock),
    remove: (id) => void guards.current.delete(id),
    blocker,
    owner: owner.current,
  };
  return <LeaveContext.Provider value={registry}>{children}</LeaveContext.Provider>;
}

/**
 * Drop-in for react-router's useBlocker under LeaveGuardProvider: the blocker is this form's only
 * while a navigation it asked to block waits for an answer.
 */
export function useBlocker(shouldBlock: BlockerFunction | boolean): Blocker {
  const registry = useContext(LeaveContext);
  if (!registry) throw new Error('useBlocker needs a LeaveGuardProvider (App.tsx)');
  const id = useId();
  const latest = useRef(shouldBlock);
  latest.current = shouldBlock;
  const { add, remove } = registry;
  useEffect(() => {
    add(id, (args) => (typeof latest.current === 'function' ? latest.current(args) : latest.current));
    return () => remove(id);
    // add/remove only touch the provider's ref; registering once per mount keeps the order of mounting
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return registry.owner === id ? registry.blocker : idle;
}
