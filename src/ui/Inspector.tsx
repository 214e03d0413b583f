import { detailText, type DetailValue, type StoreView } from '../engine/view';
import { WIRE_WORDS, wordFor } from '../engine/text/words';
import { keyColor } from '../viz/colors';
import { useAppState, useStrings } from './context';

function Store({ s }: { s: StoreView }) {
  const t = useStrings();
  return (
    <div className="insp-store" data-testid={`store-${s.id}`}>
      <h4>
        {s.role === 'leader'
          ? '★ '
          : s.role === 'follower'
            ? s.inSync === false
              ? '⚠ '
              : '○ '
            : ''}
        {s.label} <small>{s.role ? t.storeRoles[s.role] : t.storeKinds[s.kind]}</small>
        {s.inSync === false ? <small className="warn"> · {t.outOfSync}</small> : null}
      </h4>
      <dl className="marks">
        {Object.entries(s.marks).map(([k, v]) => (
          <div key={k}>
            <dt>{t.markLabels[k] ?? k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t.entries}</dt>
          <dd>{s.total}</dd>
        </div>
      </dl>
      <table className="entries">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t.offsetCol}</th>
            <th scope="col">{t.keyCol}</th>
            <th scope="col">{t.details}</th>
          </tr>
        </thead>
        <tbody>
          {s.entries.slice(-12).map((e, i) => (
            <tr key={`${e.msg}-${e.offset ?? i}`}>
              <td>{e.msg}</td>
              <td>{e.offset ?? ''}</td>
              <td>
                <span
                  className="swatch"
                  style={{ background: keyColor(e.key) }}
                  aria-hidden="true"
                />{' '}
                {e.key ?? '—'}
              </td>
              <td>
                {[
                  e.committed === undefined ? null : e.committed ? t.committed : t.uncommitted,
                  e.flushed === undefined ? null : e.flushed ? t.flushed : t.pageCache,
                  e.state === undefined ? null : e.state === 'ready' ? t.ready : t.unacked,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Inspector() {
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const text = (v: DetailValue): string =>
    typeof v === 'boolean' ? (v ? t.yes : t.no) : detailText(v, lang);
  const sel = useAppState((s) => s.selection);
  const frame = useAppState((s) => s.frame);
  if (!sel || !frame) return <p className="hint">{t.nothingSelected}</p>;
  if (sel.kind === 'link') {
    const flights = frame.flights.filter(
      (f) => (f.from === sel.from && f.to === sel.to) || (f.from === sel.to && f.to === sel.from),
    );
    const cut = frame.cuts.filter(
      (c) => (c.from === sel.from && c.to === sel.to) || (c.from === sel.to && c.to === sel.from),
    );
    return (
      <div className="inspector" aria-label={t.inspector}>
        <h3>
          {sel.from} – {sel.to}
        </h3>
        {cut.map((c) => (
          <p key={`${c.from}>${c.to}`} className="warn">
            ✂ {t.cut}: {c.from} → {c.to}
          </p>
        ))}
        <p>
          {t.inFlight}: {flights.length}
        </p>
        <ul className="flights">
          {flights.slice(-12).map((f) => (
            <li key={f.k}>
              {f.from} → {f.to} {wordFor(WIRE_WORDS, f.type, lang)} {f.msg >= 0 ? `#${f.msg}` : ''}{' '}
              {f.n > 1 ? `(×${f.n})` : ''}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (sel.kind === 'store') {
    const s = frame.stores.find((x) => x.id === sel.id);
    return (
      <div className="inspector">
        {s ? <Store s={s} /> : <p className="hint">{t.nothingSelected}</p>}
      </div>
    );
  }
  const node = frame.nodes.find((n) => n.id === sel.id);
  if (!node) return <p className="hint">{t.nothingSelected}</p>;
  const stores = frame.stores.filter((s) => s.node === node.id);
  return (
    <div className="inspector" data-testid="inspector">
      <h3>
        {node.id} <small>{t.roles[node.role]}</small>{' '}
        <span className={`status status-${node.status}`}>{t.status[node.status]}</span>
      </h3>
      {/* A client's group: its Kafka consumer group or its AMQP queue (a broker's is its cluster). */}
      {node.group && (node.role === 'consumer' || node.role === 'producer') ? (
        <p>
          {frame.system === 'kafka' || frame.system === 'rocketmq' ? t.groupKafka : t.groupQueue}
          {lang === 'zh' ? '：' : ': '}
          <strong>{node.group}</strong>
        </p>
      ) : null}
      <dl className="detail">
        {Object.entries(node.detail)
          .map(([k, v]) => [k, text(v)] as const)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (
            <div key={k} data-detail={k}>
              <dt>{t.detailLabels[k] ?? k}</dt>
              <dd>
                {v.includes('; ') ? (
                  <ul>
                    {v.split('; ').map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : (
                  v
                )}
              </dd>
            </div>
          ))}
      </dl>
      {stores.map((s) => (
        <Store key={s.id} s={s} />
      ))}
    </div>
  );
}
