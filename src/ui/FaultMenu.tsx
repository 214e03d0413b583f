import { useEffect, useRef } from 'react';
import type { Fault } from '../scenario/schema';
import type { TwoNodeFault } from '../flows/faultMode';
import { useApp, useAppState, useStrings } from './context';
import { faultActsOn } from './faultTargets';

export type MenuTarget = { kind: 'node'; id: string } | { kind: 'link'; from: string; to: string };

type Item = { label: string; run: () => void };

export function FaultMenu({
  target,
  x,
  y,
  onClose,
}: {
  target: MenuTarget;
  x: number;
  y: number;
  onClose: () => void;
}) {
  const { controller } = useApp();
  const t = useStrings();
  const frame = useAppState((s) => s.frame);
  const tUs = useAppState((s) => s.tUs);
  const ref = useRef<HTMLDivElement>(null);
  const atMs = Math.round(tUs / 1000);

  // The latest onClose, read by the one-time effect below: the parent passes a new function on
  // every render, and re-running the effect would move focus back to the first item each time.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const onClose = () => closeRef.current();
    // Focus goes back where it was (the node) when the menu closes, not to the page's body.
    const before =
      document.activeElement instanceof SVGElement || document.activeElement instanceof HTMLElement
        ? document.activeElement
        : null;
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        onClose();
        return;
      }
      // A menu moves with the arrow keys (WAI-ARIA menu pattern), Home and End.
      const items = [
        ...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
      ];
      const i = items.indexOf(document.activeElement as HTMLButtonElement);
      const to =
        e.key === 'ArrowDown'
          ? (i + 1) % items.length
          : e.key === 'ArrowUp'
            ? (i - 1 + items.length) % items.length
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? items.length - 1
                : -1;
      if (to >= 0 && items.length > 0) {
        e.preventDefault();
        items[to]?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
      // Back on the node: Escape does not drop focus to the page, and after "cut the link to…"
      // the keyboard user is on the cluster, ready to Tab to the other node and press Enter.
      if (before?.isConnected) before.focus();
    };
  }, []);

  const add = (f: Fault) => {
    controller.addFault(f);
    onClose();
  };
  const pick = (kind: TwoNodeFault, first: string) => {
    controller.faultMode.send({ type: 'START', kind, first });
    onClose();
  };

  const items: Item[] = [];
  let title: string;
  if (target.kind === 'link') {
    title = `${target.from} – ${target.to}`;
    items.push(
      {
        label: t.faults['cut-both'].replace('…', ''),
        run: () => add({ atMs, type: 'partition', a: target.from, b: target.to, oneWay: false }),
      },
      {
        label: `${t.faults['cut-one-way'].replace('…', '')}: ${target.from} → ${target.to}`,
        run: () => add({ atMs, type: 'partition', a: target.from, b: target.to, oneWay: true }),
      },
      {
        label: `${t.faults['cut-one-way'].replace('…', '')}: ${target.to} → ${target.from}`,
        run: () => add({ atMs, type: 'partition', a: target.to, b: target.from, oneWay: true }),
      },
      {
        label: t.faults['heal-link'],
        run: () => add({ atMs, type: 'heal', a: target.from, b: target.to }),
      },
    );
  } else {
    const id = target.id;
    title = t.faultMenu(id);
    const node = frame?.nodes.find((n) => n.id === id);
    const role = node?.role ?? 'broker';
    const others = (frame?.nodes ?? []).filter((n) => n.id !== id).map((n) => n.id);
    if (role === 'exchange') {
      // An exchange is routing inside the brokers, not a process: no fault acts on it alone.
    } else if (role === 'consumer') {
      items.push(
        { label: t.faults.crash, run: () => add({ atMs, type: 'crash', node: id, when: 'now' }) },
        {
          label: t.faults['crash-before'],
          run: () => add({ atMs, type: 'crash', node: id, when: 'before-process' }),
        },
        {
          label: t.faults['crash-after'],
          run: () => add({ atMs, type: 'crash', node: id, when: 'after-process' }),
        },
        { label: t.faults.restart, run: () => add({ atMs, type: 'restart', node: id }) },
        {
          label: t.faults.slow,
          run: () =>
            add({
              atMs,
              type: 'slow-consumer',
              node: id,
              processingMs: { kind: 'fixed', ms: 200 },
            }),
        },
      );
    } else {
      items.push(
        { label: t.faults.crash, run: () => add({ atMs, type: 'crash', node: id, when: 'now' }) },
        { label: t.faults.restart, run: () => add({ atMs, type: 'restart', node: id }) },
      );
      if (faultActsOn('pause', role))
        items.push(
          { label: t.faults['power-loss'], run: () => add({ atMs, type: 'power-loss', node: id }) },
          {
            label: t.faults.pause,
            run: () => add({ atMs, type: 'pause', node: id, durationMs: 2000 }),
          },
        );
    }
    if (role === 'producer')
      items.push({ label: t.faults['lose-ack'], run: () => pick('lose-ack', id) });
    if (role !== 'exchange')
      items.push(
        { label: t.faults['cut-both'], run: () => pick('cut-both', id) },
        { label: t.faults['cut-one-way'], run: () => pick('cut-one-way', id) },
      );
    if (others.length > 0 && role !== 'exchange')
      items.push({
        label: t.faults.split,
        run: () => add({ atMs, type: 'split', sides: [[id], others] }),
      });
    items.push({ label: t.faults.heal, run: () => add({ atMs, type: 'heal' }) });
  }

  const left = Math.min(x, window.innerWidth - 320);
  const top = Math.min(y, window.innerHeight - 40 - items.length * 32);
  return (
    <div className="menu" role="menu" aria-label={title} ref={ref} style={{ left, top }}>
      <p className="menu-title">{title}</p>
      {items.map((it) => (
        <button key={it.label} type="button" role="menuitem" onClick={it.run}>
          {it.label}
        </button>
      ))}
    </div>
  );
}
