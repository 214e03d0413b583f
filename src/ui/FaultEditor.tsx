import { useEffect, useRef, useState } from 'react';
import type { Fault } from '../scenario/schema';
import { NEWCOMER_STRINGS } from '../i18n/newcomer';
import { useApp, useAppState } from './context';
import { faultTargets } from './faultTargets';

/**
 * The small editor a click on a fault marker opens: its time, its target (only nodes the fault
 * acts on) and Delete. Nothing changes until Apply or Delete, so touching a marker is safe.
 */
export function FaultEditor({
  index,
  x,
  label,
  onClose,
}: {
  index: number;
  x: number;
  label: string;
  onClose: () => void;
}) {
  const { controller } = useApp();
  const lang = useAppState((s) => s.lang);
  const doc = useAppState((s) => s.doc);
  const nodes = useAppState((s) => s.frame?.nodes);
  const n = NEWCOMER_STRINGS[lang];
  const fault = ((doc['faults'] as Fault[] | undefined) ?? [])[index];
  const [sec, setSec] = useState(fault ? (fault.atMs / 1000).toFixed(3) : '0');
  const [target, setTarget] = useState(fault && 'node' in fault ? fault.node : '');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  if (!fault) return null;
  const targets = 'node' in fault ? faultTargets(fault.type, nodes ?? []) : [];
  const apply = () => {
    const atMs = Math.max(0, Math.round(Number(sec) * 1000));
    if (!Number.isFinite(atMs)) return;
    const next: Fault =
      'node' in fault && target && targets.includes(target)
        ? { ...fault, atMs, node: target }
        : { ...fault, atMs };
    controller.replaceFault(index, next);
    onClose();
  };
  return (
    <div
      className="fault-editor"
      role="dialog"
      aria-label={n.faultEditor(label)}
      ref={ref}
      style={{ left: Math.max(4, x - 120) }}
    >
      <p className="menu-title">{label}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label>
          {n.faultTime}
          <input
            type="number"
            min={0}
            step={0.001}
            value={sec}
            onChange={(e) => setSec(e.target.value)}
          />
        </label>
        {targets.length > 0 ? (
          <label>
            {n.faultTarget}
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="fault-editor-buttons">
          <button type="submit" className="primary">
            {n.faultApply}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              controller.deleteFault(index);
              onClose();
            }}
          >
            {n.faultDelete}
          </button>
          <button type="button" onClick={onClose}>
            {n.faultClose}
          </button>
        </div>
      </form>
    </div>
  );
}
