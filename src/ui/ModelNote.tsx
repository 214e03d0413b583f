import { useAppState } from './context';
import './model-note.css';
import { MODEL_NOTE_TITLE, modelNote } from '../i18n/model-notes';

/**
 * The loaded scenario's system says where the model simplifies (README "What the model leaves
 * out"): the versions it follows and what it does not have. Open by default: it is short.
 */
export function ModelNote() {
  const lang = useAppState((s) => s.lang);
  const system = useAppState((s) => s.doc['system']);
  const note = modelNote(system, lang);
  if (!note) return null;
  return (
    <details className="model-note" open data-testid="model-note" data-system={String(system)}>
      <summary>{MODEL_NOTE_TITLE[lang]}</summary>
      <p>{note.follows}</p>
      <ul>
        {note.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </details>
  );
}
